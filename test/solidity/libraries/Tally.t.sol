// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Errors } from "../../../contracts/libraries/Errors.sol";
import { Tally } from "../../../contracts/libraries/Tally.sol";
import { Assertions } from "../utils/Assertions.sol";
import { vm } from "../utils/Vm.sol";

/// @notice Exposes the internal library so a revert can be expected from an external call.
contract TallyHarness {
    function decide(uint16 a, uint16 r, uint16 eligible, uint8 quorum) external pure returns (bool, bool) {
        return Tally.decide(a, r, eligible, quorum);
    }
}

/// @notice I5 and the rejection rule, on their own: only eligible votes count; rejection comes exactly
/// when approval has become impossible.
contract TallyTest is Assertions {
    TallyHarness internal lib;

    function setUp() public {
        lib = new TallyHarness();
    }

    function _count(uint16 map) internal pure returns (uint256 n) {
        for (uint256 i = 0; i < 16; ++i) if ((map >> i) & 1 == 1) ++n;
    }

    function test_threeOfFour() public view {
        // Reviewers 0..3 eligible, quorum 3.
        (bool ok, bool no) = lib.decide(0x0003, 0, 0x000f, 3);
        assertFalse(ok || no, "2 approvals of 4: undecided");
        (ok, no) = lib.decide(0x0007, 0, 0x000f, 3);
        assertTrue(ok && !no, "3 approvals: approved");
        (ok, no) = lib.decide(0x0001, 0x0002, 0x000f, 3);
        assertFalse(ok || no, "1 rejection of 4 with quorum 3: approval still possible");
        (ok, no) = lib.decide(0x0001, 0x0006, 0x000f, 3);
        assertTrue(!ok && no, "2 rejections: at most 2 approvals left, rejected");
    }

    function test_votesOfIneligibleReviewersNeverCount() public view {
        // Slot 4 voted but is removed or recused (not eligible).
        (bool ok, ) = lib.decide(0x0013, 0, 0x000f, 3);
        assertFalse(ok, "an ineligible approval does not make the quorum");
        (, bool no) = lib.decide(0, 0x0031, 0x000f, 3);
        assertFalse(no, "ineligible rejections do not reject");
    }

    function test_refusesWhenTheQuorumCannotBeReached() public {
        vm.expectRevert(abi.encodeWithSelector(Errors.GrantProgram_QuorumUnreachable.selector, uint256(2), uint8(3)));
        lib.decide(0x0003, 0, 0x0003, 3);
    }

    /// @notice Against a reference written from the rule itself, for every vote pattern.
    function testFuzz_matchesTheRule(uint16 approvals, uint16 rejections, uint16 eligible, uint8 quorum) public view {
        rejections &= ~approvals; // a reviewer votes once per round
        uint256 e = _count(eligible);
        quorum = uint8(_bound(quorum, 1, 16));
        if (e < quorum) return; // the refusal is tested above
        (bool ok, bool no) = lib.decide(approvals, rejections, eligible, quorum);
        uint256 yes = _count(approvals & eligible);
        uint256 nay = _count(rejections & eligible);
        assertTrue(ok == (yes >= quorum), "approved iff quorum eligible approvals");
        // Approval is impossible once the eligible reviewers who have not rejected are fewer than the quorum.
        assertTrue(no == (!ok && e - nay < quorum), "rejected iff approval impossible");
        assertFalse(ok && no, "never both");
    }
}
