// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";

/// @title IProgramReview
/// @notice The grantee's evidence and the committee's on-chain votes.
interface IProgramReview is IGrantProgramEvents {
    /// @notice Submits (or, after a rejection, resubmits) the evidence for a milestone.
    /// @dev Requirements: caller is the grantee's payout wallet; not paused; grant not cancelled;
    /// milestone Pending or Rejected; program time <= deadline; fewer than 255 rounds so far (else
    /// `GrantProgram_TooManyRounds`: round numbers never repeat). Starts a new round with no votes.
    /// Emits {EvidenceSubmitted}.
    function submitEvidence(uint256 grantId, uint8 index, bytes32 evidenceHash) external;

    /// @notice Casts the caller's vote on a submitted milestone.
    /// @dev Requirements: not paused; caller is a current, non-recused reviewer who is not the grantee's
    /// wallet and has not voted in this round; grant not cancelled; milestone Submitted; now <= deadline;
    /// `termsHash` and `evidenceHash` are the grant's terms and the milestone's current evidence.
    /// Emits {VoteCast}, and {MilestoneApproved} or {MilestoneRejected} when the vote decides.
    function vote(
        uint256 grantId,
        uint8 index,
        bytes32 termsHash,
        bytes32 evidenceHash,
        bool approve,
        bytes32 reasonHash
    ) external;
}
