// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";
import { Program } from "../../types/DataTypes.sol";

/// @title IProgramRulings
/// @notice Decisions outside the ordinary vote: relayed signed votes, settling a round, rulings on objections, cancellation and recovery orders.
interface IProgramRulings is IGrantProgramEvents {
    /// @notice Submits a batch of reviewers' EIP-712 signed votes on one milestone. Anyone may call.
    /// @dev Each signature is checked like {vote} plus: deadline not passed, signature valid for the
    /// reviewer (ECDSA with low s, or ERC-1271 for contract wallets) over the milestone's current round and
    /// the reviewer's current slot. The domain binds chain id and this program; the message binds grant,
    /// milestone, round, slot, terms and evidence. A valid signature whose vote is already counted in this
    /// round, that arrives after the round was decided, or whose reviewer is recused on the grant, is
    /// skipped ({SignedVoteSkipped}) instead of
    /// reverting, so front-running one signature cannot void the batch; there are no nonces, so a withheld
    /// signature blocks nothing else.
    function submitSignedVotes(
        uint256 grantId,
        uint8 index,
        bytes32 termsHash,
        bytes32 evidenceHash,
        Program.SignedVote[] calldata votes
    ) external;

    /// @notice Decides a submitted milestone from the votes already cast, under the current committee and
    /// quorum. Anyone may call; needed when a recusal, a removal or a quorum change has decided a round
    /// that no eligible reviewer can still vote on.
    /// @dev Requirements: not paused; grant not cancelled; milestone Submitted; before its deadline; the
    /// votes decide the round (else `GrantProgram_RoundUndecided`). Emits {MilestoneApproved} or
    /// {MilestoneRejected}.
    function settle(uint256 grantId, uint8 index) external;

    /// @notice Rules on an open objection: dismissed, the milestone is payable after its window; upheld,
    /// it is rejected (grantee may resubmit) or cancelled, as the program chose at creation. Upheld under
    /// "resubmit", the deadline moves on by the time since approval (in notice and under objection), so
    /// the grantee has as much time left as it had when the milestone was approved.
    /// @dev Requirements: caller is manager; milestone Contested. Emits {ObjectionRuled}, and
    /// {DeadlineExtended} (upheld, resubmit) or {MilestoneCancelled} (upheld, cancel).
    function ruleOnObjection(uint256 grantId, uint8 index, bool uphold, bytes32 reasonHash) external;

    /// @notice Cancels all unpaid milestones of a grant; their amount returns to the budget, exactly once.
    /// If nothing was paid, the award is undone: the entity's award key is released (for a level of a tier
    /// group: the level is no longer held, and the group's key is released once no level is).
    /// @dev Requirements: caller is manager; grant not cancelled. Emits {GrantCancelled}.
    function cancelGrant(uint256 grantId, bytes32 reasonHash) external;

    /// @notice Orders recovery of money already paid on a grant: the entity is barred from new awards and
    /// claims in every program of the registry until repaid, and the grant's unpaid milestones are cancelled.
    /// For a category with a supervision period, only until the period ends (see {IProgramSupervision}).
    /// @dev Requirements: caller is manager; 0 < amount <= paid - already ordered; the grant's supervision
    /// period, if any, not over. Emits {RecoveryOrdered} (and {GrantCancelled} if unpaid milestones remained;
    /// {TierHoldingChanged} for a level of a tier group).
    function orderRecovery(uint256 grantId, uint256 amount, bytes32 reasonHash) external;

    /// @notice The admin's explicit, logged override: orders recovery of a grant whose supervision period is
    /// over (fraud found after the period), otherwise exactly as {orderRecovery}.
    /// @dev Requirements: caller is the admin; the grant's supervision period is over; as {orderRecovery}.
    /// Emits {RecoveryAfterSupervision}, then what {orderRecovery} emits.
    function orderRecoveryAfterSupervision(uint256 grantId, uint256 amount, bytes32 reasonHash) external;
}
