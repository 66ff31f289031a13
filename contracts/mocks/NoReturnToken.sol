// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title NoReturnToken
/// @notice A 2-decimal USDT-style test token: `transfer`, `transferFrom` and `approve` return nothing
/// (no bool), so callers must use SafeERC20. Failures revert. Open minting. Tests only.
contract NoReturnToken {
    /// @notice Thrown when the sender's balance is below the amount.
    error NoReturnToken_InsufficientBalance(address from, uint256 balance, uint256 needed);

    /// @notice Thrown when the spender's allowance is below the amount.
    error NoReturnToken_InsufficientAllowance(address spender, uint256 allowance, uint256 needed);

    /// @notice ERC-20 Transfer event.
    event Transfer(address indexed from, address indexed to, uint256 value);

    /// @notice ERC-20 Approval event.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice Total supply.
    uint256 public totalSupply;
    /// @notice Balances.
    mapping(address account => uint256) public balanceOf;
    /// @notice Allowances.
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    /// @notice Deploys the mock.
    constructor() {}

    /// @notice Token name.
    function name() external pure returns (string memory) {
        return "No-return Yuan";
    }

    /// @notice Token symbol.
    function symbol() external pure returns (string memory) {
        return "nCNY";
    }

    /// @notice Token decimals (fen).
    function decimals() external pure returns (uint8) {
        return 2;
    }

    /// @notice Mints test tokens to `to`.
    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Moves `amount` to `to`; returns nothing, like USDT.
    function transfer(address to, uint256 amount) external {
        _move(msg.sender, to, amount);
    }

    /// @notice Moves `amount` from `from` to `to` within the caller's allowance; returns nothing, like USDT.
    function transferFrom(address from, address to, uint256 amount) external {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed < amount) revert NoReturnToken_InsufficientAllowance(msg.sender, allowed, amount);
        allowance[from][msg.sender] = allowed - amount;
        _move(from, to, amount);
    }

    /// @notice Sets the allowance of `spender`; returns nothing, like USDT.
    function approve(address spender, uint256 amount) external {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 balance = balanceOf[from];
        if (balance < amount) revert NoReturnToken_InsufficientBalance(from, balance, amount);
        balanceOf[from] = balance - amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}
