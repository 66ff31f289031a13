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

    /// @notice Awards a grant as {award} does, with the award's options: the fiscal year it reserves
    /// against, the date the entity qualified, and the hash of the decision's text citing its article.
    /// @dev Requirements: as {award}; plus: `options.fiscalYear` zero (the current fiscal year) or, in a
    /// program with fiscal years, the current year or a later one at most ten years ahead (never one that
    /// has ended, closed or not: {Errors.GrantProgram_FiscalYearOutOfRange}) whose unreserved budget covers
    /// the sum; `options.qualifyingDate` within the category's eligibility window before now (required when
    /// the category has one, refused when it has none). {award} itself takes the current fiscal year and
    /// states no qualifying date. Emits what {award} emits (with {ReservedInFiscalYear} when the program
    /// keeps fiscal years), then {AwardDecided}.
    /// @return grantId The new grant id.
    function awardWithOptions(
        bytes32 entityId,
        uint16 categoryId,
        uint256 applicationId,
        Program.MilestoneTerms[] calldata terms,
        Program.AwardOptions calldata options
    ) external returns (uint256 grantId);
}
