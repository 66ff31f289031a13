// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { ProgramClock } from "../../../contracts/libraries/ProgramClock.sol";
import { Assertions } from "../utils/Assertions.sol";

/// @notice The program clock on its own: it stands still while paused and never counts paused time.
contract ProgramClockTest is Assertions {
    function test_runsWithCalendarTimeMinusEarlierPauses() public pure {
        assertEq(ProgramClock.at(0, 0, 1_000), 1_000, "never paused: calendar time");
        assertEq(ProgramClock.at(0, 300, 1_000), 700, "after 300 s of pauses");
    }

    function test_standsStillWhilePaused() public pure {
        // Paused at 1,000 after 300 s of earlier pauses: the clock shows 700 for as long as the pause lasts.
        assertEq(ProgramClock.at(1_000, 300, 1_000), 700, "at the pause");
        assertEq(ProgramClock.at(1_000, 300, 5_000_000), 700, "long into the pause");
    }

    function testFuzz_calendarRoundTrip(uint40 programTime, uint40 pausedTotal) public pure {
        pausedTotal = uint40(_bound(pausedTotal, 0, type(uint40).max - uint256(programTime)));
        uint40 calendar = ProgramClock.toCalendar(programTime, pausedTotal);
        assertEq(calendar, uint256(programTime) + pausedTotal, "calendar = program time + paused seconds");
        assertEq(ProgramClock.fromCalendar(calendar, pausedTotal), programTime, "and back");
    }

    function testFuzz_aPauseDelaysADeadlineByItsLength(uint40 deadline, uint40 pausedAt, uint40 length) public pure {
        // A deadline D (program time) that has not passed when a pause starts has not passed after it either
        // until `length` more calendar seconds have gone by.
        pausedAt = uint40(_bound(pausedAt, 1, type(uint32).max));
        deadline = uint40(_bound(deadline, pausedAt, uint256(type(uint32).max) * 2));
        length = uint40(_bound(length, 0, type(uint32).max));
        uint40 resumedAt = pausedAt + length;
        assertTrue(ProgramClock.at(pausedAt, 0, resumedAt) <= deadline, "during the pause: not passed");
        uint40 afterIt = ProgramClock.at(0, length, resumedAt);
        assertEq(afterIt, pausedAt, "on resuming, the clock is where the pause stopped it");
    }
}
