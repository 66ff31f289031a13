// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC5267 } from "@openzeppelin/contracts/interfaces/IERC5267.sol";

import { Program } from "../types/DataTypes.sol";
import { GrantProgramState } from "./GrantProgramState.sol";

/// @title ProgramVoteSignatures
/// @notice The EIP-712 domain ("MilestoneGrants GrantProgram", version "1", this chain, this program)
/// and the digest of a reviewer's signed vote.
/// @dev The domain follows OpenZeppelin's EIP712 (same type hash and digest, the same ERC-5267 answer) but
/// is written here, because OpenZeppelin 5.7's EIP712 imports MessageHashUtils -> Strings -> Bytes, whose
/// inline MCOPY does not compile for an EVM before Cancun (the `compat` build profile). Name and version
/// are constants, so no fallback strings are stored; and no separator is cached: votes are only checked
/// in a clone's context, where OpenZeppelin's cache (made for the implementation's address) never applies.
abstract contract ProgramVoteSignatures is GrantProgramState, IERC5267 {
    /// @dev EIP-712 type of a signed vote.
    bytes32 private constant _VOTE_TYPEHASH = keccak256(
        "Vote(address reviewer,uint256 grantId,uint8 milestoneIndex,uint8 round,uint8 reviewerSlot,bytes32 termsHash,bytes32 evidenceHash,bool approve,bytes32 reasonHash,uint256 deadline)"
    );
    /// @dev EIP-712 type of the domain: name, version, chain id, verifying contract.
    bytes32 private constant _DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    /// @dev The domain's name, as wallets show it.
    string private constant _DOMAIN_NAME = "MilestoneGrants GrantProgram";
    /// @dev The domain's version: a new vote format would get a new one.
    string private constant _DOMAIN_VERSION = "1";
    /// @dev keccak256 of the name and of the version, folded at compile time (as literals): a clone
    /// rebuilds its separator on every signed vote, so these must not be hashed at run time.
    bytes32 private constant _HASHED_NAME = keccak256("MilestoneGrants GrantProgram");
    bytes32 private constant _HASHED_VERSION = keccak256("1");

    /// @notice The EIP-712 domain signed votes are checked against (ERC-5267).
    /// @return fields 0x0f: name, version, chain id and verifying contract are set.
    /// @return name "MilestoneGrants GrantProgram".
    /// @return version "1".
    /// @return chainId This chain.
    /// @return verifyingContract This program.
    /// @return salt Unused (zero).
    /// @return extensions None.
    function eip712Domain()
        external
        view
        override
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", _DOMAIN_NAME, _DOMAIN_VERSION, block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    /// @dev The digest a reviewer signs. Ballot's fields are all static and in the type string's order,
    /// so abi.encode matches EIP-712's encodeData.
    function _voteDigest(Program.Ballot memory ballot) internal view returns (bytes32 digest) {
        bytes32 structHash = keccak256(abi.encode(_VOTE_TYPEHASH, ballot));
        bytes32 separator = _buildDomainSeparator();
        // keccak256("\x19\x01" ‖ separator ‖ structHash), as OpenZeppelin's MessageHashUtils.toTypedDataHash.
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, hex"1901")
            mstore(add(ptr, 0x02), separator)
            mstore(add(ptr, 0x22), structHash)
            digest := keccak256(ptr, 0x42)
        }
    }

    /// @dev EIP-712 hashStruct of the domain for this chain and this contract (the clone, in a program).
    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, _HASHED_NAME, _HASHED_VERSION, block.chainid, address(this)));
    }
}
