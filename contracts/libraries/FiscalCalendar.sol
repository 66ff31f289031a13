// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title FiscalCalendar
/// @notice Which fiscal year a moment falls in, and when a fiscal year begins, for a year that begins at
/// 00:00 local time on the 1st of a month (the Chinese budget year: 1 January, Beijing time, UTC+8).
/// A fiscal year is named by the calendar year it begins in.
/// @dev Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (the civil-from-days and
/// days-from-civil algorithms published by Howard Hinnant, restricted to dates from 1970 on: every
/// quantity is non-negative, so unsigned division is floor division). Exact for the fiscal years
/// 1971–9999 and the moments from 1971-01-01 to before 10000-01-01 (UTC), which the program's views
/// enforce and its own clock never leaves; a test compares it with an independent calendar at thousands
/// of moments.
library FiscalCalendar {
    /// @notice The first and last fiscal year the calendar is exact for.
    uint16 internal constant FIRST_YEAR = 1971;
    uint16 internal constant LAST_YEAR = 9999;
    /// @notice 1971-01-01T00:00:00Z and 10000-01-01T00:00:00Z: moments from the first and before the second.
    uint256 internal constant FIRST_MOMENT = 31_536_000;
    uint256 internal constant END_MOMENT = 253_402_300_800;

    uint256 private constant _DAY = 86_400;
    /// @dev Days from 0000-03-01 (the algorithms' epoch) to 1970-01-01.
    uint256 private constant _EPOCH_SHIFT = 719_468;
    /// @dev Days in a 400-year era.
    uint256 private constant _ERA_DAYS = 146_097;

    /// @notice The fiscal year `timestamp` (unix seconds) falls in.
    /// @param startMonth The month (1–12) the fiscal year begins.
    /// @param utcOffsetMinutes Local time, minutes east of UTC (between -720 and 840).
    function yearOf(uint256 timestamp, uint8 startMonth, int16 utcOffsetMinutes) internal pure returns (uint16) {
        // Local time: non-negative for any moment from FIRST_MOMENT on (offsets are at most 12 hours west).
        uint256 local = uint256(int256(timestamp) + int256(utcOffsetMinutes) * 60);
        (uint256 year, uint256 month) = _civilFromDays(local / _DAY);
        return uint16(month >= startMonth ? year : year - 1);
    }

    /// @notice The first second (unix time) of fiscal year `year`.
    function startOf(uint16 year, uint8 startMonth, int16 utcOffsetMinutes) internal pure returns (uint40) {
        uint256 localStart = _daysFromCivil(year, startMonth) * _DAY;
        return uint40(uint256(int256(localStart) - int256(utcOffsetMinutes) * 60));
    }

    /// @dev The calendar year and month of a day number (days since 1970-01-01).
    function _civilFromDays(uint256 dayNumber) private pure returns (uint256 year, uint256 month) {
        uint256 z = dayNumber + _EPOCH_SHIFT;
        uint256 era = z / _ERA_DAYS;
        uint256 dayOfEra = z - era * _ERA_DAYS;
        uint256 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / (_ERA_DAYS - 1)) / 365;
        uint256 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        // Months counted from March (0) to February (11), so the leap day ends the year.
        uint256 marchMonth = (5 * dayOfYear + 2) / 153;
        month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    }

    /// @dev The day number (days since 1970-01-01) of the 1st of `month` in `year` (year >= 1970).
    function _daysFromCivil(uint256 year, uint256 month) private pure returns (uint256) {
        if (month <= 2) year -= 1;
        uint256 era = year / 400;
        uint256 yearOfEra = year - era * 400;
        uint256 dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5;
        uint256 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * _ERA_DAYS + dayOfEra - _EPOCH_SHIFT;
    }
}
