// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Bitmap16 } from "./Bitmap16.sol";
import { Errors } from "./Errors.sol";

/// @title Tally
/// @notice Decides a review round from its vote bitmaps (one bit per reviewer slot).
library Tally {
    /// @notice The round's outcome under the current committee.
    /// @dev Only eligible reviewers count (current and not recused). Approved with `quorum` eligible
    /// approvals; rejected as soon as approval has become impossible (more eligible rejections than
    /// eligible − quorum), so a split committee never deadlocks; one rejection decides only when the quorum
    /// equals the eligible count.
    /// Reverts with {Errors.GrantProgram_QuorumUnreachable} when fewer eligible reviewers than the quorum remain.
    function decide(
        uint16 approvals,
        uint16 rejections,
        uint16 eligible,
        uint8 quorum
    ) internal pure returns (bool approved, bool rejected) {
        uint256 eligibleCount = Bitmap16.count(eligible);
        if (eligibleCount < quorum) revert Errors.GrantProgram_QuorumUnreachable(eligibleCount, quorum);
        if (Bitmap16.count(approvals & eligible) >= quorum) return (true, false);
        // eligibleCount >= quorum was checked above, so the subtraction cannot underflow.
        rejected = Bitmap16.count(rejections & eligible) > eligibleCount - quorum;
    }
}
