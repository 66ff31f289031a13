// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

// The one line the compatibility build profile changes: for an EVM before Cancun (no TSTORE/TLOAD) the
// build swaps this import and base for OpenZeppelin's storage `ReentrancyGuard` (same `nonReentrant`, same
// `ReentrancyGuardReentrantCall` error, same ERC-7201 slot): tasks/hooks/compat-guard.ts. Keep it one
// import and one base so that swap stays a plain, checked text replacement.
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title ProgramReentrancyGuard
/// @notice The reentrancy guard of every program: OpenZeppelin's transient guard (EIP-1153) in the Cancun
/// build; OpenZeppelin's storage guard in the `compat` build (see the comment above and README).
/// @dev Declares nothing: both guards keep their lock outside the program's storage layout (transient
/// storage, or the guard's own ERC-7201 namespaced slot), so the layout is the same in both builds.
abstract contract ProgramReentrancyGuard is ReentrancyGuardTransient {}
