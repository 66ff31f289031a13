// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { MilestoneLib } from "../../../contracts/libraries/MilestoneLib.sol";
import { Program } from "../../../contracts/types/ProgramTypes.sol";
import { Assertions } from "../utils/Assertions.sol";

/// @notice The milestone state machine's pure rules, on their own: derived states and state sets.
contract MilestoneLibTest is Assertions {
    uint256 internal constant STATES = 11;

    function _m(
        Program.MilestoneState status,
        uint40 deadline,
        uint40 noticeEndsAt
    ) internal pure returns (Program.Milestone memory m) {
        m.amount = 1;
        m.status = status;
        m.deadline = deadline;
        m.noticeEndsAt = noticeEndsAt;
    }

    function _is(Program.MilestoneState got, Program.MilestoneState want, string memory rule) internal pure {
        assertEq(uint8(got), uint8(want), rule);
    }

    function test_bitIsOneBitPerState() public pure {
        uint16 all;
        for (uint8 i = 0; i < STATES; ++i) {
            uint16 b = MilestoneLib.bit(Program.MilestoneState(i));
            assertEq(b, uint16(1) << i, "bit(state i) is bit i");
            assertEq(all & b, 0, "no two states share a bit");
            all |= b;
        }
        assertEq(all, 0x07ff, "eleven states, eleven bits");
    }

    function testFuzz_isInMatchesTheBit(uint8 raw, uint16 set) public pure {
        Program.MilestoneState s = Program.MilestoneState(_bound(raw, 0, STATES - 1));
        assertTrue(MilestoneLib.isIn(s, set) == (((set >> uint8(s)) & 1) == 1), "isIn == bit test");
    }

    function test_inNoticeTurnsPayableExactlyAtTheWindowsEnd() public pure {
        Program.Milestone memory m = _m(Program.MilestoneState.InNotice, 1_000, 500);
        _is(MilestoneLib.stateBeforeDeadline(m, 499), Program.MilestoneState.InNotice, "one second before: in notice");
        _is(MilestoneLib.stateBeforeDeadline(m, 500), Program.MilestoneState.Payable, "at the end: payable");
        _is(MilestoneLib.stateOf(m, false, 499), Program.MilestoneState.InNotice, "stateOf: in notice");
        _is(MilestoneLib.stateOf(m, false, 500), Program.MilestoneState.Payable, "stateOf: payable");
    }

    function test_openStatesLapseOnlyAfterTheDeadlineOnTheProgramClock() public pure {
        Program.MilestoneState[3] memory open = [
            Program.MilestoneState.Pending,
            Program.MilestoneState.Submitted,
            Program.MilestoneState.Rejected
        ];
        for (uint256 i = 0; i < 3; ++i) {
            Program.Milestone memory m = _m(open[i], 1_000, 0);
            _is(MilestoneLib.stateOf(m, false, 1_000), open[i], "at the deadline: not lapsable");
            _is(MilestoneLib.stateOf(m, false, 1_001), Program.MilestoneState.Lapsable, "after: lapsable");
            // Calendar time never decides a deadline: only the program clock does (pauses stop it).
            _is(MilestoneLib.stateBeforeDeadline(m, 9_999_999), open[i], "the guard's view ignores the deadline");
        }
    }

    function test_terminalStatesStayWhateverTheClocksSay() public pure {
        Program.MilestoneState[2] memory ends = [Program.MilestoneState.Paid, Program.MilestoneState.Lapsed];
        for (uint256 i = 0; i < 2; ++i) {
            Program.Milestone memory m = _m(ends[i], 10, 10);
            _is(MilestoneLib.stateOf(m, true, type(uint40).max), ends[i], "terminal, even cancelled");
        }
        Program.Milestone memory c = _m(Program.MilestoneState.Cancelled, 10, 10);
        _is(MilestoneLib.stateOf(c, false, 0), Program.MilestoneState.Cancelled, "cancelled stays cancelled");
    }

    function testFuzz_aCancelledGrantReadsCancelledUnlessPaidOrLapsed(uint8 raw, uint40 programNow) public pure {
        Program.MilestoneState s = Program.MilestoneState(_bound(raw, 1, STATES - 1));
        Program.Milestone memory m = _m(s, 1_000, 500);
        Program.MilestoneState got = MilestoneLib.stateOf(m, true, programNow);
        if (s == Program.MilestoneState.Paid || s == Program.MilestoneState.Lapsed) _is(got, s, "terminal wins");
        else _is(got, Program.MilestoneState.Cancelled, "unpaid milestones of a cancelled grant are cancelled");
    }

    function testFuzz_derivedOnlyStatesAreNeverTheGuardsViewOfAStoredOne(uint8 raw, uint40 nowTs) public pure {
        // Stored statuses never hold Payable or Lapsable; the guard's view adds only Payable.
        Program.MilestoneState s = Program.MilestoneState(_bound(raw, 1, STATES - 1));
        if (s == Program.MilestoneState.Payable || s == Program.MilestoneState.Lapsable) return;
        Program.MilestoneState got = MilestoneLib.stateBeforeDeadline(_m(s, 1_000, 500), nowTs);
        if (s == Program.MilestoneState.InNotice && nowTs >= 500) _is(got, Program.MilestoneState.Payable, "payable");
        else _is(got, s, "the stored status otherwise");
    }
}
