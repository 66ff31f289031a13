// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import { IEntityRegistry } from "../IEntityRegistry.sol";
import { Program } from "../../types/DataTypes.sol";

/// @title IGrantProgramEvents
/// @notice Every event a program emits, in one place: enough to rebuild grants, milestones and the
/// ledger without reading storage. Both halves of a program (see {IGrantProgram}) emit them.
interface IGrantProgramEvents {
    /// @notice Emitted once, when the factory initialises the clone.
    event ProgramInitialized(
        address indexed admin,
        IERC20 indexed token,
        IEntityRegistry indexed registry,
        address treasury,
        Program.Settings settings
    );

    /// @notice Emitted at initialisation, after {ProgramInitialized}: the hashes of the program file and of the
    /// published policy text the program implements, fixed in the program's code (see {Program.InitParams}).
    event PolicyBound(bytes32 programFileHash, bytes32 policyTextHash);

    /// @notice Emitted when the admin adds an award category.
    event CategoryAdded(
        uint16 indexed categoryId,
        Program.AwardMode mode,
        uint128 amount,
        uint32 maxAwards,
        uint128 maxTotal,
        bytes32 indexed awardKey,
        bytes32 descriptionHash
    );

    /// @notice Emitted when a category is made a level of one of the program's tier groups (right after
    /// its {CategoryAdded}).
    event CategoryTiered(uint16 indexed categoryId, uint8 indexed tierGroup, uint8 tier);

    /// @notice Emitted whenever what an entity holds in a tier group changes: an award (a first level or a
    /// top-up), a lapse or cancellation of an unpaid part, a recovery order. `tiers` has bit t - 1 set
    /// for each level t held; `held` is what the entity keeps in the group (see {Program.TierHolding}).
    event TierHoldingChanged(uint64 indexed entityNo, uint8 indexed tierGroup, uint16 tiers, uint128 held);

    /// @notice Emitted when a category has a supervision period after payment (right after its {CategoryAdded}).
    event CategorySupervised(uint16 indexed categoryId, uint32 period, uint32 attestationInterval);

    /// @notice Emitted when a grant's supervision period begins (its payments are over); calendar times.
    event SupervisionStarted(uint256 indexed grantId, uint40 startsAt, uint40 endsAt);

    /// @notice Emitted when the grantee's wallet files the compliance attestation of window `window` (1-based).
    event AttestationFiled(uint256 indexed grantId, uint16 window, bytes32 documentHash);

    /// @notice Emitted (before {RecoveryOrdered}) when the admin orders recovery of a grant whose supervision
    /// period is over: the explicit, logged override.
    event RecoveryAfterSupervision(uint256 indexed grantId, address indexed admin, bytes32 reasonHash);

    /// @notice Emitted when a category requires a qualifying date within `window` seconds before each award
    /// (right after its {CategoryAdded}).
    event CategoryEligibility(uint16 indexed categoryId, uint32 window);

    /// @notice Emitted when a program keeps its budget in fiscal years (at creation, just before {ProgramInitialized}).
    event FiscalCalendarSet(uint8 startMonth, int16 utcOffsetMinutes, Program.YearEndRule yearEnd);

    /// @notice Emitted (after {Funded}) when funding is appropriated to fiscal year `year`.
    event Appropriated(uint16 indexed year, uint256 amount);

    /// @notice Emitted (after {GrantAwarded}) when a grant reserves against fiscal year `year`.
    event ReservedInFiscalYear(uint256 indexed grantId, uint16 indexed year, uint256 amount);

    /// @notice Emitted when money of a grant comes back to fiscal year `year`'s budget: a lapsed or cancelled
    /// part, or a repayment (the grant's own year while it is open, else the oldest open year).
    event ReleasedToFiscalYear(uint256 indexed grantId, uint16 indexed year, uint256 amount);

    /// @notice Emitted (after {Withdrawn}) when a withdrawal is taken from fiscal year `year`.
    event WithdrawnFromFiscalYear(uint16 indexed year, uint256 amount);

    /// @notice Emitted when fiscal year `year` is closed: its unreserved `rest` was returned to the treasury
    /// or carried into the next year, by the program's rule.
    event FiscalYearClosed(uint16 indexed year, uint256 rest, Program.YearEndRule yearEnd);

    /// @notice Emitted (after {GrantAwarded}) when an award states its options: the date the entity
    /// qualified (zero: none) and the hash of the decision's text citing its article (zero: none).
    event AwardDecided(uint256 indexed grantId, uint40 qualifyingDate, bytes32 reasonHash);

    /// @notice Emitted when a reviewer joins the committee.
    event ReviewerAdded(address indexed reviewer, uint8 slot);

    /// @notice Emitted when a reviewer leaves the committee; their slot is never reused.
    event ReviewerRemoved(address indexed reviewer, uint8 slot);

