// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";

/// @title IProgramApplications
/// @notice A registered entity's applications to a category, and a manager declining one (an award
/// consumes one: {IProgramAwards.award}).
interface IProgramApplications is IGrantProgramEvents {
    /// @notice Applies to a category on behalf of the entity the caller's wallet is bound to.
    /// @dev Requirements: not paused; inside the application window; category exists; caller's wallet
    /// is registered. Emits {ApplicationSubmitted}.
    /// @param applicationHash Hash of the application documents and proposed milestones (kept off chain).
    /// @return applicationId The new application id.
    function submitApplication(uint16 categoryId, bytes32 applicationHash) external returns (uint256 applicationId);

    /// @notice Declines an open application.
    /// @dev Requirements: caller is manager; application open. Emits {ApplicationDeclined}.
    function declineApplication(uint256 applicationId, bytes32 reasonHash) external;
}
