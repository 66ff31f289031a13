// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";
import { Program } from "../../types/DataTypes.sol";

/// @title IProgramSetup
/// @notice Initialisation and award categories.
interface IProgramSetup is IGrantProgramEvents {
    /// @notice Initialises the clone. Called by the factory in the transaction that creates it.
    /// @dev Reverts if called twice, on the implementation, or by anyone but the factory; on zero
    /// addresses, duplicate reviewers, quorum 0 or above the reviewers, an empty window, a notice period
    /// under one day or over 90 days.
    /// Emits {ProgramInitialized} and one {ReviewerAdded} per reviewer.
    function initialize(Program.InitParams calldata params) external;

    /// @notice Adds an award category. Categories never change once added (what was approved is what runs).
    /// @dev Requirements: caller is admin; mode Fixed or Capped; amount > 0; `maxTotal` zero or at least
    /// `amount`. A zero `exclusivityGroup` makes the category its own group; a named group must have been
    /// created by the registry admin, who admitted this program to it (else `GrantProgram_NotAdmittedToGroup`),
    /// and its award key ({IEntityRegistry.groupAwardKey}) is shared by every category and program on the
    /// registry naming the same group. Emits {CategoryAdded}.
    /// @return categoryId The new category id (from 1).
    function addCategory(Program.CategoryParams calldata params) external returns (uint16 categoryId);
}
