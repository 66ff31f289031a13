// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import { IEntityRegistry } from "./IEntityRegistry.sol";
import { Program } from "../types/DataTypes.sol";

/// @title IGrantProgramFactory
/// @notice Creates programs as EIP-1167 clones of versioned implementations, each created and
/// initialised in one transaction. No proxies: a running program keeps the code it was created with.
interface IGrantProgramFactory {
    /*//////////////////////////////////////////////////////////////
                                  EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when the owner registers a new implementation version.
    event ImplementationRegistered(uint256 indexed version, address indexed implementation);

    /// @notice Emitted when the owner retires a version: no new programs use it; running ones are untouched.
    event VersionRetired(uint256 indexed version);

    /// @notice Emitted when a program is created.
    event ProgramCreated(
        address indexed program,
        uint256 indexed version,
        address indexed admin,
        IERC20 token,
        IEntityRegistry registry,
        address treasury,
        string name
    );

    /*//////////////////////////////////////////////////////////////
                             READ-ONLY FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice The newest registered version number (versions run from 1).
    function latestVersion() external view returns (uint256);

    /// @notice The implementation of a version, and whether it is retired.
    function implementation(uint256 version) external view returns (address impl, bool retired);

    /// @notice The version a program was created with; zero if it was not created by this factory.
    function versionOf(address program) external view returns (uint256);

    /// @notice The number of programs created.
    function programCount() external view returns (uint256);

    /// @notice The program created at position `index` (0-based).
    function programAt(uint256 index) external view returns (address);

    /*//////////////////////////////////////////////////////////////
                           STATE-CHANGING FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Registers a new implementation version.
    /// @dev Requirements: caller is the owner; `impl` has code and is new. Emits {ImplementationRegistered}.
    /// @return version The new version number.
    function registerImplementation(address impl) external returns (uint256 version);

    /// @notice Retires a version so no new program uses it.
    /// @dev Requirements: caller is the owner; version exists and is not retired. Emits {VersionRetired}.
    function retireVersion(uint256 version) external;

    /// @notice Creates and initialises a program in one transaction. Anyone may create a program; the
    /// registry admin decides separately whether it may record awards (PROGRAM_ROLE).
    /// @dev Reverts on an unknown or retired version, zero token/registry/treasury, or any
    /// {IGrantProgram.initialize} error. Emits {ProgramCreated}.
    /// @param version The implementation version.
    /// @param name A human-readable name, logged only.
    /// @param token The program's ERC20 (immutable).
    /// @param registry The shared entity registry (immutable).
    /// @param treasury The only destination of withdrawals (immutable).
    /// @param params Roles and settings.
    /// @return program The new program's address.
    function createProgram(
        uint256 version,
        string calldata name,
        IERC20 token,
        IEntityRegistry registry,
        address treasury,
        Program.InitParams calldata params
    ) external returns (address program);
}
