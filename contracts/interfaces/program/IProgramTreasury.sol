// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";

/// @title IProgramTreasury
/// @notice Funding, withdrawals to the fixed treasury, surplus sweeps and repayments: every token movement into or out of the budget.
interface IProgramTreasury is IGrantProgramEvents {
    /// @notice Funds the program from the caller's tokens (approve first); a program with fiscal years
    /// appropriates it to the current fiscal year.
    /// @dev Requirements: caller is treasurer; amount > 0; the program receives exactly `amount`
    /// (fee-on-transfer tokens are refused). Emits {Funded} (and {Appropriated} with fiscal years).
    function fund(uint256 amount) external;

    /// @notice Funds the program and appropriates the amount to fiscal year `year` (approve first).
    /// @dev Requirements: as {fund}; the program keeps fiscal years; `year` is the current fiscal year or
    /// one of the next ten. Emits {Funded} and {Appropriated}.
    function fundFiscalYear(uint16 year, uint256 amount) external;

    /// @notice Withdraws unreserved budget to the fixed treasury address; a program with fiscal years
    /// takes it from the current fiscal year (an ended year's rest leaves by {closeFiscalYear}).
    /// @dev Requirements: caller is treasurer; 0 < amount <= available (and <= the current year's
    /// unreserved budget with fiscal years). Emits {Withdrawn} (and {WithdrawnFromFiscalYear}).
    function withdraw(uint256 amount) external;

    /// @notice Closes fiscal year `year`: its unreserved rest is returned to the fixed treasury or carried
    /// into the next year, by the program's rule; no appropriation or award is made against it after.
    /// @dev Requirements: caller is treasurer; the program keeps fiscal years; `year` has ended and is the
    /// oldest open year (years close in order). Works while paused, like {withdraw}. Emits {FiscalYearClosed}
    /// (and {Withdrawn} when the rest is returned, {Appropriated}-free: carried money is `carriedIn`).
    function closeFiscalYear(uint16 year) external;

    /// @notice Sends tokens that reached the program outside {fund}/{repay} to the treasury.
    /// @dev Requirements: caller is treasurer; a surplus exists. Emits {SurplusSwept}.
    function sweepSurplus() external;

    /// @notice Repays recovered money (approve first). Anyone may pay on the grantee's behalf.
    /// @dev Requirements: 0 < amount <= owed; exactly `amount` received. Lifts the bar once fully repaid.
    /// Emits {Repaid}.
    function repay(uint256 grantId, uint256 amount) external;
}
