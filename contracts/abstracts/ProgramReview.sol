// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IProgramReview } from "../interfaces/program/IProgramReview.sol";
import { Errors } from "../libraries/Errors.sol";
import { Program } from "../types/DataTypes.sol";
import { ProgramVoting } from "./ProgramVoting.sol";

/// @title ProgramReview
/// @notice The grantee's evidence (each submission starts a review round) and the committee's on-chain votes.
abstract contract ProgramReview is IProgramReview, ProgramVoting {
    /// @dev The states in which evidence may be (re)submitted.
    uint16 private constant _OPEN_FOR_EVIDENCE =
        (uint16(1) << uint8(Program.MilestoneState.Pending)) | (uint16(1) << uint8(Program.MilestoneState.Rejected));

    /// @inheritdoc IProgramReview
    function submitEvidence(uint256 grantId, uint8 index, bytes32 evidenceHash) external override {
        // Check: the grantee's wallet, an open milestone, before its deadline.
        _requireNotPaused();
        Program.Grant storage g = _liveGrant(grantId);
        Program.Milestone storage m = _existingMilestone(g, grantId, index);
        (address wallet, ) = _registry().payoutOf(g.entityNo);
        if (msg.sender != wallet) revert Errors.GrantProgram_NotGranteeWallet(msg.sender, wallet);
        if (evidenceHash == bytes32(0)) revert Errors.GrantProgram_ZeroEvidenceHash();
        _expectState(m, grantId, index, _OPEN_FOR_EVIDENCE);
        _requireBeforeDeadline(m, grantId, index);

        uint8 round = m.round;
        if (round == type(uint8).max) revert Errors.GrantProgram_TooManyRounds(grantId, index, round);

        // Effect: a new review round starts with no votes. The round number binds signed votes and
        // objections to this round; it never wraps (checked above), so an old round never returns.
        m.status = Program.MilestoneState.Submitted;
        m.approvals = 0;
        m.rejections = 0;
        m.round = round + 1;
        _evidence[grantId][index] = evidenceHash;

        // Log.
        emit EvidenceSubmitted(grantId, index, evidenceHash);
    }

    /// @inheritdoc IProgramReview
    function vote(
        uint256 grantId,
        uint8 index,
        bytes32 termsHash,
        bytes32 evidenceHash,
        bool approve,
        bytes32 reasonHash
    ) external override {
        _requireNotPaused();
        _castVote(grantId, index, termsHash, evidenceHash, msg.sender, approve, reasonHash);
    }
}
