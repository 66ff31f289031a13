// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IProgramDispatch
/// @notice How a program is assembled: the implementation runs the hot paths itself and hands every
/// other call to its extension by DELEGATECALL, in the program's own storage.
interface IProgramDispatch {
    /// @notice The extension that runs the program's rarely used functions (set-up, categories, committee,
    /// pause, signed votes, rulings, recovery orders, views). Fixed in the implementation's code.
    function extension() external view returns (address);
}
