// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockYuan
/// @notice A demo yuan stablecoin for local networks: configurable decimals (2 by default in the demo),
/// open minting. Never deploy outside a local network.
contract MockYuan is ERC20 {
    uint8 private immutable _decimals;

    /// @notice Deploys the token.
    /// @param decimals_ The token's decimals (2 for fen).
    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _decimals = decimals_;
    }

    /// @notice Token decimals.
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Mints test tokens to `to`.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
