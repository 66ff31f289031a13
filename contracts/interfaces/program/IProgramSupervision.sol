// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Program } from "../../types/DataTypes.sol";
import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";

/// @title IProgramSupervision
/// @notice Supervision after payment (监管期): for a category with a supervision period, once a grant's
/// payments are over its conditions stay supervised for the period, and the grantee's wallet files a
/// compliance attestation (a document hash) in each attestation window. A missed attestation makes the
/// grant eligible for recovery (a manager decides: {IProgramRulings.orderRecovery}); after the period the
/// grant is closed for good. Times run on the program's clock, so a pause stops them.
interface IProgramSupervision is IGrantProgramEvents {
    /// @notice Starts a grant's supervision period now. Anyone may call (the grantee has every reason to: its
    /// period ends that much sooner).
    /// @dev Requirements: not paused; the grant's category has a supervision period; not started yet;
    /// something was paid and no milestone can still be paid (each is Paid, Lapsed or Cancelled, or the grant
    /// is cancelled). Emits {SupervisionStarted}.
    function startSupervision(uint256 grantId) external;

    /// @notice Files the compliance attestation of the current window: the hash of the document that
    /// shows the conditions still hold (e.g. the company is still registered in the zone, the licence stands).
    /// @dev Requirements: not paused; caller is the grantee's current payout wallet; supervision started and
    /// not over; the category requires attestations; the current window not attested yet; hash non-zero.
    /// Emits {AttestationFiled}.
    function attest(uint256 grantId, bytes32 documentHash) external;

    /// @notice Where a grant stands in its supervision: state, period, windows due, attested and missed,
    /// and the end of the current window (all times calendar seconds; zero where not applicable).
    function supervisionOf(uint256 grantId) external view returns (Program.SupervisionView memory);

    /// @notice A category's supervision terms (zero: none).
    function supervisionTerms(uint16 categoryId) external view returns (Program.SupervisionTerms memory);
}
