// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { EIP712 } from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import { Program } from "../types/DataTypes.sol";
import { GrantProgramState } from "./GrantProgramState.sol";

/// @title ProgramVoteSignatures
/// @notice The EIP-712 domain ("MilestoneGrants GrantProgram", version "1", this chain, this program)
/// and the digest of a reviewer's signed vote.
/// @dev EIP712's own fallback strings are never written (the name fits a short string) and sit after
/// every {GrantProgramState} slot, so they cannot collide with the program's storage.
abstract contract ProgramVoteSignatures is GrantProgramState, EIP712 {
    /// @dev EIP-712 type of a signed vote.
    bytes32 private constant _VOTE_TYPEHASH = keccak256(
        "Vote(address reviewer,uint256 grantId,uint8 milestoneIndex,uint8 round,uint8 reviewerSlot,bytes32 termsHash,bytes32 evidenceHash,bool approve,bytes32 reasonHash,uint256 deadline)"
    );

    constructor() EIP712("MilestoneGrants GrantProgram", "1") {}

    /// @dev The digest a reviewer signs. Ballot's fields are all static and in the type string's order,
    /// so abi.encode matches EIP-712's encodeData.
    function _voteDigest(Program.Ballot memory ballot) internal view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(_VOTE_TYPEHASH, ballot)));
    }
}
