// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IAccessControl } from "@openzeppelin/contracts/access/IAccessControl.sol";
import { IERC5267 } from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import { IERC165 } from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

import { IGrantProgramEvents } from "./program/IGrantProgramEvents.sol";
import { IProgramApplications } from "./program/IProgramApplications.sol";
import { IProgramAwards } from "./program/IProgramAwards.sol";
import { IProgramCommittee } from "./program/IProgramCommittee.sol";
import { IProgramDispatch } from "./program/IProgramDispatch.sol";
import { IProgramFiscalYears } from "./program/IProgramFiscalYears.sol";
import { IProgramNotice } from "./program/IProgramNotice.sol";
import { IProgramPayouts } from "./program/IProgramPayouts.sol";
import { IProgramReview } from "./program/IProgramReview.sol";
import { IProgramRulings } from "./program/IProgramRulings.sol";
import { IProgramSetup } from "./program/IProgramSetup.sol";
import { IProgramSupervision } from "./program/IProgramSupervision.sol";
import { IProgramTreasury } from "./program/IProgramTreasury.sol";
import { IProgramViews } from "./program/IProgramViews.sol";

/// @title IGrantProgram
/// @notice One award program (one policy of one administration): its budget in one ERC20, its
/// categories, its committee, and its grants paid in milestones. This is the whole interface a client
/// uses at a program's address; it is assembled from one interface per concern.
/// @dev Deployed as an EIP-1167 clone by {IGrantProgramFactory}; the token, the entity registry and
/// the treasury are immutable clone arguments, so no role can redirect money. The implementation
/// ({GrantProgram}) runs the hot paths (treasury, awards, evidence, votes, objections, claims, lapses);
/// every other selector reaches its extension ({GrantProgramExtension}) by DELEGATECALL.
///
/// Milestone lifecycle ({Program.MilestoneState}): Pending -> (evidence) Submitted -> (quorum of
/// approvals) InNotice, with the public notice window running until `noticeEndsAt` -> Payable once the
/// window is over -> Paid. A rejected milestone may be resubmitted before its deadline; an objection
/// during the window makes it Contested until a manager rules. A milestone not approved by its deadline
/// is Lapsable and can be lapsed. Deadlines run on the program's clock, which stands still while paused.
///
/// Ledger identity, in token units: funded + repaid = available + reserved + paid + withdrawn.
interface IGrantProgram is
    IERC165,
    IERC5267,
    IAccessControl,
    IGrantProgramEvents,
    IProgramDispatch,
    IProgramViews,
    IProgramSetup,
    IProgramApplications,
    IProgramCommittee,
    IProgramTreasury,
    IProgramAwards,
    IProgramReview,
    IProgramNotice,
    IProgramPayouts,
    IProgramRulings,
    IProgramSupervision,
    IProgramFiscalYears
{
    /// @notice The admin role (OpenZeppelin AccessControl's zero role): adds categories and reviewers, sets
    /// the quorum, unpauses, grants or revokes every role, and alone orders recovery after a grant's
    /// supervision period is over (the logged override).
    function DEFAULT_ADMIN_ROLE() external view returns (bytes32);
}
