// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { VestingWallet } from "@openzeppelin/contracts/finance/VestingWallet.sol";

/// @title BenchVestingWallet
/// @notice OpenZeppelin's VestingWallet, unchanged, compiled here only so that `npm run bench` can measure
/// `release(token)` as an anchor for claims. Never deployed outside local networks.
contract BenchVestingWallet is VestingWallet {
    /// @notice Deploys a vesting wallet for `beneficiary`, vesting linearly from `startTimestamp` over
    /// `durationSeconds` (zero duration: everything vests at the start).
    constructor(
        address beneficiary,
        uint64 startTimestamp,
        uint64 durationSeconds
    ) VestingWallet(beneficiary, startTimestamp, durationSeconds) {}
}
