// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Ownable } from "@openzeppelin/contracts/access/Ownable.sol";
import { Ownable2Step } from "@openzeppelin/contracts/access/Ownable2Step.sol";
import { Clones } from "@openzeppelin/contracts/proxy/Clones.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import { IEntityRegistry } from "./interfaces/IEntityRegistry.sol";
import { IGrantProgram } from "./interfaces/IGrantProgram.sol";
import { IGrantProgramFactory } from "./interfaces/IGrantProgramFactory.sol";
import { Errors } from "./libraries/Errors.sol";
import { Program } from "./types/DataTypes.sol";

/// @title GrantProgramFactory
/// @notice See {IGrantProgramFactory}.
contract GrantProgramFactory is IGrantProgramFactory, Ownable2Step {
    struct Version {
        address impl;
        bool retired;
    }

    mapping(uint256 version => Version) private _versions;
    mapping(address impl => bool) private _known;
    mapping(address program => uint256 version) private _programVersions;
    /// @dev Programs created so far. The factory creates nothing but programs, each with one CREATE, so
    /// program `i` (0-based) is at the CREATE address of this factory's nonce `i + 1` (EIP-161: a contract's
    /// nonce starts at 1): {programAt} derives it instead of storing a list (one new slot per program less).
    uint256 private _programCount;

    /// @inheritdoc IGrantProgramFactory
    uint256 public override latestVersion;

    /// @notice Deploys the factory.
    /// @param owner_ Registers and retires implementation versions (meant to be a multisig or timelock).
    constructor(address owner_) Ownable(owner_) {}

    /*//////////////////////////////////////////////////////////////
                             READ-ONLY FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrantProgramFactory
    function implementation(uint256 version) external view override returns (address impl, bool retired) {
        Version memory v = _versions[version];
        return (v.impl, v.retired);
    }

    /// @inheritdoc IGrantProgramFactory
    function versionOf(address program) external view override returns (uint256) {
        return _programVersions[program];
    }

    /// @inheritdoc IGrantProgramFactory
    function programCount() external view override returns (uint256) {
        return _programCount;
    }

    /// @inheritdoc IGrantProgramFactory
    function programAt(uint256 index) external view override returns (address) {
        if (index >= _programCount) revert Errors.GrantProgramFactory_NoSuchProgram(index, _programCount);
        address program = _createAddress(index + 1);
        // The derivation rests on "nothing but programs, one CREATE each": should that ever fail (a later
        // version creating something else, a chain with other address rules), refuse rather than name a
        // contract that is not a program.
        if (_programVersions[program] == 0) revert Errors.GrantProgramFactory_NoSuchProgram(index, _programCount);
        return program;
    }

    /*//////////////////////////////////////////////////////////////
                           STATE-CHANGING FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrantProgramFactory
    function registerImplementation(address impl) external override onlyOwner returns (uint256 version) {
        // Check.
        if (impl.code.length == 0) revert Errors.GrantProgramFactory_NotAContract(impl);
        if (_known[impl]) revert Errors.GrantProgramFactory_ImplementationKnown(impl);
        // An implementation whose clones only another factory may initialise could never be used here.
        address boundFactory;
        try IGrantProgram(impl).factory() returns (address bound) {
            boundFactory = bound;
        } catch {} // no such view: boundFactory stays zero and is refused below
        if (boundFactory != address(this)) revert Errors.GrantProgramFactory_ForeignImplementation(impl, boundFactory);

        // Effect.
        _known[impl] = true;
        version = ++latestVersion;
        _versions[version] = Version({ impl: impl, retired: false });

        // Log.
        emit ImplementationRegistered(version, impl);
    }

    /// @inheritdoc IGrantProgramFactory
    function retireVersion(uint256 version) external override onlyOwner {
        // Check.
        Version storage v = _versions[version];
        if (v.impl == address(0) || v.retired) revert Errors.GrantProgramFactory_UnknownVersion(version);

        // Effect.
        v.retired = true;

        // Log.
        emit VersionRetired(version);
    }

    /// @inheritdoc IGrantProgramFactory
    function createProgram(
        uint256 version,
        string calldata name,
        IERC20 token,
        IEntityRegistry registry,
        address treasury,
        Program.InitParams calldata params
    ) external override returns (address program) {
        // Check.
        Version memory v = _versions[version];
        if (v.impl == address(0) || v.retired) revert Errors.GrantProgramFactory_UnknownVersion(version);
        if (address(token) == address(0)) revert Errors.GrantProgramFactory_ZeroToken();
        if (address(registry) == address(0)) revert Errors.GrantProgramFactory_ZeroRegistry();
        if (treasury == address(0)) revert Errors.GrantProgramFactory_ZeroTreasury();

        // Effect: clone with the money destinations and the policy it implements baked into its code, and
        // initialise it in the same transaction so nobody can front-run the initialisation.
        program = Clones.cloneWithImmutableArgs(
            v.impl,
            abi.encode(token, registry, treasury, params.programFileHash, params.policyTextHash)
        );
        _programVersions[program] = version;
        ++_programCount;

        // Interaction: our own fresh clone.
        IGrantProgram(program).initialize(params);

        // Log.
        emit ProgramCreated(program, version, params.admin, token, registry, treasury, name);
    }

    /*//////////////////////////////////////////////////////////////
                             INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev The address a CREATE by this contract with `nonce` makes: keccak256(rlp([this, nonce]))[12:].
    /// `nonce` is at least 1 and below 2**64 (EIP-2681), so its RLP is one byte up to 0x7f, else 0x80 + its
    /// length in bytes followed by those bytes.
    function _createAddress(uint256 nonce) private view returns (address) {
        bytes memory encodedNonce;
        if (nonce <= 0x7f) {
            encodedNonce = abi.encodePacked(uint8(nonce));
        } else {
            uint256 length = 0;
            for (uint256 n = nonce; n != 0; n >>= 8) ++length;
            encodedNonce = abi.encodePacked(uint8(0x80 + length));
            for (uint256 i = length; i != 0; --i) {
                encodedNonce = abi.encodePacked(encodedNonce, uint8(nonce >> (8 * (i - 1))));
            }
        }
        // List header: 0xc0 + payload length (21 bytes of address item + the nonce item; always < 56).
        bytes memory payload = abi.encodePacked(bytes1(0x94), address(this), encodedNonce);
        return address(uint160(uint256(keccak256(abi.encodePacked(uint8(0xc0 + payload.length), payload)))));
    }
}
