// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IProgramRulings } from "../interfaces/program/IProgramRulings.sol";
import { Bitmap16 } from "../libraries/Bitmap16.sol";
import { Errors } from "../libraries/Errors.sol";
import { MilestoneLib } from "../libraries/MilestoneLib.sol";
import { SignatureCheck } from "../libraries/SignatureCheck.sol";
import { Program } from "../types/DataTypes.sol";
import { ProgramVoteSignatures } from "./ProgramVoteSignatures.sol";
import { ProgramVoting } from "./ProgramVoting.sol";

/// @title ProgramRulings
/// @notice Decisions outside the ordinary vote: relayed signed votes, settling a round after a committee
/// change, rulings on objections, cancellations and recovery orders.
abstract contract ProgramRulings is IProgramRulings, ProgramVoting, ProgramVoteSignatures {
    /// @inheritdoc IProgramRulings
    function submitSignedVotes(
        uint256 grantId,
        uint8 index,
        bytes32 termsHash,
        bytes32 evidenceHash,
        Program.SignedVote[] calldata votes
    ) external override {
        _requireNotPaused();
        Program.Milestone storage m = _milestones[grantId][index];
        // The batch cannot change the round, so every signature is checked against this one.
        uint8 round = m.round;
        for (uint256 i = 0; i < votes.length; ++i) {
            Program.SignedVote calldata v = votes[i];
            // Check: fresh, by a current reviewer, signed for this round and slot (ECDSA low-s, or ERC-1271).
            if (block.timestamp > v.deadline) revert Errors.GrantProgram_SignatureExpired(v.reviewer, v.deadline);
            Program.Member memory member = _members[v.reviewer];
            uint8 slot = member.reviewerSlot;
            if (slot == 0) revert Errors.GrantProgram_NotReviewer(v.reviewer);
            bytes32 digest = _voteDigest(
                Program.Ballot({
                    reviewer: v.reviewer,
                    grantId: grantId,
                    milestoneIndex: index,
                    round: round,
                    reviewerSlot: slot,
                    termsHash: termsHash,
                    evidenceHash: evidenceHash,
                    approve: v.approve,
                    reasonHash: v.reasonHash,
                    deadline: v.deadline
                })
            );
            if (!SignatureCheck.isValidSignatureNow(v.reviewer, digest, v.signature)) {
                revert Errors.GrantProgram_InvalidSignature(v.reviewer);
            }
            // A vote already counted in this round (sent on its own first), a round already decided, or a
            // reviewer recused on the grant meanwhile is skipped, not refused: nobody can void the batch
            // by front-running one of its signatures (or a recusal).
            if (_alreadyCounted(m, slot) || Bitmap16.has(_grants[grantId].recusedReviewers, member.firstSlot - 1)) {
                emit SignedVoteSkipped(grantId, index, v.reviewer);
                continue;
            }
            _castVote(grantId, index, termsHash, evidenceHash, v.reviewer, v.approve, v.reasonHash);
        }
    }

    /// @dev Whether a signed vote of `slot` in the milestone's current round can no longer change it: the
    /// slot's vote is counted, or the round is decided (approved, contested or rejected).
    function _alreadyCounted(Program.Milestone storage m, uint8 slot) private view returns (bool) {
        Program.MilestoneState status = m.status;
        if (
            status == Program.MilestoneState.InNotice ||
            status == Program.MilestoneState.Contested ||
            status == Program.MilestoneState.Rejected
        ) return true;
        return status == Program.MilestoneState.Submitted && Bitmap16.has(m.approvals | m.rejections, slot - 1);
    }

    /// @inheritdoc IProgramRulings
    function settle(uint256 grantId, uint8 index) external override {
        // Check: a live, submitted milestone before its deadline.
        _requireNotPaused();
        Program.Grant storage g = _liveGrant(grantId);
        Program.Milestone storage stored = _existingMilestone(g, grantId, index);
        Program.Milestone memory m = stored;
        _expectState(stored, grantId, index, MilestoneLib.bit(Program.MilestoneState.Submitted));
        _requireBeforeDeadline(stored, grantId, index);

        // Effect: decide from the votes already cast, under the current committee and quorum.
        (bool approved, bool rejected) = _decide(m, g.recusedReviewers);
        if (!approved && !rejected) revert Errors.GrantProgram_RoundUndecided(grantId, index);
        _writeMilestone(stored, m);

        // Log.
        if (approved) emit MilestoneApproved(grantId, index, _calendar(m.noticeEndsAt));
        else emit MilestoneRejected(grantId, index);
    }

    /// @inheritdoc IProgramRulings
    function ruleOnObjection(
        uint256 grantId,
        uint8 index,
        bool uphold,
        bytes32 reasonHash
    ) external override onlyRole(_MANAGER_ROLE) {
        // Check: an open objection on a live grant.
        Program.Grant storage g = _liveGrant(grantId);
        Program.Milestone storage m = _existingMilestone(g, grantId, index);
        if (m.status != Program.MilestoneState.Contested) revert Errors.GrantProgram_NoOpenObjection(grantId, index);

        // Effect.
        if (!uphold) {
            // Dismissed: back to InNotice; payable once the original window is over.
            m.status = Program.MilestoneState.InNotice;
        } else if (_settings.upheldObjectionOutcome == Program.UpheldObjectionOutcome.Resubmit) {
            // Upheld: the grantee may resubmit. The time since approval (in notice, under objection) is
            // given back, so the ruling leaves the grantee as much time as it had when approved.
            m.status = Program.MilestoneState.Rejected;
            uint40 approvedAt = m.noticeEndsAt - _settings.noticePeriod;
            m.deadline += _programTime() - approvedAt;
        } else {
            // Upheld: the milestone is cancelled and its amount returns to the budget.
            m.status = Program.MilestoneState.Cancelled;
            _release(grantId, g, m.amount);
            emit MilestoneCancelled(grantId, index, m.amount);
        }

        // Log.
        emit ObjectionRuled(grantId, index, uphold, reasonHash);
        if (uphold && m.status == Program.MilestoneState.Rejected) {
            emit DeadlineExtended(grantId, index, _calendar(m.deadline));
        }
    }

    /// @inheritdoc IProgramRulings
    function cancelGrant(uint256 grantId, bytes32 reasonHash) external override onlyRole(_MANAGER_ROLE) {
        Program.Grant storage g = _liveGrant(grantId);
        _cancel(grantId, g, reasonHash);
    }

    /// @inheritdoc IProgramRulings
    function orderRecovery(
        uint256 grantId,
        uint256 amount,
        bytes32 reasonHash
    ) external override onlyRole(_MANAGER_ROLE) {
        // Check: within the supervision period, if the category has one.
        Program.Grant storage g = _existingGrant(grantId);
        (bool over, uint40 endsAt) = _supervisionOver(grantId, g.categoryId);
        if (over) revert Errors.GrantProgram_SupervisionOver(grantId, _calendar(endsAt));
        _orderRecovery(grantId, g, amount, reasonHash);
    }

    /// @inheritdoc IProgramRulings
    function orderRecoveryAfterSupervision(
        uint256 grantId,
        uint256 amount,
        bytes32 reasonHash
    ) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        // Check: only once the period is over (within it, a manager orders recovery).
        Program.Grant storage g = _existingGrant(grantId);
        (bool over, ) = _supervisionOver(grantId, g.categoryId);
        if (!over) revert Errors.GrantProgram_SupervisionNotOver(grantId);
        emit RecoveryAfterSupervision(grantId, msg.sender, reasonHash);
        _orderRecovery(grantId, g, amount, reasonHash);
    }

    /// @dev Orders recovery of `amount` of what the grant paid (the manager's order, or the admin's override).
    function _orderRecovery(uint256 grantId, Program.Grant storage g, uint256 amount, bytes32 reasonHash) private {
        // Check: at most what was paid and not yet ordered back. Bounded: at most 16 milestones.
        if (amount == 0) revert Errors.GrantProgram_ZeroAmount();
        (uint128 paid, ) = _paidOf(grantId, g.milestoneCount);
        uint256 recoverable = paid - g.recoveryOwed - g.recovered;
        if (amount > recoverable) revert Errors.GrantProgram_RecoveryTooLarge(amount, recoverable);

        // Effect: amount <= paid < 2**128. The unpaid rest of the grant is cancelled.
        bool firstOrder = g.recoveryOwed == 0;
        g.recoveryOwed += uint128(amount);
        _ledger.recoveryOutstanding += uint128(amount);
        // What is ordered back no longer counts as kept in a tier group (a later level is topped up from
        // what remains); the level itself stays held, so no lower level revives.
        if (g.tierGroup != 0) _reduceHeld(g, uint128(amount));
        if (!g.cancelled && g.reserved != paid) _cancel(grantId, g, reasonHash);

        // Interaction with the trusted registry: one bar per grant with money owed.
        if (firstOrder) _registry().addBar(g.entityNo, _categories[g.categoryId].awardKey);

        // Log.
        emit RecoveryOrdered(grantId, g.entityNo, amount, reasonHash);
    }

    /// @dev Cancels every unpaid milestone of a grant at once: the grant's whole reserve returns to
    /// the budget, and if nothing was ever paid the award is undone: its level of a tier group is no
    /// longer held, and the award key is released (a tier group's key once no level is held).
    function _cancel(uint256 grantId, Program.Grant storage g, bytes32 reasonHash) private {
        // The unpaid rest: the stored amount less the Paid milestones (claims do not write the grant).
        (uint128 paid, uint8 paidCount) = _paidOf(grantId, g.milestoneCount);
        uint128 released = g.reserved - paid;
        bool releaseKey = paidCount == 0;
        g.cancelled = true;
        _release(grantId, g, released);
        Program.Category storage c = _categories[g.categoryId];
        if (releaseKey) {
            c.awardsMade -= 1;
            if (g.tierGroup != 0) releaseKey = _dropTier(g.entityNo, g.tierGroup, c.tier);
            if (releaseKey) _registry().releaseAward(g.entityNo, c.awardKey);
        }
        emit GrantCancelled(grantId, released, releaseKey, reasonHash);
    }

    /// @dev Clears a level an unpaid cancelled grant held; returns whether the entity holds no level of the
    /// group any more. Then `held` is zero too: no levels left means every grant of the group was cancelled
    /// before any payment, so all of each was released.
    function _dropTier(uint64 entityNo, uint8 tierGroup, uint8 tier) private returns (bool noneLeft) {
        Program.TierHolding storage h = _tierHoldings[entityNo][tierGroup];
        uint16 tiers = h.tiers & ~uint16(1 << (tier - 1));
        h.tiers = tiers;
        delete _tierGrants[entityNo][tierGroup][tier];
        emit TierHoldingChanged(entityNo, tierGroup, tiers, h.held);
        return tiers == 0;
    }
}
