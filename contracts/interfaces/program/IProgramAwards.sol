// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";
import { Program } from "../../types/DataTypes.sol";

/// @title IProgramAwards
/// @notice Awarding a grant in milestones against a category and the available budget.
interface IProgramAwards is IGrantProgramEvents {
    /// @notice Awards a grant in milestones, reserving its amount from the available budget.
    /// @dev Requirements: caller is manager; not paused; inside the window; category exists; 1 to 16
    /// milestones, each > 0 with strictly increasing future deadlines at most 10 years away; the sum
    /// equals the fixed amount or is at most the cap; category count and total limits hold; sum <=
    /// available; the entity is registered, not barred, holds no award under the category's key, and its
    /// wallet is not and never was an official here (a role or a reviewer seat); `applicationId` zero or an open application of that entity to that category.
    /// Emits {GrantAwarded} and one {MilestoneScheduled} per milestone.
    /// @return grantId The new grant id.
    function award(
        bytes32 entityId,
        uint16 categoryId,
        uint256 applicationId,
        Program.MilestoneTerms[] calldata terms
    ) external returns (uint256 grantId);
}
