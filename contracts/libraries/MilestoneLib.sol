// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Program } from "../types/ProgramTypes.sol";

/// @title MilestoneLib
/// @notice The milestone state machine's pure rules: the derived state, and sets of states as bitmaps
/// (bit i = {Program.MilestoneState} i), as OpenZeppelin's Governor checks proposal states.
library MilestoneLib {
    /// @notice The one-state set `{state}`.
    function bit(Program.MilestoneState state) internal pure returns (uint16) {
        return uint16(1) << uint8(state);
    }

    /// @notice Whether `state` is in the set `states`.
    function isIn(Program.MilestoneState state, uint16 states) internal pure returns (bool) {
        return states & bit(state) != 0;
    }

    /// @notice The state that decides what may happen next, apart from the deadline: the stored status,
    /// with an approved milestone whose notice window has ended read as Payable.
    /// @dev Callers that care about the deadline check it themselves, with an error that names it.
    /// {GrantProgramState._expectState} applies the same rule reading only the two fields from storage.
    /// @param programNow The program's clock (the notice window is kept on it; see {ProgramClock}).
    function stateBeforeDeadline(
        Program.Milestone memory m,
        uint256 programNow
    ) internal pure returns (Program.MilestoneState) {
        if (m.status == Program.MilestoneState.InNotice && programNow >= m.noticeEndsAt)
            return Program.MilestoneState.Payable;
        return m.status;
    }

    /// @notice The state a user sees, derived from the stored status, the program's clock and the
    /// grant's cancellation flag.
    /// @param programNow The program's clock: deadlines and notice windows are both kept on it, so a pause
    /// stops both (see {ProgramClock}).
    function stateOf(
        Program.Milestone memory m,
        bool grantCancelled,
        uint256 programNow
    ) internal pure returns (Program.MilestoneState) {
        Program.MilestoneState status = m.status;
        if (status == Program.MilestoneState.Paid || status == Program.MilestoneState.Lapsed) return status;
        if (status == Program.MilestoneState.Cancelled || grantCancelled) return Program.MilestoneState.Cancelled;
        if (status == Program.MilestoneState.Contested) return status;
        if (status == Program.MilestoneState.InNotice) return stateBeforeDeadline(m, programNow);
        if (status != Program.MilestoneState.None && programNow > m.deadline) return Program.MilestoneState.Lapsable;
        return status;
    }
}
