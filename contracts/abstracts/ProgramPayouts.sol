// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import { IEntityRegistry } from "../interfaces/IEntityRegistry.sol";
import { IProgramPayouts } from "../interfaces/program/IProgramPayouts.sol";
import { Errors } from "../libraries/Errors.sol";
import { LedgerLib } from "../libraries/LedgerLib.sol";
import { MilestoneLib } from "../libraries/MilestoneLib.sol";
import { Program } from "../types/DataTypes.sol";
import { GrantProgramState } from "./GrantProgramState.sol";

/// @title ProgramPayouts
/// @notice Pull payments to the grantee's registered wallet, and lapses of milestones not approved in time.
abstract contract ProgramPayouts is IProgramPayouts, GrantProgramState {
    using SafeERC20 for IERC20;

    /// @dev The states a milestone may lapse from (once its deadline has passed).
    uint16 private constant _UNAPPROVED =
        (uint16(1) << uint8(Program.MilestoneState.Pending)) |
            (uint16(1) << uint8(Program.MilestoneState.Submitted)) |
            (uint16(1) << uint8(Program.MilestoneState.Rejected));

    /// @inheritdoc IProgramPayouts
    function claim(uint256 grantId, uint8[] calldata indexes) external override nonReentrant returns (uint256 amount) {
        // Check: the grantee's own wallet, not barred, never an official of this program (also when the
        // wallet was rotated to it, or the role granted, after the award).
        _requireNotPaused();
        if (indexes.length == 0) revert Errors.GrantProgram_InvalidClaim();
        Program.Grant storage g = _liveGrant(grantId);
        (IERC20 token_, IEntityRegistry registry_) = (_token(), _registry());
        (address wallet, uint32 openRecoveries) = registry_.payoutOf(g.entityNo);
        if (msg.sender != wallet) revert Errors.GrantProgram_NotGranteeWallet(msg.sender, wallet);
        if (openRecoveries != 0) revert Errors.EntityRegistry_EntityBarred(g.entityNo, openRecoveries);
        _requireNotOfficial(msg.sender);

        // Check and effect per milestone: a milestone named twice is already Paid the second time.
        uint16 payable_ = MilestoneLib.bit(Program.MilestoneState.Payable);
        for (uint256 i = 0; i < indexes.length; ++i) {
            uint8 index = indexes[i];
            Program.Milestone storage m = _existingMilestone(g, grantId, index);
            _expectState(m, grantId, index, payable_);
            m.status = Program.MilestoneState.Paid;
            amount += m.amount;
            emit MilestoneClaimed(grantId, index, wallet, m.amount);
        }

        // Effect: reserved -> paid in the ledger. The sum is of distinct milestones of one grant (a repeated
        // index is refused above as already Paid), so it is at most the award (< 2**128), which the checked
        // subtraction below proves too. The grant's own record is not written: its paid part is its Paid
        // milestones (see {Program.Grant}).
        uint128 paid = uint128(amount);
        _ledger.reserved -= paid;
        _ledger.paid = LedgerLib.addLifetime(_ledger.paid, paid);

        // Interaction: pay only the registered wallet. A failing transfer reverts this claim alone.
        token_.safeTransfer(wallet, amount);
    }

    /// @inheritdoc IProgramPayouts
    function lapse(uint256 grantId, uint8 index) external override {
        // Check: not approved by its deadline (strictly after it).
        Program.Grant storage g = _liveGrant(grantId);
        Program.Milestone storage m = _existingMilestone(g, grantId, index);
        _expectState(m, grantId, index, _UNAPPROVED);
        if (_programTime() <= m.deadline) {
            revert Errors.GrantProgram_DeadlineNotPassed(grantId, index, _calendar(m.deadline));
        }

        // Effect: the amount returns to the available budget.
        m.status = Program.MilestoneState.Lapsed;
        _release(grantId, g, m.amount);

        // Log.
        emit MilestoneLapsed(grantId, index, m.amount);
    }
}
