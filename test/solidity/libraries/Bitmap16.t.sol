// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Bitmap16 } from "../../../contracts/libraries/Bitmap16.sol";
import { Assertions } from "../utils/Assertions.sol";

/// @notice Exposes the internal library so the tests call the real code.
contract Bitmap16Harness {
    function has(uint16 map, uint256 index) external pure returns (bool) {
        return Bitmap16.has(map, index);
    }

    function set(uint16 map, uint256 index) external pure returns (uint16) {
        return Bitmap16.set(map, index);
    }

    function unset(uint16 map, uint256 index) external pure returns (uint16) {
        return Bitmap16.unset(map, index);
    }

    function count(uint16 map) external pure returns (uint256) {
        return Bitmap16.count(map);
    }
}

/// @notice I5 building block: the popcount that counts approvals is exact for every 16-bit map.
contract Bitmap16Test is Assertions {
    Bitmap16Harness internal lib;

    function setUp() public {
        lib = new Bitmap16Harness();
    }

    function _naiveCount(uint16 map) internal pure returns (uint256 n) {
        for (uint256 i = 0; i < 16; ++i) {
            if ((map >> i) & 1 == 1) ++n;
        }
    }

    function test_countEdges() public view {
        assertEq(lib.count(0), 0, "Bitmap16.count(0)");
        assertEq(lib.count(type(uint16).max), 16, "Bitmap16.count(0xffff)");
        assertEq(lib.count(0x8000), 1, "Bitmap16.count(top bit)");
        assertEq(lib.count(0x5555), 8, "Bitmap16.count(0x5555)");
        assertEq(lib.count(0xaaaa), 8, "Bitmap16.count(0xaaaa)");
    }

    /// @notice Exhaustive: all 65,536 maps (cheap enough to check every one).
    function test_countMatchesNaiveLoopExhaustive() public view {
        for (uint256 m = 0; m <= type(uint16).max; m += 1) {
            assertEq(lib.count(uint16(m)), _naiveCount(uint16(m)), "Bitmap16.count == naive popcount");
        }
    }

    function testFuzz_countMatchesNaiveLoop(uint16 map) public view {
        assertEq(lib.count(map), _naiveCount(map), "Bitmap16.count == naive popcount");
    }

    function testFuzz_setThenHas(uint16 map, uint256 index) public view {
        index = _bound(index, 0, 15);
        uint16 after_ = lib.set(map, index);
        assertTrue(lib.has(after_, index), "set(i) => has(i)");
        // Only bit `index` may change.
        assertEq(after_ & ~uint16(1 << index), map & ~uint16(1 << index), "set touches only bit i");
        uint256 expected = _naiveCount(map) + (lib.has(map, index) ? 0 : 1);
        assertEq(lib.count(after_), expected, "set adds at most one to the count");
        assertEq(lib.set(after_, index), after_, "set is idempotent");
    }

    function testFuzz_unsetThenNotHas(uint16 map, uint256 index) public view {
        index = _bound(index, 0, 15);
        uint16 after_ = lib.unset(map, index);
        assertFalse(lib.has(after_, index), "unset(i) => !has(i)");
        assertEq(after_ | uint16(1 << index), map | uint16(1 << index), "unset touches only bit i");
        uint256 expected = _naiveCount(map) - (lib.has(map, index) ? 1 : 0);
        assertEq(lib.count(after_), expected, "unset removes at most one from the count");
        assertEq(lib.unset(after_, index), after_, "unset is idempotent");
    }

    function testFuzz_hasMatchesShift(uint16 map, uint256 index) public view {
        index = _bound(index, 0, 15);
        assertTrue(lib.has(map, index) == ((uint256(map) >> index) & 1 == 1), "has(i) == bit i");
    }

    function testFuzz_setUnsetRoundTrip(uint16 map, uint256 index) public view {
        index = _bound(index, 0, 15);
        if (!lib.has(map, index)) {
            assertEq(lib.unset(lib.set(map, index), index), map, "unset(set(m,i),i) == m when bit clear");
        } else {
            assertEq(lib.set(lib.unset(map, index), index), map, "set(unset(m,i),i) == m when bit set");
        }
    }

    /// @notice The count is subadditive over AND/OR: |a| + |b| == |a|b| + |a&b| (used for eligible & approvals).
    function testFuzz_countInclusionExclusion(uint16 a, uint16 b) public view {
        assertEq(lib.count(a) + lib.count(b), lib.count(a | b) + lib.count(a & b), "|a|+|b| == |a|b|+|a&b|");
    }

    /// @notice Indexes 16 and above are outside the map: set is a no-op on the 16-bit value.
    function testFuzz_outOfRangeIndexIsInert(uint16 map, uint256 index) public view {
        index = _bound(index, 16, 255);
        assertEq(lib.set(map, index), map, "set(i >= 16) leaves the map unchanged");
        assertFalse(lib.has(map, index), "has(i >= 16) is false");
    }
}
