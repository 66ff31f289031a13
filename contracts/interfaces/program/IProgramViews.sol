// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import { IEntityRegistry } from "../IEntityRegistry.sol";
import { Program } from "../../types/DataTypes.sol";

/// @title IProgramViews
/// @notice Everything a program's tooling reads: roles, clone arguments, settings, categories, grants, milestones, the ledger.
interface IProgramViews {
    /// @notice Managers award, decline applications, cancel, rule on objections and order recoveries.
    function MANAGER_ROLE() external view returns (bytes32);

    /// @notice The treasurer funds the program and withdraws unreserved budget to the treasury.
    function TREASURER_ROLE() external view returns (bytes32);

    /// @notice The guardian pauses the program; only the admin unpauses.
    function GUARDIAN_ROLE() external view returns (bytes32);

    /// @notice Pseudo-role named in `GrantProgram_RoleConflict` for committee membership (no account holds it).
    function REVIEWER() external view returns (bytes32);

    /// @notice The factory that created this program; the only caller of {initialize}.
    function factory() external view returns (address);

    /// @notice The program's token (immutable clone argument).
    function token() external view returns (IERC20);

    /// @notice The shared entity registry (immutable clone argument).
    function registry() external view returns (IEntityRegistry);

    /// @notice The only destination of withdrawals (immutable clone argument).
    function treasury() external view returns (address);

    /// @notice Program-wide settings.
    function settings() external view returns (Program.Settings memory);

    /// @notice The account that was given reviewer slot `slot` (1-based); check {settings}' active
    /// bitmap or {reviewerSlot} to know whether it still sits on the committee; the zero address for a
    /// slot not handed out yet.
    /// @dev Reverts with {Errors.GrantProgram_UnknownReviewerSlot} when `slot` is 0 or above 16.
    function reviewerAt(uint8 slot) external view returns (address);

    /// @notice The reviewer slot (1-based) of an account, zero if it is not a current reviewer.
    function reviewerSlot(address account) external view returns (uint8);

    /// @notice Whether an account holds or ever held a role (admin, manager, treasurer, guardian) or a
    /// reviewer seat in this program. Such an account is never paid by it: awards and claims to it are
    /// refused with `GrantProgram_RoleConflict`.
    function isOfficial(address account) external view returns (bool);

    /// @notice Pseudo-role named in `GrantProgram_RoleConflict` for an account that held a role or a
    /// reviewer seat here before and holds none now (no account holds it).
    function FORMER_OFFICIAL() external view returns (bytes32);

    /// @notice keccak256 of the program file (programs/*.json) the program was created from, fixed in the
    /// program's code at creation: hash the published file and compare.
    function programFileHash() external view returns (bytes32);

    /// @notice keccak256 of the published policy text the program implements, fixed in its code at creation.
    function policyTextHash() external view returns (bytes32);

    /// @notice A category's parameters and usage.
    function category(uint16 categoryId) external view returns (Program.Category memory);

    /// @notice What an entity holds in one of the program's tier groups: `tiers` (bit t - 1 for level t)
    /// and `held`, what it keeps there in token units; a higher level is awarded for its amount less `held`.
    function tierHolding(uint64 entityNo, uint8 tierGroup) external view returns (Program.TierHolding memory);

    /// @notice The grant that gave an entity level `tier` of a tier group (zero if it holds no such level).
    function tierGrant(uint64 entityNo, uint8 tierGroup, uint8 tier) external view returns (uint256);

    /// @notice The levels a tier group of the program has, one bit each (bit t - 1 for level t).
    function tierLevels(uint8 tierGroup) external view returns (uint16);

    /// @notice The number of grants awarded so far (grant ids run from 1 to this).
    function grantCount() external view returns (uint256);

    /// @notice A grant's record: `reserved` is what is still promised and unpaid and `paidCount` the number
    /// of paid milestones (both derived from the milestones; see {Program.Grant}).
    function grant(uint256 grantId) external view returns (Program.Grant memory);

    /// @notice A milestone's stored record with its deadline and notice end in calendar time (stored on
    /// the program's clock; during a pause, as if the program resumed now). Exact for times still ahead;
    /// for a time already passed it adds every pause so far, even later ones (the events carry the exact
    /// history). See {milestoneState} for the derived state.
    function milestone(uint256 grantId, uint8 index) external view returns (Program.Milestone memory);

    /// @notice The evidence hash of a milestone's current review round (zero before submission).
    function evidenceOf(uint256 grantId, uint8 index) external view returns (bytes32);

    /// @notice One milestone's derived state.
    /// @dev Reverts with `GrantProgram_UnknownGrant` or `GrantProgram_UnknownMilestone` when there is none.
    function milestoneState(uint256 grantId, uint8 index) external view returns (Program.MilestoneState);

    /// @notice The number of applications so far (ids run from 1 to this).
    function applicationCount() external view returns (uint256);

    /// @notice An application's record.
    function application(uint256 applicationId) external view returns (Program.Application memory);

    /// @notice The open (or last) objection to a milestone.
    function objection(uint256 grantId, uint8 index) external view returns (Program.Objection memory);

    /// @notice The raw ledger counters.
    function ledger() external view returns (Program.Ledger memory);

    /// @notice Budget figures: funded, repaid, available, reserved, paid, withdrawn, outstanding
    /// recoveries, surplus (tokens received outside {fund} and {repay}) and counts.
    function summary() external view returns (Program.Summary memory);

    /// @notice The funded, unreserved budget that can be awarded or withdrawn.
    function available() external view returns (uint256);

    /// @notice The EIP-712 digest a reviewer signs for a vote (domain: name "MilestoneGrants GrantProgram",
    /// version "1", this chain, this program).
    function voteDigest(Program.Ballot calldata ballot) external view returns (bytes32);

    /// @notice Whether the guardian has paused the program.
    function paused() external view returns (bool);
}
