// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC1271 } from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import { ECDSA } from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title MockERC1271Wallet
/// @notice A minimal contract wallet for tests: a signature is valid when its owner EOA signed the hash.
/// Never deploy outside a local network.
contract MockERC1271Wallet is IERC1271 {
    /// @notice The EOA whose ECDSA signatures this wallet accepts.
    address public immutable owner;

    /// @notice Deploys the mock.
    /// @param owner_ The EOA whose signatures the wallet accepts.
    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice ERC-1271: returns the magic value when `signature` over `hash` recovers to the owner.
    /// @param hash The signed digest.
    /// @param signature The owner's 65-byte ECDSA signature.
    /// @return magicValue `IERC1271.isValidSignature.selector` if valid, `0xffffffff` otherwise.
    function isValidSignature(
        bytes32 hash,
        bytes calldata signature
    ) external view override returns (bytes4 magicValue) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == owner) return IERC1271.isValidSignature.selector;
        return bytes4(0xffffffff);
    }
}
