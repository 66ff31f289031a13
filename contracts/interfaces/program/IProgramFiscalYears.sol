// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Program } from "../../types/DataTypes.sol";
import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";

/// @title IProgramFiscalYears
/// @notice The budget by fiscal year, for a program created with a fiscal calendar: funding is
/// appropriated to a year ({IProgramTreasury.fundFiscalYear}; {IProgramTreasury.fund} takes the current one),
/// an award reserves against the year it is made in or a named open year, what an award releases comes
/// back to its year while that is open, and an ended year is closed in order
/// ({IProgramTreasury.closeFiscalYear}), its rest returned to the treasury or carried over by the
/// program's rule. Per year: appropriated + carriedIn + released = committed + withdrawn + carriedOut +
/// available; the years' available amounts add up to the program's.
interface IProgramFiscalYears is IGrantProgramEvents {
    /// @notice The program's fiscal calendar (start month zero: one undated budget), the first year ever
    /// appropriated and the oldest open year (zero until the first appropriation).
    function fiscalBook() external view returns (Program.FiscalBook memory);

    /// @notice The fiscal year `timestamp` (unix seconds) falls in, by the program's calendar: the one rule
    /// the tasks, the portal and reports use.
    /// @dev Reverts with {Errors.GrantProgram_NoFiscalYears} on a program without fiscal years, and with
    /// {Errors.GrantProgram_OutsideCalendar} for a moment before 1971 or from 10000-01-01 on.
    function fiscalYearOf(uint256 timestamp) external view returns (uint16);

    /// @notice One fiscal year's budget line: its dates, whether it is closed, and its figures.
    /// @dev Reverts with {Errors.GrantProgram_NoFiscalYears} on a program without fiscal years, and with
    /// {Errors.GrantProgram_OutsideCalendar} for a year outside 1971–9999.
    function fiscalYear(uint16 year) external view returns (Program.FiscalYearView memory);
}
