// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ProgramClock
/// @notice The program's clock: calendar time minus the seconds spent paused. It stands still while
/// the program is paused, so deadlines and notice windows kept on it wait for the pause instead of
/// running out.
library ProgramClock {
    /// @notice The program's time now.
    /// @param pausedAt Start of the current pause (zero when running).
    /// @param pausedTotal Seconds spent in earlier pauses.
    /// @param nowTs Calendar time.
    function at(uint40 pausedAt, uint40 pausedTotal, uint40 nowTs) internal pure returns (uint40) {
        return (pausedAt != 0 ? pausedAt : nowTs) - pausedTotal;
    }

    /// @notice The calendar time of a program time.
    /// @param offset Calendar time now minus program time now: the seconds spent paused so far, a running
    /// pause included, so during a pause the answer is "if the program resumed now" and moves on with it.
    function toCalendar(uint40 programTime, uint40 offset) internal pure returns (uint40) {
        return programTime + offset;
    }

    /// @notice The program time of a calendar time in the future (`offset` as in {toCalendar}).
    function fromCalendar(uint40 calendarTime, uint40 offset) internal pure returns (uint40) {
        return calendarTime - offset;
    }
}
