// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Assertions
/// @notice A tiny assertion helper: every failure names the rule it protects, with both values.
abstract contract Assertions {
    error AssertionFailed(string rule, uint256 left, uint256 right);
    error AssertionFailedBool(string rule);

    function assertEq(uint256 left, uint256 right, string memory rule) internal pure {
        if (left != right) revert AssertionFailed(string.concat(rule, ": expected equal"), left, right);
    }

    function assertEq(address left, address right, string memory rule) internal pure {
        if (left != right) {
            revert AssertionFailed(string.concat(rule, ": expected equal addresses"), uint160(left), uint160(right));
        }
    }

    function assertLe(uint256 left, uint256 right, string memory rule) internal pure {
        if (left > right) revert AssertionFailed(string.concat(rule, ": expected left <= right"), left, right);
    }

    function assertGe(uint256 left, uint256 right, string memory rule) internal pure {
        if (left < right) revert AssertionFailed(string.concat(rule, ": expected left >= right"), left, right);
    }

    function assertTrue(bool condition, string memory rule) internal pure {
        if (!condition) revert AssertionFailedBool(rule);
    }

    function assertFalse(bool condition, string memory rule) internal pure {
        if (condition) revert AssertionFailedBool(rule);
    }

    /// @notice forge-std style bound: maps `x` into [min, max] without discarding inputs.
    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 span = max - min;
        if (span == type(uint256).max) return x;
        return min + (x % (span + 1));
    }
}
