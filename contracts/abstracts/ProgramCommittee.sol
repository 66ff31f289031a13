// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IProgramCommittee } from "../interfaces/program/IProgramCommittee.sol";
import { Bitmap16 } from "../libraries/Bitmap16.sol";
import { Errors } from "../libraries/Errors.sol";
import { Program } from "../types/DataTypes.sol";
import { GrantProgramState } from "./GrantProgramState.sol";

/// @title ProgramCommittee
/// @notice The review committee (reviewer slots, quorum, recusal) and the pause switch.
abstract contract ProgramCommittee is IProgramCommittee, GrantProgramState {
    /// @inheritdoc IProgramCommittee
    function addReviewer(address reviewer) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _addReviewer(reviewer);
    }

    /// @inheritdoc IProgramCommittee
    function removeReviewer(address reviewer) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        // Check: a current reviewer whose departure leaves the quorum reachable.
        uint8 slot = _members[reviewer].reviewerSlot;
        if (slot == 0) revert Errors.GrantProgram_NotReviewer(reviewer);
        uint16 remaining = Bitmap16.unset(_settings.activeReviewers, slot - 1);
        if (Bitmap16.count(remaining) < _settings.quorum) {
            revert Errors.GrantProgram_InvalidQuorum(_settings.quorum, Bitmap16.count(remaining));
        }

        // Effect: the slot is retired for good, so the reviewer's past votes can never count again. The
        // person stays an official (never paid by this program) and keeps their recusals.
        _settings.activeReviewers = remaining;
        _members[reviewer].reviewerSlot = 0;

        // Log.
        emit ReviewerRemoved(reviewer, slot);
    }

    /// @inheritdoc IProgramCommittee
    function setQuorum(uint8 quorum) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _setQuorum(quorum);
    }

    /// @inheritdoc IProgramCommittee
    function declareConflict(uint256 grantId) external override {
        // Check.
        Program.Member memory member = _members[msg.sender];
        if (member.reviewerSlot == 0) revert Errors.GrantProgram_NotReviewer(msg.sender);
        Program.Grant storage g = _existingGrant(grantId);

        // Effect: recorded on the person's first slot, so it survives removal and re-appointment; votes
        // are counted over active slots without the person's slots, so past votes stop counting too.
        g.recusedReviewers = Bitmap16.set(g.recusedReviewers, member.firstSlot - 1);

        // Log.
        emit ConflictDeclared(grantId, msg.sender);
    }

    /// @inheritdoc IProgramCommittee
    function pause() external override onlyRole(_GUARDIAN_ROLE) {
        _requireNotPaused();
        // Effect: the program's clock stops; every milestone deadline waits with it.
        _settings.pausedAt = uint32(block.timestamp);
        emit ProgramPaused(msg.sender);
    }

    /// @inheritdoc IProgramCommittee
    function unpause() external override onlyRole(DEFAULT_ADMIN_ROLE) {
        uint32 pausedAt = _settings.pausedAt;
        if (pausedAt == 0) revert Errors.GrantProgram_NotPaused();
        // Effect: the paused time is added to every deadline at once (they are kept on the program's clock).
        _settings.pausedTotal += uint40(block.timestamp) - pausedAt;
        _settings.pausedAt = 0;
        emit ProgramUnpaused(msg.sender);
    }

    function _addReviewer(address reviewer) internal {
        // Check.
        if (reviewer == address(0)) revert Errors.GrantProgram_ZeroReviewer();
        Program.Member storage member = _members[reviewer];
        if (member.reviewerSlot != 0) revert Errors.GrantProgram_DuplicateReviewer(reviewer);
        // The account's roles are in the same word: no further lookup.
        uint8 roles = member.roles;
        if (roles & _MANAGER_BIT != 0) revert Errors.GrantProgram_RoleConflict(reviewer, _MANAGER_ROLE, _REVIEWER);
        if (roles & _TREASURER_BIT != 0) {
            revert Errors.GrantProgram_RoleConflict(reviewer, _TREASURER_ROLE, _REVIEWER);
        }
        uint8 used = _settings.reviewerSlotsUsed;
        if (used == _MAX_REVIEWERS) revert Errors.GrantProgram_TooManyReviewers(_MAX_REVIEWERS);

        // Effect: slots are handed out once, in order, and never reused. A re-appointed person keeps
        // their first slot, which carries their recusals over to the new one.
        uint8 slot = used + 1;
        uint8 first = member.firstSlot == 0 ? slot : member.firstSlot;
        _settings.reviewerSlotsUsed = slot;
        _settings.activeReviewers = Bitmap16.set(_settings.activeReviewers, used);
        member.reviewerSlot = slot;
        member.firstSlot = first;
        member.official = true;
        _committeeWrite(used, 1, first);
        _committeeWrite(_MAX_REVIEWERS + 20 * uint256(used), 20, uint160(reviewer));

        // Log.
        emit ReviewerAdded(reviewer, used + 1);
    }

    function _setQuorum(uint8 quorum) internal {
        uint256 active = Bitmap16.count(_settings.activeReviewers);
        if (quorum == 0 || quorum > active) revert Errors.GrantProgram_InvalidQuorum(quorum, active);
        uint8 old = _settings.quorum;
        _settings.quorum = quorum;
        emit QuorumChanged(old, quorum);
    }
}
