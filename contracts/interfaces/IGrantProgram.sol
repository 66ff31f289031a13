// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import { IEntityRegistry } from "./IEntityRegistry.sol";
import { Program } from "../types/DataTypes.sol";

/// @title IGrantProgram
/// @notice One award program (one policy of one administration): its budget in one ERC20, its
/// categories, its committee, and its grants paid in milestones.
/// @dev Deployed as an EIP-1167 clone by {IGrantProgramFactory}; the token, the entity registry and
/// the treasury are immutable clone arguments, so no role can redirect money.
///
/// Milestone lifecycle: Pending -> (evidence) Submitted -> (quorum of approvals) Approved, with the
/// public notice window running until `noticeEndsAt` -> Payable once the window is over -> Paid.
/// A rejected milestone may be resubmitted before its deadline; an objection during the window
/// makes it Contested until a manager rules. A milestone not approved by its deadline can be lapsed.
/// Deadlines run on the program's clock, which stands still while the program is paused.
///
/// Ledger identity, in token units: funded + repaid = available + reserved + paid + withdrawn.
interface IGrantProgram {
    /// @notice The EIP-712 message a reviewer signs: Vote(address reviewer,uint256 grantId,uint8 milestoneIndex,
    /// uint8 round,bytes32 termsHash,bytes32 evidenceHash,bool approve,bytes32 reasonHash,uint256 nonce,
    /// uint256 deadline). `round` is the milestone's current review round ({milestone}.round).
    struct Ballot {
        address reviewer;
        uint256 grantId;
        uint8 milestoneIndex;
        uint8 round;
        bytes32 termsHash;
        bytes32 evidenceHash;
        bool approve;
        bytes32 reasonHash;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice One reviewer's EIP-712 signature over a vote, submitted by anyone in a batch.
    struct SignedVote {
        address reviewer;
        bool approve;
        bytes32 reasonHash;
        uint256 nonce;
        uint256 deadline;
        bytes signature;
    }

    /*//////////////////////////////////////////////////////////////
                                  EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted once, when the factory initialises the clone.
    event ProgramInitialized(
        address indexed admin,
        IERC20 indexed token,
        IEntityRegistry indexed registry,
        address treasury,
        Program.Settings settings
    );

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

    /// @notice Emitted when a milestone reaches quorum; the public notice window runs until `noticeEndsAt`.
    event MilestoneApproved(uint256 indexed grantId, uint8 indexed index, uint40 noticeEndsAt);

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

    /*//////////////////////////////////////////////////////////////
                             READ-ONLY FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Managers award, decline applications, cancel, rule on objections and order recoveries.
    function MANAGER_ROLE() external view returns (bytes32);

    /// @notice The treasurer funds the program and withdraws unreserved budget to the treasury.
    function TREASURER_ROLE() external view returns (bytes32);

    /// @notice The guardian pauses the program; only the admin unpauses.
    function GUARDIAN_ROLE() external view returns (bytes32);

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
    /// bitmap or {reviewerSlot} to know whether it still sits on the committee.
    function reviewerAt(uint8 slot) external view returns (address);

    /// @notice The reviewer slot (1-based) of an account, zero if it is not a current reviewer.
    function reviewerSlot(address account) external view returns (uint8);

    /// @notice A category's parameters and usage.
    function category(uint16 categoryId) external view returns (Program.Category memory);

    /// @notice The number of grants awarded so far (grant ids run from 1 to this).
    function grantCount() external view returns (uint256);

    /// @notice A grant's stored record.
    function grant(uint256 grantId) external view returns (Program.Grant memory);

    /// @notice A milestone's stored record (see {milestoneState} for the derived state).
    function milestone(uint256 grantId, uint8 index) external view returns (Program.Milestone memory);

    /// @notice The evidence hash of a milestone's current review round (zero before submission).
    function evidenceOf(uint256 grantId, uint8 index) external view returns (bytes32);

    /// @notice One milestone's derived state.
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

    /// @notice The next nonce a reviewer's signed vote must carry.
    function nonces(address reviewer) external view returns (uint256);

    /// @notice The EIP-712 digest a reviewer signs for a vote (domain: name "MilestoneGrants GrantProgram",
    /// version "1", this chain, this program).
    function voteDigest(Ballot memory ballot) external view returns (bytes32);

    /// @notice Whether the guardian has paused the program.
    function paused() external view returns (bool);

