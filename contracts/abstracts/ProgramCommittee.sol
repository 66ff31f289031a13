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
        uint8 slot = _reviewerSlots[reviewer];
        if (slot == 0) revert Errors.GrantProgram_NotReviewer(reviewer);
        uint16 remaining = Bitmap16.unset(_settings.activeReviewers, slot - 1);
        if (Bitmap16.count(remaining) < _settings.quorum) {
            revert Errors.GrantProgram_InvalidQuorum(_settings.quorum, Bitmap16.count(remaining));
        }

        // Effect: the slot is retired for good, so the reviewer's past votes can never count again.
        _settings.activeReviewers = remaining;
        delete _reviewerSlots[reviewer];

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
        uint8 slot = _reviewerSlots[msg.sender];
        if (slot == 0) revert Errors.GrantProgram_NotReviewer(msg.sender);
        Program.Grant storage g = _existingGrant(grantId);

        // Effect: votes are counted over active & ~recused, so past votes stop counting too.
        g.recusedReviewers = Bitmap16.set(g.recusedReviewers, slot - 1);

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
        if (_reviewerSlots[reviewer] != 0) revert Errors.GrantProgram_DuplicateReviewer(reviewer);
        if (hasRole(_MANAGER_ROLE, reviewer)) {
            revert Errors.GrantProgram_RoleConflict(reviewer, _MANAGER_ROLE, _REVIEWER);
        }
        if (hasRole(_TREASURER_ROLE, reviewer)) {
            revert Errors.GrantProgram_RoleConflict(reviewer, _TREASURER_ROLE, _REVIEWER);
        }
        uint8 used = _settings.reviewerSlotsUsed;
        if (used == _MAX_REVIEWERS) revert Errors.GrantProgram_TooManyReviewers(_MAX_REVIEWERS);

        // Effect: slots are handed out once, in order, and never reused.
        _settings.reviewerSlotsUsed = used + 1;
        _settings.activeReviewers = Bitmap16.set(_settings.activeReviewers, used);
        _reviewerSlots[reviewer] = used + 1;
        _reviewerAt[used] = reviewer;

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
