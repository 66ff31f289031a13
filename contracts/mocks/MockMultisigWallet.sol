// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title MockMultisigWallet
/// @notice A minimal contract wallet standing in for a company's multisig: its owner makes it call
/// other contracts. Used to show that grantees can be contracts (no EOA-only checks, no tx.origin).
contract MockMultisigWallet {
    /// @notice Thrown when someone other than the owner tries to execute.
    error MockMultisigWallet_NotOwner(address caller);

    /// @notice The account allowed to execute.
    address public immutable owner;

    /// @notice Deploys the wallet.
    /// @param owner_ The account allowed to execute.
    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice Calls `target` with `data` from this wallet, bubbling up any revert.
    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != owner) revert MockMultisigWallet_NotOwner(msg.sender);
        bool ok;
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }
}