    /*//////////////////////////////////////////////////////////////
                           STATE-CHANGING FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Initialises the clone. Called by the factory in the transaction that creates it.
    /// @dev Reverts if called twice, on the implementation, or by anyone but the factory; on zero
    /// addresses, duplicate reviewers, quorum 0 or above the reviewers, an empty window.
    /// Emits {ProgramInitialized} and one {ReviewerAdded} per reviewer.
    function initialize(Program.InitParams calldata params) external;

    /// @notice Adds an award category. Categories never change once added (what was approved is what runs).
    /// @dev Requirements: caller is admin; mode Fixed or Capped; amount > 0; `maxTotal` zero or at least
    /// `amount`. A zero `exclusivityGroup` makes the category its own group; a named group's award key is
    /// keccak256(abi.encode(keccak256("MilestoneGrants.exclusivityGroup"), group)), shared by every category
    /// and program on the registry naming the same group. Emits {CategoryAdded}.
    /// @return categoryId The new category id (from 1).
    function addCategory(Program.CategoryParams calldata params) external returns (uint16 categoryId);

    /// @notice Adds a reviewer in a new bitmap slot.
    /// @dev Requirements: caller is admin; not zero, not already a reviewer, not a manager or treasurer;
    /// a free slot remains (16 over the program's life). Emits {ReviewerAdded}.
    function addReviewer(address reviewer) external;

    /// @notice Removes a reviewer; their votes stop counting at once and their slot is retired.
    /// @dev Requirements: caller is admin; a current reviewer; the remaining reviewers still reach quorum.
    /// Emits {ReviewerRemoved}.
    function removeReviewer(address reviewer) external;

    /// @notice Sets the number of approvals a milestone needs.
    /// @dev Requirements: caller is admin; 1 <= quorum <= current reviewers. Emits {QuorumChanged}.
    function setQuorum(uint8 quorum) external;

    /// @notice Pauses awards, applications, evidence, votes and claims. Funding, withdrawals, lapses,
    /// objections, rulings, cancellations, recoveries and repayments keep working.
    /// Pausing stops the program's clock: every milestone deadline is extended by the time spent paused,
    /// so a pause can never make a grantee miss a deadline or let a milestone lapse.
    /// @dev Requirements: caller is guardian; not paused. Emits {ProgramPaused}.
    function pause() external;

    /// @notice Unpauses the program.
    /// @dev Requirements: caller is admin; paused. Emits {ProgramUnpaused}.
    function unpause() external;

    /// @notice Funds the program from the caller's tokens (approve first).
    /// @dev Requirements: caller is treasurer; amount > 0; the program receives exactly `amount`
    /// (fee-on-transfer tokens are refused). Emits {Funded}.
    function fund(uint256 amount) external;

    /// @notice Withdraws unreserved budget to the fixed treasury address.
    /// @dev Requirements: caller is treasurer; 0 < amount <= available. Emits {Withdrawn}.
    function withdraw(uint256 amount) external;

    /// @notice Sends tokens that reached the program outside {fund}/{repay} to the treasury.
    /// @dev Requirements: caller is treasurer; a surplus exists. Emits {SurplusSwept}.
    function sweepSurplus() external;

    /// @notice Applies to a category on behalf of the entity the caller's wallet is bound to.
    /// @dev Requirements: not paused; inside the application window; category exists; caller's wallet
    /// is registered. Emits {ApplicationSubmitted}.
    /// @param applicationHash Hash of the application documents and proposed milestones (kept off chain).
    /// @return applicationId The new application id.
    function submitApplication(uint16 categoryId, bytes32 applicationHash) external returns (uint256 applicationId);

    /// @notice Declines an open application.
    /// @dev Requirements: caller is manager; application open. Emits {ApplicationDeclined}.
    function declineApplication(uint256 applicationId, bytes32 reasonHash) external;

    /// @notice Awards a grant in milestones, reserving its amount from the available budget.
    /// @dev Requirements: caller is manager; not paused; inside the window; category exists; 1 to 16
    /// milestones, each > 0 with strictly increasing future deadlines; the sum equals the fixed amount
    /// or is at most the cap; category count and total limits hold; sum <= available; the entity is
    /// registered, not barred, holds no award under the category's key, and its wallet holds no role
    /// here; `applicationId` zero or an open application of that entity to that category.
    /// Emits {GrantAwarded} and one {MilestoneScheduled} per milestone.
    /// @return grantId The new grant id.
    function award(
        bytes32 entityId,
        uint16 categoryId,
        uint256 applicationId,
        Program.MilestoneTerms[] calldata terms
    ) external returns (uint256 grantId);

    /// @notice Submits (or, after a rejection, resubmits) the evidence for a milestone.
    /// @dev Requirements: caller is the grantee's payout wallet; not paused; grant not cancelled;
    /// milestone Pending or Rejected; now <= deadline. Resets the milestone's votes.
    /// Emits {EvidenceSubmitted}.
    function submitEvidence(uint256 grantId, uint8 index, bytes32 evidenceHash) external;

    /// @notice Casts the caller's vote on a submitted milestone.
    /// @dev Requirements: not paused; caller is a current, non-recused reviewer who is not the grantee's
    /// wallet and has not voted in this round; grant not cancelled; milestone Submitted; now <= deadline;
    /// `termsHash` and `evidenceHash` are the grant's terms and the milestone's current evidence.
    /// Emits {VoteCast}, and {MilestoneApproved} or {MilestoneRejected} when the vote decides.
    function vote(
        uint256 grantId,
        uint8 index,
        bytes32 termsHash,
        bytes32 evidenceHash,
        bool approve,
        bytes32 reasonHash
    ) external;

    /// @notice Submits a batch of reviewers' EIP-712 signed votes on one milestone. Anyone may call.
    /// @dev Each signature is checked like {vote} plus: deadline not passed, nonce is the reviewer's
    /// next, signature valid for the reviewer (ECDSA with low s, or ERC-1271 for contract wallets).
    /// The domain binds chain id and this program; the message binds grant, milestone, terms and evidence.
    function submitSignedVotes(
        uint256 grantId,
        uint8 index,
        bytes32 termsHash,
        bytes32 evidenceHash,
        SignedVote[] calldata votes
    ) external;

    /// @notice Decides a submitted milestone from the votes already cast, under the current committee and
    /// quorum. Anyone may call; needed when a recusal, a removal or a quorum change has decided a round
    /// that no eligible reviewer can still vote on.
    /// @dev Requirements: not paused; grant not cancelled; milestone Submitted; before its deadline; the
    /// votes decide the round (else {Errors.GrantProgram_RoundUndecided}). Emits {MilestoneApproved} or
    /// {MilestoneRejected}.
    function settle(uint256 grantId, uint8 index) external;

    /// @notice Declares the caller's conflict of interest on a grant: their votes on it stop counting and
    /// the quorum is counted over the remaining reviewers.
    /// @dev Requirements: caller is a current reviewer; grant exists. Emits {ConflictDeclared}.
    /// NOTE: if fewer eligible reviewers than the quorum remain, no milestone of the grant can be decided
    /// until the admin appoints more reviewers or lowers the quorum.
    function declareConflict(uint256 grantId) external;

    /// @notice Objects to an approved milestone during its public notice window. Anyone may call, once
    /// per account per review round (per evidence submitted); while the objection is open the milestone
    /// cannot be paid. One objection is open at a time: others can object after the ruling, inside the window.
    /// @dev Requirements: grant not cancelled; milestone Approved; now < noticeEndsAt; evidence non-zero.
    /// Emits {ObjectionFiled}.
    function object(uint256 grantId, uint8 index, bytes32 evidenceHash) external;

    /// @notice Rules on an open objection: dismissed, the milestone is payable after its window; upheld,
    /// it is rejected (grantee may resubmit) or cancelled, as the program chose at creation.
    /// @dev Requirements: caller is manager; milestone Contested. Emits {ObjectionRuled}.
    function ruleOnObjection(uint256 grantId, uint8 index, bool uphold, bytes32 reasonHash) external;

    /// @notice Claims payable milestones of a grant to the grantee's registered wallet (the caller).
    /// @dev Requirements: not paused; caller is the grantee's current payout wallet and holds no
    /// manager role; entity not barred; grant not cancelled; each named milestone Approved with its
    /// notice window over (now >= noticeEndsAt); no milestone named twice. Emits one {MilestoneClaimed}
    /// per milestone.
    /// @return amount The total paid.
    function claim(uint256 grantId, uint8[] calldata indexes) external returns (uint256 amount);

    /// @notice Lapses a milestone that was not approved by its deadline; its amount returns to the budget.
    /// Anyone may call.
    /// @dev Requirements: grant not cancelled; milestone Pending, Submitted or Rejected; now > deadline.
    /// Emits {MilestoneLapsed}.
    function lapse(uint256 grantId, uint8 index) external;

    /// @notice Cancels all unpaid milestones of a grant; their amount returns to the budget, exactly once.
    /// If nothing was paid, the entity's award key is released too.
    /// @dev Requirements: caller is manager; grant not cancelled. Emits {GrantCancelled}.
    function cancelGrant(uint256 grantId, bytes32 reasonHash) external;

    /// @notice Orders recovery of money already paid on a grant: the entity is barred from new awards and
    /// claims in every program of the registry until repaid, and the grant's unpaid milestones are cancelled.
    /// @dev Requirements: caller is manager; 0 < amount <= paid - already ordered. Emits {RecoveryOrdered}
    /// (and {GrantCancelled} if unpaid milestones remained).
    function orderRecovery(uint256 grantId, uint256 amount, bytes32 reasonHash) external;

    /// @notice Repays recovered money (approve first). Anyone may pay on the grantee's behalf.
    /// @dev Requirements: 0 < amount <= owed; exactly `amount` received. Lifts the bar once fully repaid.
    /// Emits {Repaid}.
    function repay(uint256 grantId, uint256 amount) external;
}