    /// @notice Emitted when the admin changes the quorum.
    event QuorumChanged(uint8 oldQuorum, uint8 newQuorum);

    /// @notice Emitted when the guardian pauses the program.
    event ProgramPaused(address indexed guardian);

    /// @notice Emitted when the admin unpauses the program.
    event ProgramUnpaused(address indexed admin);

    /// @notice Emitted when the treasurer funds the program.
    event Funded(address indexed from, uint256 amount);

    /// @notice Emitted when the treasurer withdraws available budget to the treasury.
    event Withdrawn(address indexed treasury, uint256 amount);

    /// @notice Emitted when tokens sent to the program outside {fund} are swept to the treasury.
    event SurplusSwept(address indexed treasury, uint256 amount);

    /// @notice Emitted when an entity applies to a category.
    event ApplicationSubmitted(
        uint256 indexed applicationId,
        uint64 indexed entityNo,
        uint16 indexed categoryId,
        bytes32 applicationHash
    );

    /// @notice Emitted when a manager declines an application.
    event ApplicationDeclined(uint256 indexed applicationId, bytes32 reasonHash);

    /// @notice Emitted when a grant is awarded; one {MilestoneScheduled} per milestone follows.
    event GrantAwarded(
        uint256 indexed grantId,
        uint64 indexed entityNo,
        uint16 indexed categoryId,
        uint256 amount,
        uint8 milestoneCount,
        bytes32 termsHash,
        uint256 applicationId
    );

    /// @notice Emitted for each milestone of a new grant.
    event MilestoneScheduled(
        uint256 indexed grantId,
        uint8 indexed index,
        uint128 amount,
        uint40 deadline,
        bytes32 descriptionHash
    );

    /// @notice Emitted when the grantee submits (or resubmits) evidence for a milestone.
    event EvidenceSubmitted(uint256 indexed grantId, uint8 indexed index, bytes32 evidenceHash);

    /// @notice Emitted for every committee vote, on chain or signed.
    event VoteCast(
        uint256 indexed grantId,
        uint8 indexed index,
        address indexed reviewer,
        bool approve,
        bytes32 reasonHash
    );

    /// @notice Emitted when a milestone reaches quorum; the public notice window runs until `noticeEndsAt`
    /// (calendar time; a later pause moves it on by the pause's length).
    event MilestoneApproved(uint256 indexed grantId, uint8 indexed index, uint40 noticeEndsAt);

    /// @notice Emitted when an upheld objection sends a milestone back for resubmission and its deadline
    /// is moved on by the time spent in notice and under objection; `deadline` is calendar time.
    event DeadlineExtended(uint256 indexed grantId, uint8 indexed index, uint40 deadline);

    /// @notice Emitted for a valid signed vote in a batch that was not counted because the reviewer's vote
    /// in this round was already counted (e.g. submitted on its own first), the round was already decided,
    /// or the reviewer is recused on the grant.
    event SignedVoteSkipped(uint256 indexed grantId, uint8 indexed index, address indexed reviewer);

    /// @notice Emitted when so many reviewers reject that approval has become impossible.
    event MilestoneRejected(uint256 indexed grantId, uint8 indexed index);

    /// @notice Emitted when a reviewer declares a conflict of interest on a grant.
    event ConflictDeclared(uint256 indexed grantId, address indexed reviewer);

    /// @notice Emitted when anyone objects to an approved milestone during its notice window.
    event ObjectionFiled(uint256 indexed grantId, uint8 indexed index, address indexed objector, bytes32 evidenceHash);

    /// @notice Emitted when a manager rules on an objection.
    event ObjectionRuled(uint256 indexed grantId, uint8 indexed index, bool upheld, bytes32 reasonHash);

    /// @notice Emitted when the grantee's wallet claims a milestone.
    event MilestoneClaimed(uint256 indexed grantId, uint8 indexed index, address indexed wallet, uint128 amount);

    /// @notice Emitted when a milestone past its deadline lapses; its amount returns to the budget.
    event MilestoneLapsed(uint256 indexed grantId, uint8 indexed index, uint128 amount);

    /// @notice Emitted when an upheld objection cancels a single milestone; its amount returns to the budget.
    event MilestoneCancelled(uint256 indexed grantId, uint8 indexed index, uint128 amount);

    /// @notice Emitted when a grant is cancelled; `released` returns to the available budget.
    event GrantCancelled(uint256 indexed grantId, uint256 released, bool awardKeyReleased, bytes32 reasonHash);

    /// @notice Emitted when a manager orders recovery of money already paid.
    event RecoveryOrdered(uint256 indexed grantId, uint64 indexed entityNo, uint256 amount, bytes32 reasonHash);

    /// @notice Emitted when recovered money is repaid; it returns to the available budget.
    event Repaid(uint256 indexed grantId, address indexed payer, uint256 amount, uint256 stillOwed);
}
