// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ProgramClock
/// @notice The program's clock: calendar time minus the seconds spent paused. It stands still while
/// the program is paused, so deadlines kept on it wait for the pause instead of running out.
library ProgramClock {
    /// @notice The program's time now.
    /// @param pausedAt Start of the current pause (zero when running).
    /// @param pausedTotal Seconds spent in earlier pauses.
    /// @param nowTs Calendar time.
    function at(uint40 pausedAt, uint40 pausedTotal, uint40 nowTs) internal pure returns (uint40) {
        return (pausedAt != 0 ? pausedAt : nowTs) - pausedTotal;
    }

    /// @notice The calendar time of a program time, given the pauses so far (a running pause is not
    /// included: it moves the answer on for as long as it lasts).
    function toCalendar(uint40 programTime, uint40 pausedTotal) internal pure returns (uint40) {
        return programTime + pausedTotal;
    }

    /// @notice The program time of a calendar time in the future, given the pauses so far.
    function fromCalendar(uint40 calendarTime, uint40 pausedTotal) internal pure returns (uint40) {
        return calendarTime - pausedTotal;
    }
}
