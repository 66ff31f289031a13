// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FeeOnTransferToken
/// @notice A test token that burns 1% of every transfer between two accounts, so the recipient
/// receives less than the amount sent. Used to show that programs refuse fee-on-transfer tokens.
/// Never deploy outside a local network.
contract FeeOnTransferToken is ERC20 {
    /// @notice The share of each transfer that is burnt, in basis points (1%).
    uint256 public constant FEE_BPS = 100;

    constructor() ERC20("Fee Yuan", "fCNY") {}

    /// @notice Token decimals (fen, like the demo yuan).
    function decimals() public pure override returns (uint8) {
        return 2;
    }

    /// @notice Mints test tokens to `to`.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @dev Transfers between two accounts burn 1%; mints and burns are untouched.
    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = (value * FEE_BPS) / 10_000;
        super._update(from, to, value - fee);
        if (fee != 0) super._update(from, address(0), fee);
    }
}
