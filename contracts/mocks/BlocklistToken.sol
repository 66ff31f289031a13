// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title BlocklistToken
/// @notice A 2-decimal test token whose owner can blocklist addresses, like regulated stablecoins:
/// any transfer to or from a blocklisted address reverts. Open minting. Tests only.
contract BlocklistToken is ERC20 {
    /// @notice Thrown when a transfer touches a blocklisted address.
    error BlocklistToken_Blocked(address account);

    /// @notice Thrown when someone other than the owner changes the blocklist.
    error BlocklistToken_NotOwner(address caller);

    /// @notice The account allowed to change the blocklist.
    address public immutable owner;

    /// @notice Whether an address is blocklisted.
    mapping(address account => bool) public blocked;

    /// @notice Deploys the mock.
    /// @param owner_ The account allowed to change the blocklist.
    constructor(address owner_) ERC20("Blocklist Yuan", "bCNY") {
        owner = owner_;
    }

    /// @notice Token decimals (fen).
    function decimals() public pure override returns (uint8) {
        return 2;
    }

    /// @notice Mints test tokens to `to`.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Adds `account` to, or removes it from, the blocklist.
    function setBlocked(address account, bool isBlocked) external {
        if (msg.sender != owner) revert BlocklistToken_NotOwner(msg.sender);
        blocked[account] = isBlocked;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[from]) revert BlocklistToken_Blocked(from);
        if (blocked[to]) revert BlocklistToken_Blocked(to);
        super._update(from, to, value);
    }
}
