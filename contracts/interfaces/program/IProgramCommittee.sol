// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";

/// @title IProgramCommittee
/// @notice The review committee (reviewer slots, quorum, recusal) and the pause switch.
interface IProgramCommittee is IGrantProgramEvents {
    /// @notice Adds a reviewer in a new bitmap slot.
    /// @dev Requirements: caller is admin; not zero, not already a reviewer, not a manager or treasurer;
    /// a free slot remains (16 over the program's life). The reviewer becomes an official for good (never
    /// paid by this program); a person appointed again keeps the recusals of their first slot.
    /// Emits {ReviewerAdded}.
    function addReviewer(address reviewer) external;

    /// @notice Removes a reviewer; their votes stop counting at once and their slot is retired.
    /// @dev Requirements: caller is admin; a current reviewer; the remaining reviewers still reach quorum.
    /// The person stays an official of the program and keeps their recusals. Emits {ReviewerRemoved}.
    function removeReviewer(address reviewer) external;

    /// @notice Sets the number of approvals a milestone needs.
    /// @dev Requirements: caller is admin; 1 <= quorum <= current reviewers. Emits {QuorumChanged}.
    function setQuorum(uint8 quorum) external;

    /// @notice Declares the caller's conflict of interest on a grant: their votes on it stop counting and
    /// the quorum is counted over the remaining reviewers.
    /// @dev Requirements: caller is a current reviewer; grant exists. Recorded on the person's first
    /// slot, so it also holds after a removal and re-appointment. Emits {ConflictDeclared}.
    /// NOTE: if fewer eligible reviewers than the quorum remain, no milestone of the grant can be decided
    /// until the admin appoints more reviewers or lowers the quorum.
    function declareConflict(uint256 grantId) external;

    /// @notice Pauses awards, applications, evidence, votes and claims. Funding, withdrawals, lapses,
    /// objections, rulings, cancellations, recoveries and repayments keep working.
    /// Pausing stops the program's clock: every milestone deadline and public notice window is extended
    /// by the time spent paused, so a pause can never make a grantee miss a deadline, let a milestone
    /// lapse, or shorten the public's window to object.
    /// @dev Requirements: caller is guardian; not paused. Emits {ProgramPaused}.
    function pause() external;

    /// @notice Unpauses the program.
    /// @dev Requirements: caller is admin; paused. Emits {ProgramUnpaused}.
    function unpause() external;
}
