// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Bitmap16 } from "../libraries/Bitmap16.sol";
import { Errors } from "../libraries/Errors.sol";
import { MilestoneLib } from "../libraries/MilestoneLib.sol";
import { ProgramClock } from "../libraries/ProgramClock.sol";
import { Tally } from "../libraries/Tally.sol";
import { Program } from "../types/DataTypes.sol";
import { GrantProgramState } from "./GrantProgramState.sol";

/// @title ProgramVoting
/// @notice Counting one committee vote and deciding a round: shared by on-chain votes ({ProgramReview}),
/// relayed signed votes and {settle} ({ProgramRulings}). Internal only.
abstract contract ProgramVoting is GrantProgramState {
    /// @dev Counts one vote: the reviewer may vote on this grant, the milestone is under review with the
    /// evidence the reviewer saw, and the round is decided if this vote decides it.
    function _castVote(
        uint256 grantId,
        uint8 index,
        bytes32 termsHash,
        bytes32 evidenceHash,
        address reviewer,
        bool approve,
        bytes32 reasonHash
    ) internal {
        // Check: the reviewer may vote on this grant, and the milestone is under review.
        (Program.Grant storage g, uint256 bit) = _checkVoter(grantId, termsHash, reviewer);
        Program.Milestone storage m = _checkUnderReview(g, grantId, index, evidenceHash);

        // Effect: record the vote and settle the round if it decides it.
        (bool approved, bool rejected) = _tally(m, g.recusedReviewers, bit, approve, reviewer);

        // Log.
        emit VoteCast(grantId, index, reviewer, approve, reasonHash);
        if (approved) emit MilestoneApproved(grantId, index, _calendar(m.noticeEndsAt));
        if (rejected) emit MilestoneRejected(grantId, index);
    }

    /// @dev A current, non-recused reviewer who is not the grantee's wallet, voting on the grant's terms.
    function _checkVoter(
        uint256 grantId,
        bytes32 termsHash,
        address reviewer
    ) private view returns (Program.Grant storage g, uint256 bit) {
        Program.Member memory member = _members[reviewer];
        if (member.reviewerSlot == 0) revert Errors.GrantProgram_NotReviewer(reviewer);
        bit = member.reviewerSlot - 1;
        g = _liveGrant(grantId);
        // Recusals are kept on the person's first slot, so a re-appointment does not clear them.
        if (Bitmap16.has(g.recusedReviewers, member.firstSlot - 1)) {
            revert Errors.GrantProgram_ReviewerRecused(reviewer, grantId);
        }
        if (termsHash != g.termsHash) revert Errors.GrantProgram_TermsMismatch(g.termsHash, termsHash);
        (address wallet, ) = _registry().payoutOf(g.entityNo);
        if (reviewer == wallet) revert Errors.GrantProgram_SelfReview(reviewer, grantId);
    }

    /// @dev A submitted milestone, before its deadline, whose current evidence is what the reviewer saw.
    function _checkUnderReview(
        Program.Grant storage g,
        uint256 grantId,
        uint8 index,
        bytes32 evidenceHash
    ) private view returns (Program.Milestone storage m) {
        m = _existingMilestone(g, grantId, index);
        _expectState(m, grantId, index, MilestoneLib.bit(Program.MilestoneState.Submitted));
        _requireBeforeDeadline(m, grantId, index);
        bytes32 currentEvidence = _evidence[grantId][index];
        if (evidenceHash != currentEvidence) revert Errors.GrantProgram_EvidenceMismatch(currentEvidence, evidenceHash);
    }

    /// @dev Sets the reviewer's bit and decides the round; one read and one write of the milestone slot.
    function _tally(
        Program.Milestone storage stored,
        uint16 recused,
        uint256 bit,
        bool approve,
        address reviewer
    ) private returns (bool approved, bool rejected) {
        Program.Milestone memory m = stored;
        if (Bitmap16.has(m.approvals | m.rejections, bit)) revert Errors.GrantProgram_AlreadyVoted(reviewer);
        if (approve) m.approvals = Bitmap16.set(m.approvals, bit);
        else m.rejections = Bitmap16.set(m.rejections, bit);
        (approved, rejected) = _decide(m, recused);
        _writeMilestone(stored, m);
    }

    /// @dev Decides a round from its bitmaps (see {Tally.decide}) under the current committee, without the
    /// slots of anyone recused on the grant (`recused`: the grant's first-slot recusal bitmap); updates
    /// `m` in memory: approved starts the notice window, on the program's clock (so a later pause
    /// stops it, and the public keeps its whole window to object).
    function _decide(Program.Milestone memory m, uint16 recused) internal view returns (bool approved, bool rejected) {
        Program.Settings memory s = _settings;
        uint16 eligible = s.activeReviewers & ~_recusedSlots(recused);
        (approved, rejected) = Tally.decide(m.approvals, m.rejections, eligible, s.quorum);
        if (approved) {
            m.status = Program.MilestoneState.InNotice;
            m.noticeEndsAt = ProgramClock.at(s.pausedAt, s.pausedTotal, uint40(block.timestamp)) + s.noticePeriod;
        } else if (rejected) {
            m.status = Program.MilestoneState.Rejected;
        }
    }

    /// @dev Writes the vote-related fields; they share the milestone's one slot.
    function _writeMilestone(Program.Milestone storage stored, Program.Milestone memory m) internal {
        stored.status = m.status;
        stored.noticeEndsAt = m.noticeEndsAt;
        stored.approvals = m.approvals;
        stored.rejections = m.rejections;
        stored.round = m.round;
    }
}
