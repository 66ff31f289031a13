// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import { ERC20Pausable } from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Pausable.sol";

/// @title PausableToken
/// @notice A 2-decimal test token whose owner can pause every transfer. Open minting (while unpaused).
/// Tests only.
contract PausableToken is ERC20Pausable {
    /// @notice Thrown when someone other than the owner pauses or unpauses.
    error PausableToken_NotOwner(address caller);

    /// @notice The account allowed to pause and unpause.
    address public immutable owner;

    /// @notice Deploys the mock.
    /// @param owner_ The account allowed to pause and unpause.
    constructor(address owner_) ERC20("Pausable Yuan", "pCNY") {
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

    /// @notice Stops every transfer.
    function pause() external {
        if (msg.sender != owner) revert PausableToken_NotOwner(msg.sender);
        _pause();
    }

    /// @notice Lets transfers resume.
    function unpause() external {
        if (msg.sender != owner) revert PausableToken_NotOwner(msg.sender);
        _unpause();
    }
}
