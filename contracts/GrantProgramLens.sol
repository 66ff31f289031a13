// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IEntityRegistry } from "./interfaces/IEntityRegistry.sol";
import { IGrantProgram } from "./interfaces/IGrantProgram.sol";
import { Bitmap16 } from "./libraries/Bitmap16.sol";
import { Errors } from "./libraries/Errors.sol";
import { Program } from "./types/DataTypes.sol";

/// @title GrantProgramLens
/// @notice Read-only aggregations over a program for tooling and the portal: a grant with its
/// milestones, an entity's awards, the current committee. Stateless; holds no money and no role.
/// @dev Kept out of {GrantProgram} so the program stays well under the 24 KiB code size limit.
/// Everything here is derived from the program's own getters, so it can never disagree with it.
contract GrantProgramLens {
    /// @notice The most rows one page may ask for, so a page is one bounded read at any program size.
    uint256 public constant MAX_PAGE_ROWS = 100;

    /// @notice One grant as a list shows it: its id, header and milestones with derived states.
    /// @param id The grant id.
    /// @param grant The stored grant header (as {IProgramViews.grant} gives it).
    /// @param milestones The grant's milestones (as {milestones} gives them).
    struct GrantRecord {
        uint256 id;
        Program.Grant grant;
        Program.MilestoneView[] milestones;
    }

    /// @notice One application with its id.
    /// @param id The application id.
    /// @param application The stored application.
    struct ApplicationRecord {
        uint256 id;
        Program.Application application;
    }

    /// @notice Grants `firstId` .. `firstId + maxRows - 1` of a program (fewer at the end; none past
    /// the last grant or for id 0), each with its milestones, in one call.
    /// @dev Reverts with {Errors.GrantProgramLens_PageTooLarge} above {MAX_PAGE_ROWS} rows.
    function grantPage(
        IGrantProgram program,
        uint256 firstId,
        uint256 maxRows
    ) external view returns (GrantRecord[] memory page) {
        uint256 rows = _pageRows(program.grantCount(), firstId, maxRows);
        page = new GrantRecord[](rows);
        for (uint256 i = 0; i < rows; ++i) {
            uint256 id = firstId + i;
            page[i] = GrantRecord({ id: id, grant: program.grant(id), milestones: milestones(program, id) });
        }
    }

    /// @notice The named grants of a program, each with its milestones, in the order given — for lists
    /// whose rows an index chose (the notice board, the review queue) and the chain then answers for.
    /// @dev Reverts with {Errors.GrantProgramLens_PageTooLarge} above {MAX_PAGE_ROWS} ids, and with
    /// {Errors.GrantProgram_UnknownGrant} for an id the program does not hold.
    function grantsById(
        IGrantProgram program,
        uint256[] calldata ids
    ) external view returns (GrantRecord[] memory page) {
        if (ids.length > MAX_PAGE_ROWS) revert Errors.GrantProgramLens_PageTooLarge(ids.length, MAX_PAGE_ROWS);
        page = new GrantRecord[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) {
            Program.Grant memory g = program.grant(ids[i]);
            // An unknown id reads as an empty grant; refuse it rather than show a row of zeros.
            if (g.entityNo == 0) revert Errors.GrantProgram_UnknownGrant(ids[i]);
            page[i] = GrantRecord({ id: ids[i], grant: g, milestones: milestones(program, ids[i]) });
        }
    }

    /// @notice Applications `firstId` .. `firstId + maxRows - 1` of a program (fewer at the end).
    /// @dev Reverts with {Errors.GrantProgramLens_PageTooLarge} above {MAX_PAGE_ROWS} rows.
    function applicationPage(
        IGrantProgram program,
        uint256 firstId,
        uint256 maxRows
    ) external view returns (ApplicationRecord[] memory page) {
        uint256 rows = _pageRows(program.applicationCount(), firstId, maxRows);
        page = new ApplicationRecord[](rows);
        for (uint256 i = 0; i < rows; ++i) {
            page[i] = ApplicationRecord({ id: firstId + i, application: program.application(firstId + i) });
        }
    }

    /// @notice Every category of a program, index = id - 1 (at most 65,535, set by the program file).
    function categories(IGrantProgram program) external view returns (Program.Category[] memory list) {
        uint16 count = program.settings().categoryCount;
        list = new Program.Category[](count);
        for (uint16 id = 1; id <= count; ++id) list[id - 1] = program.category(id);
    }
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
    ) public view returns (Program.MilestoneView[] memory list) {
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
    /// category shows as zero here; see {IEntityRegistry.awardHolder}. Each level of a tier group shows
    /// the grant that gave it ({IProgramViews.tierGrant}): the provincial award and the national top-up both.
    function awardsOf(IGrantProgram program, uint64 entityNo) external view returns (uint256[] memory grantIds) {
        uint16 count = program.settings().categoryCount;
        IEntityRegistry registry = program.registry();
        grantIds = new uint256[](count);
        for (uint16 id = 1; id <= count; ++id) {
            Program.Category memory c = program.category(id);
            if (c.tierGroup != 0) {
                grantIds[id - 1] = program.tierGrant(entityNo, c.tierGroup, c.tier);
                continue;
            }
            (address holder, uint96 grantId) = registry.awardHolder(entityNo, c.awardKey);
            if (holder == address(program) && program.grant(grantId).categoryId == id) grantIds[id - 1] = grantId;
        }
    }

    /// @dev How many rows of ids `firstId` onwards exist, at most `maxRows`; ids start at 1.
    function _pageRows(uint256 count, uint256 firstId, uint256 maxRows) private pure returns (uint256) {
        if (maxRows > MAX_PAGE_ROWS) revert Errors.GrantProgramLens_PageTooLarge(maxRows, MAX_PAGE_ROWS);
        if (firstId == 0 || firstId > count) return 0;
        uint256 left = count - firstId + 1;
        return left < maxRows ? left : maxRows;
    }
}
