// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Bitmap16
/// @notice Set operations on 16-bit bitmaps: one bit per reviewer slot.
library Bitmap16 {
    /// @notice Whether bit `index` is set.
    function has(uint16 map, uint256 index) internal pure returns (bool) {
        return (map >> index) & 1 == 1;
    }

    /// @notice `map` with bit `index` set.
    function set(uint16 map, uint256 index) internal pure returns (uint16) {
        return map | uint16(1 << index);
    }

    /// @notice `map` with bit `index` cleared.
    function unset(uint16 map, uint256 index) internal pure returns (uint16) {
        return map & ~uint16(1 << index);
    }

    /// @notice The number of set bits (population count), branch-free.
    function count(uint16 map) internal pure returns (uint256) {
        uint256 x = map;
        x = x - ((x >> 1) & 0x5555);
        x = (x & 0x3333) + ((x >> 2) & 0x3333);
        x = (x + (x >> 4)) & 0x0f0f;
        return (x + (x >> 8)) & 0x1f;
    }
}
