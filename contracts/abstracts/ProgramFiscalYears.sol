// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IProgramFiscalYears } from "../interfaces/program/IProgramFiscalYears.sol";
import { Errors } from "../libraries/Errors.sol";
import { FiscalCalendar } from "../libraries/FiscalCalendar.sol";
import { Program } from "../types/DataTypes.sol";
import { GrantProgramState } from "./GrantProgramState.sol";

/// @title ProgramFiscalYears
/// @notice The fiscal-year views (see {IProgramFiscalYears}); appropriation, withdrawal and the year's close
/// move money and live in {ProgramTreasury}, reservation in {ProgramAwards}.
abstract contract ProgramFiscalYears is IProgramFiscalYears, GrantProgramState {
    /// @inheritdoc IProgramFiscalYears
    function fiscalBook() external view override returns (Program.FiscalBook memory) {
        return _fiscalBook;
    }

    /// @inheritdoc IProgramFiscalYears
    function fiscalYearOf(uint256 timestamp) external view override returns (uint16) {
        Program.FiscalBook memory b = _requireFiscalYears();
        if (timestamp < FiscalCalendar.FIRST_MOMENT || timestamp >= FiscalCalendar.END_MOMENT) {
            revert Errors.GrantProgram_OutsideCalendar(timestamp);
        }
        return FiscalCalendar.yearOf(timestamp, b.startMonth, b.utcOffsetMinutes);
    }

    /// @inheritdoc IProgramFiscalYears
    function fiscalYear(uint16 year) external view override returns (Program.FiscalYearView memory v) {
        Program.FiscalBook memory b = _requireFiscalYears();
        if (year < FiscalCalendar.FIRST_YEAR || year > FiscalCalendar.LAST_YEAR) {
            revert Errors.GrantProgram_OutsideCalendar(year);
        }
        Program.FiscalYear storage y = _fiscalYears[year];
        v.year = year;
        v.startsAt = FiscalCalendar.startOf(year, b.startMonth, b.utcOffsetMinutes);
        v.endsAt = FiscalCalendar.startOf(year + 1, b.startMonth, b.utcOffsetMinutes);
        v.closed = year < b.nextToClose;
        (v.appropriated, v.carriedIn, v.released) = (y.appropriated, y.carriedIn, y.released);
        (v.committed, v.withdrawn, v.carriedOut) = (y.committed, y.withdrawn, y.carriedOut);
        v.available = _fiscalAvailable(y);
    }

    function _requireFiscalYears() private view returns (Program.FiscalBook memory) {
        if (!_settings.fiscalYears) revert Errors.GrantProgram_NoFiscalYears();
        return _fiscalBook;
    }
}
