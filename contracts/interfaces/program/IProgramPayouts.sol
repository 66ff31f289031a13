// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IGrantProgramEvents } from "./IGrantProgramEvents.sol";

/// @title IProgramPayouts
/// @notice Pull payments to the grantee's registered wallet, and lapses of milestones not approved in time.
interface IProgramPayouts is IGrantProgramEvents {
    /// @notice Claims payable milestones of a grant to the grantee's registered wallet (the caller).
    /// @dev Requirements: not paused; caller is the grantee's current payout wallet and is not, and never
    /// was, an official of this program (a role or a reviewer seat); entity not barred; grant not
    /// cancelled; each named milestone InNotice with its notice window over (program time >=
    /// noticeEndsAt); no milestone named twice. Emits one {MilestoneClaimed}
    /// per milestone.
    /// @return amount The total paid.
    function claim(uint256 grantId, uint8[] calldata indexes) external returns (uint256 amount);

    /// @notice Lapses a milestone that was not approved by its deadline; its amount returns to the budget.
    /// Anyone may call.
    /// @dev Requirements: grant not cancelled; milestone Pending, Submitted or Rejected; now > deadline.
    /// Emits {MilestoneLapsed}.
    function lapse(uint256 grantId, uint8 index) external;
}
