// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IProgramSupervision } from "../interfaces/program/IProgramSupervision.sol";
import { Errors } from "../libraries/Errors.sol";
import { Program } from "../types/DataTypes.sol";
import { GrantProgramState } from "./GrantProgramState.sol";

/// @title ProgramSupervision
/// @notice Supervision after payment: starting the period, the grantee's attestations, and where a grant
/// stands (see {IProgramSupervision}).
abstract contract ProgramSupervision is IProgramSupervision, GrantProgramState {
    /// @inheritdoc IProgramSupervision
    function startSupervision(uint256 grantId) external override {
        // Check: a supervised grant, not started, whose payments are over.
        _requireNotPaused();
        Program.Grant storage g = _existingGrant(grantId);
        Program.SupervisionTerms memory terms = _supervisionTerms[g.categoryId];
        if (terms.period == 0) revert Errors.GrantProgram_NotSupervised(grantId);
        Program.Supervision storage s = _supervisions[grantId];
        if (s.startsAt != 0) revert Errors.GrantProgram_SupervisionAlreadyStarted(grantId);
        if (!_paymentsOver(grantId, g)) revert Errors.GrantProgram_PaymentsNotOver(grantId);

        // Effect.
        uint40 startsAt = _programTime();
        s.startsAt = startsAt;

        // Log.
        emit SupervisionStarted(grantId, _calendar(startsAt), _calendar(startsAt + terms.period));
    }

    /// @inheritdoc IProgramSupervision
    function attest(uint256 grantId, bytes32 documentHash) external override {
        // Check: the grantee's own wallet, in the period, once per window.
        _requireNotPaused();
        if (documentHash == bytes32(0)) revert Errors.GrantProgram_ZeroAttestationHash();
        Program.Grant storage g = _existingGrant(grantId);
        (address wallet, ) = _registry().payoutOf(g.entityNo);
        if (msg.sender != wallet) revert Errors.GrantProgram_NotGranteeWallet(msg.sender, wallet);
        // An insider does not certify compliance that keeps its own grant out of recovery (as for claims).
        // A barred entity still attests: its obligations go on.
        _requireNotOfficial(msg.sender);
        Program.SupervisionTerms memory terms = _supervisionTerms[g.categoryId];
        if (terms.period == 0) revert Errors.GrantProgram_NotSupervised(grantId);
        if (terms.interval == 0) revert Errors.GrantProgram_NoAttestationsRequired(grantId);
        Program.Supervision memory s = _supervisions[grantId];
        if (s.startsAt == 0) revert Errors.GrantProgram_SupervisionNotStarted(grantId);
        uint40 now_ = _programTime();
        uint40 endsAt = s.startsAt + terms.period;
        // The period is whole windows (see addCategory), so every moment before its end is in one.
        if (now_ >= endsAt) revert Errors.GrantProgram_SupervisionOver(grantId, _calendar(endsAt));
        uint256 window = (now_ - s.startsAt) / terms.interval;
        uint64 bit = uint64(1 << window); // window < 64: the period is at most 64 windows
        if (s.attested & bit != 0) revert Errors.GrantProgram_AlreadyAttested(grantId, uint16(window + 1));

        // Effect.
        _supervisions[grantId].attested = s.attested | bit;

        // Log.
        emit AttestationFiled(grantId, uint16(window + 1), documentHash);
    }

    /// @inheritdoc IProgramSupervision
    function supervisionOf(uint256 grantId) external view override returns (Program.SupervisionView memory v) {
        Program.Grant storage g = _existingGrant(grantId);
        Program.SupervisionTerms memory terms = _supervisionTerms[g.categoryId];
        if (terms.period == 0) return v; // Compliance.None
        Program.Supervision memory s = _supervisions[grantId];
        if (terms.interval != 0) v.windows = uint16(terms.period / terms.interval);
        if (s.startsAt == 0) {
            v.state = _paymentsOver(grantId, g) ? Program.Compliance.ReadyToStart : Program.Compliance.AwaitingPayments;
            return v;
        }
        uint40 now_ = _programTime();
        uint40 endsAt = s.startsAt + terms.period;
        (v.startsAt, v.endsAt) = (_calendar(s.startsAt), _calendar(endsAt));
        if (terms.interval != 0) {
            uint256 over = (now_ - s.startsAt) / terms.interval;
            v.windowsDue = uint16(over < v.windows ? over : v.windows);
            v.attestedCount = _countBits(s.attested);
            // Missed: windows whose end has passed without an attestation (a window is attested only inside it).
            // Shifted in 256 bits: all 64 windows over must give the full mask, not 0 - 1.
            v.missed = v.windowsDue - _countBits(s.attested & uint64((uint256(1) << v.windowsDue) - 1));
            if (v.windowsDue < v.windows)
                v.nextDueAt = _calendar(s.startsAt + uint40(v.windowsDue + 1) * terms.interval);
        }
        if (now_ >= endsAt) v.state = Program.Compliance.Closed;
        else v.state = v.missed != 0 ? Program.Compliance.AttestationMissed : Program.Compliance.Supervising;
    }

    /// @inheritdoc IProgramSupervision
    function supervisionTerms(uint16 categoryId) external view override returns (Program.SupervisionTerms memory) {
        return _supervisionTerms[categoryId];
    }

    /// @dev Whether nothing of the grant can be paid any more and something was: every milestone is Paid,
    /// Lapsed or Cancelled (a cancelled grant's unpaid milestones are). Bounded: at most 16 milestones.
    function _paymentsOver(uint256 grantId, Program.Grant storage g) private view returns (bool) {
        bool cancelled = g.cancelled;
        bool paidSome;
        for (uint256 i = 0; i < g.milestoneCount; ++i) {
            Program.MilestoneState status = _milestones[grantId][i].status;
            if (status == Program.MilestoneState.Paid) paidSome = true;
            else if (
                !cancelled && status != Program.MilestoneState.Lapsed && status != Program.MilestoneState.Cancelled
            ) return false;
        }
        return paidSome;
    }

    function _countBits(uint64 bits) private pure returns (uint16 count) {
        for (; bits != 0; bits &= bits - 1) ++count;
    }
}
