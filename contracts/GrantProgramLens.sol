// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IEntityRegistry } from "./interfaces/IEntityRegistry.sol";
import { IGrantProgram } from "./interfaces/IGrantProgram.sol";
import { Bitmap16 } from "./libraries/Bitmap16.sol";
import { Program } from "./types/DataTypes.sol";

/// @title GrantProgramLens
/// @notice Read-only aggregations over a program for tooling and the portal: a grant with its
/// milestones, an entity's awards, the current committee. Stateless; holds no money and no role.
/// @dev Kept out of {GrantProgram} so the program stays well under the 24 KiB code size limit.
/// Everything here is derived from the program's own getters, so it can never disagree with it.
contract GrantProgramLens {
    /// @notice The current reviewers of a program, in slot order.
    function reviewers(IGrantProgram program) external view returns (address[] memory list) {
        uint16 active = program.settings().activeReviewers;
        list = new address[](Bitmap16.count(active));
        uint256 n;
        for (uint8 slot = 1; slot <= 16; ++slot) {
            if (Bitmap16.has(active, slot - 1)) list[n++] = program.reviewerAt(slot);
        }
    }

    /// @notice A grant's milestones with their derived states, current evidence, and calendar deadlines
    /// and notice ends (as {IProgramViews.milestone} gives them).
    function milestones(
        IGrantProgram program,
        uint256 grantId
    ) external view returns (Program.MilestoneView[] memory list) {
        uint256 count = program.grant(grantId).milestoneCount;
        list = new Program.MilestoneView[](count);
        for (uint8 i = 0; i < count; ++i) {
            Program.Milestone memory m = program.milestone(grantId, i);
            list[i] = Program.MilestoneView({
                amount: m.amount,
                deadline: m.deadline,
                noticeEndsAt: m.noticeEndsAt,
                state: program.milestoneState(grantId, i),
                approvals: m.approvals,
                rejections: m.rejections,
                evidenceHash: program.evidenceOf(grantId, i)
            });
        }
    }

    /// @notice The total awarded, paid and still reserved amounts of a grant.
    function grantTotals(
        IGrantProgram program,
        uint256 grantId
    ) external view returns (uint256 awarded, uint256 paid, uint256 reserved) {
        Program.Grant memory g = program.grant(grantId);
        for (uint8 i = 0; i < g.milestoneCount; ++i) {
            Program.Milestone memory m = program.milestone(grantId, i);
            awarded += m.amount;
            if (m.status == Program.MilestoneState.Paid) paid += m.amount;
        }
        reserved = g.reserved;
    }

    /// @notice The grant ids an entity holds in a program, one per category id (index = id - 1;
    /// zero where none). An award in a shared exclusivity group held through another program or
    /// category shows as zero here; see {IEntityRegistry.awardHolder}.
    function awardsOf(IGrantProgram program, uint64 entityNo) external view returns (uint256[] memory grantIds) {
        uint16 count = program.settings().categoryCount;
        IEntityRegistry registry = program.registry();
        grantIds = new uint256[](count);
        for (uint16 id = 1; id <= count; ++id) {
            (address holder, uint96 grantId) = registry.awardHolder(entityNo, program.category(id).awardKey);
            if (holder == address(program) && program.grant(grantId).categoryId == id) grantIds[id - 1] = grantId;
        }
    }
}
