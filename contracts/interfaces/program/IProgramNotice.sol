// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";

/// @title IProgramNotice
/// @notice The public notice window (公示): anyone may object to an approved milestone.
interface IProgramNotice is IGrantProgramEvents {
    /// @notice Objects to an approved milestone during its public notice window. Anyone may call, once
    /// per account per review round (per evidence submitted); while the objection is open the milestone
    /// cannot be paid. One objection is open at a time: others can object after the ruling, inside the window.
    /// @dev Requirements: grant not cancelled; milestone InNotice; program time < noticeEndsAt (the window
    /// stands still during a pause, and objections are accepted while paused); evidence non-zero.
    /// Emits {ObjectionFiled}.
    function object(uint256 grantId, uint8 index, bytes32 evidenceHash) external;
}
