// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC1271 } from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import { ECDSA } from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title SignatureCheck
/// @notice Whether a reviewer signed a digest: ECDSA (low s) for an account without code, ERC-1271 for a
/// contract wallet — the rule of OpenZeppelin's `SignatureChecker.isValidSignatureNow`, kept here because
/// that file (and the `Bytes` library it imports) uses the Cancun opcode MCOPY in inline assembly, which
/// would not compile for the compatibility build profile (`compat`, evmVersion shanghai). Without inline
/// MCOPY the compiler picks the memory copy the target EVM has, so the same source builds for both.
library SignatureCheck {
    /// @notice Whether `signature` is `signer`'s over `hash`, checked now (a wallet may change its mind).
    /// @dev A wallet's answer counts only if the call succeeds and returns at least one word equal to the
    /// ERC-1271 magic value; only that word is copied back, so a huge return cannot cost the caller memory.
    function isValidSignatureNow(address signer, bytes32 hash, bytes memory signature) internal view returns (bool) {
        if (signer.code.length == 0) {
            (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
            return err == ECDSA.RecoverError.NoError && recovered == signer;
        }
        bytes memory data = abi.encodeCall(IERC1271.isValidSignature, (hash, signature));
        bytes4 magic = IERC1271.isValidSignature.selector;
        bool valid;
        assembly ("memory-safe") {
            let success := staticcall(gas(), signer, add(data, 0x20), mload(data), 0x00, 0x20)
            valid := and(success, and(gt(returndatasize(), 0x1f), eq(mload(0x00), magic)))
        }
        return valid;
    }
}
