// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FalseReturnToken
/// @notice A 2-decimal test token that, once switched to failing, answers `transfer` and `transferFrom`
/// with `false` without moving any token (instead of reverting), like some old ERC-20s. Used to show that
/// programs use SafeERC20 and refuse such silent failures. Open minting and switching. Tests only.
contract FalseReturnToken is ERC20 {
    /// @notice Whether transfers currently fail by returning false.
    bool public failing;

    /// @notice Deploys the mock.
    constructor() ERC20("False Yuan", "xCNY") {}

    /// @notice Token decimals (fen).
    function decimals() public pure override returns (uint8) {
        return 2;
    }

    /// @notice Mints test tokens to `to`.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Makes transfers return false without moving tokens (`true`), or work normally (`false`).
    function setFailing(bool failing_) external {
        failing = failing_;
    }

    /// @notice Returns false and moves nothing while failing; a normal ERC-20 transfer otherwise.
    function transfer(address to, uint256 value) public override returns (bool) {
        if (failing) return false;
        return super.transfer(to, value);
    }

    /// @notice Returns false and moves nothing while failing; a normal ERC-20 transferFrom otherwise.
    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (failing) return false;
        return super.transferFrom(from, to, value);
    }
}
