// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";

/// @title IProgramTreasury
/// @notice Funding, withdrawals to the fixed treasury, surplus sweeps and repayments: every token movement into or out of the budget.
interface IProgramTreasury is IGrantProgramEvents {
    /// @notice Funds the program from the caller's tokens (approve first).
    /// @dev Requirements: caller is treasurer; amount > 0; the program receives exactly `amount`
    /// (fee-on-transfer tokens are refused). Emits {Funded}.
    function fund(uint256 amount) external;

    /// @notice Withdraws unreserved budget to the fixed treasury address.
    /// @dev Requirements: caller is treasurer; 0 < amount <= available. Emits {Withdrawn}.
    function withdraw(uint256 amount) external;

    /// @notice Sends tokens that reached the program outside {fund}/{repay} to the treasury.
    /// @dev Requirements: caller is treasurer; a surplus exists. Emits {SurplusSwept}.
    function sweepSurplus() external;

    /// @notice Repays recovered money (approve first). Anyone may pay on the grantee's behalf.
    /// @dev Requirements: 0 < amount <= owed; exactly `amount` received. Lifts the bar once fully repaid.
    /// Emits {Repaid}.
    function repay(uint256 grantId, uint256 amount) external;
}
