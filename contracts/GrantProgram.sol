// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { AccessControl } from "@openzeppelin/contracts/access/AccessControl.sol";
import { Clones } from "@openzeppelin/contracts/proxy/Clones.sol";
import { Initializable } from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import { EIP712 } from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import { SignatureChecker } from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import { IEntityRegistry } from "./interfaces/IEntityRegistry.sol";
import { IGrantProgram } from "./interfaces/IGrantProgram.sol";
import { Bitmap16 } from "./libraries/Bitmap16.sol";
import { Errors } from "./libraries/Errors.sol";
import { Program } from "./types/DataTypes.sol";

/// @title GrantProgram
/// @notice See {IGrantProgram}. One clone per program; grants are records inside it, not contracts.
/// @dev Every state-changing function follows Check -> Effect -> Interaction -> Log. Token transfers
/// are the last step and every entry point that moves tokens is `nonReentrant`.
contract GrantProgram is IGrantProgram, AccessControl, Initializable, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrantProgram
    bytes32 public constant override MANAGER_ROLE = keccak256("MANAGER_ROLE");
    /// @inheritdoc IGrantProgram
    bytes32 public constant override TREASURER_ROLE = keccak256("TREASURER_ROLE");
    /// @inheritdoc IGrantProgram
    bytes32 public constant override GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice Pseudo-role named in {Errors.GrantProgram_RoleConflict} for committee membership.
    bytes32 public constant REVIEWER = keccak256("REVIEWER");
    /// @dev Pseudo-role named in {Errors.GrantProgram_RoleConflict} for a grantee's payout wallet.
    bytes32 private constant _GRANTEE = keccak256("GRANTEE");

    /// @notice Most milestones one grant may have.
    uint256 public constant MAX_MILESTONES = 16;
    /// @notice Reviewer slots over the program's life (the approval bitmaps are 16 bits).
    uint256 public constant MAX_REVIEWERS = 16;
    /// @notice Longest public notice window a program may set.
    uint40 public constant MAX_NOTICE_PERIOD = 90 days;

    /// @dev Prefix of award keys for named exclusivity groups (see {addCategory}).
    bytes32 private constant _GROUP_KEY_PREFIX = keccak256("MilestoneGrants.exclusivityGroup");

    /// @dev EIP-712 type of a signed vote.
    bytes32 private constant _VOTE_TYPEHASH = keccak256(
        "Vote(address reviewer,uint256 grantId,uint8 milestoneIndex,uint8 round,bytes32 termsHash,bytes32 evidenceHash,bool approve,bytes32 reasonHash,uint256 nonce,uint256 deadline)"
    );

    /// @inheritdoc IGrantProgram
    address public immutable override factory;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    Program.Settings private _settings;
    Program.Ledger private _ledger;
    /// @inheritdoc IGrantProgram
    uint256 public override grantCount;
    /// @inheritdoc IGrantProgram
    uint256 public override applicationCount;

    mapping(address account => uint8 slot) private _reviewerSlots;
    address[MAX_REVIEWERS] private _reviewerAt;
    mapping(uint16 categoryId => Program.Category) private _categories;
    mapping(uint256 grantId => Program.Grant) private _grants;
    mapping(uint256 grantId => mapping(uint256 index => Program.Milestone)) private _milestones;
    mapping(uint256 grantId => mapping(uint256 index => bytes32 evidenceHash)) private _evidence;
    mapping(uint256 grantId => mapping(uint256 index => Program.Objection)) private _objections;
    /// @dev Keyed by review round, so the once-per-account limit applies per round: after a
    /// resubmission the public may object again.
    mapping(uint256 grantId => mapping(uint256 index => mapping(uint8 round => mapping(address account => bool))))
        private _hasObjected;
    mapping(uint256 applicationId => Program.Application) private _applications;
    mapping(address reviewer => uint256 nonce) private _nonces;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys an implementation; it can never be initialised itself, only cloned.
    /// @param factory_ The factory allowed to initialise clones of this implementation.
    constructor(address factory_) EIP712("MilestoneGrants GrantProgram", "1") {
        if (factory_ == address(0)) revert Errors.GrantProgram_ZeroAddress("factory");
        factory = factory_;
        // The implementation itself can never be initialised.
        _disableInitializers();
    }

    /*//////////////////////////////////////////////////////////////
                             READ-ONLY FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrantProgram
    function token() public view override returns (IERC20 token_) {
        (token_, , ) = _cloneArgs();
    }

    /// @inheritdoc IGrantProgram
    function registry() public view override returns (IEntityRegistry registry_) {
        (, registry_, ) = _cloneArgs();
    }

    /// @inheritdoc IGrantProgram
    function treasury() public view override returns (address treasury_) {
        (, , treasury_) = _cloneArgs();
    }

    /// @inheritdoc IGrantProgram
    function settings() external view override returns (Program.Settings memory) {
        return _settings;
    }

    /// @inheritdoc IGrantProgram
    function reviewerAt(uint8 slot) external view override returns (address) {
        return _reviewerAt[slot - 1];
    }

    /// @inheritdoc IGrantProgram
    function reviewerSlot(address account) external view override returns (uint8) {
        return _reviewerSlots[account];
    }

    /// @inheritdoc IGrantProgram
    function category(uint16 categoryId) external view override returns (Program.Category memory) {
        return _categories[categoryId];
    }

    /// @inheritdoc IGrantProgram
    function grant(uint256 grantId) external view override returns (Program.Grant memory) {
        return _grants[grantId];
    }

    /// @inheritdoc IGrantProgram
    function milestone(uint256 grantId, uint8 index) external view override returns (Program.Milestone memory) {
        return _milestones[grantId][index];
    }

    /// @inheritdoc IGrantProgram
    function evidenceOf(uint256 grantId, uint8 index) external view override returns (bytes32) {
        return _evidence[grantId][index];
    }

    /// @inheritdoc IGrantProgram
    function milestoneState(uint256 grantId, uint8 index) external view override returns (Program.MilestoneState) {
        Program.Grant storage g = _existingGrant(grantId);
        return _stateOf(_existingMilestone(g, grantId, index), g.cancelled);
    }

    /// @inheritdoc IGrantProgram
    function application(uint256 applicationId) external view override returns (Program.Application memory) {
        return _applications[applicationId];
    }

    /// @inheritdoc IGrantProgram
    function objection(uint256 grantId, uint8 index) external view override returns (Program.Objection memory) {
        return _objections[grantId][index];
    }

    /// @inheritdoc IGrantProgram
    function ledger() external view override returns (Program.Ledger memory) {
        return _ledger;
    }

    /// @inheritdoc IGrantProgram
    function summary() external view override returns (Program.Summary memory s) {
        Program.Ledger memory book = _ledger;
        s.funded = book.funded;
        s.repaid = book.repaid;
        s.reserved = book.reserved;
        s.paid = book.paid;
        s.withdrawn = book.withdrawn;
        s.available = _available(book);
        s.recoveryOutstanding = book.recoveryOutstanding;
        s.surplus = _surplus(book);
        s.grantCount = grantCount;
        s.categoryCount = _settings.categoryCount;
    }

    /// @inheritdoc IGrantProgram
    function available() external view override returns (uint256) {
        return _available(_ledger);
    }

    /// @inheritdoc IGrantProgram
    function nonces(address reviewer) external view override returns (uint256) {
        return _nonces[reviewer];
    }

    /// @inheritdoc IGrantProgram
    function voteDigest(Ballot memory ballot) public view override returns (bytes32) {
        // Ballot's fields are all static and in the type string's order, so abi.encode matches EIP-712.
        return _hashTypedDataV4(keccak256(abi.encode(_VOTE_TYPEHASH, ballot)));
    }

    /// @inheritdoc IGrantProgram
    function paused() external view override returns (bool) {
        return _settings.pausedAt != 0;
    }

    /*//////////////////////////////////////////////////////////////
                        STATE-CHANGING: SET-UP AND ROLES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrantProgram
    function initialize(Program.InitParams calldata params) external override initializer {
        // Check: only the factory, in the creating transaction; sane settings.
        if (msg.sender != factory) revert Errors.GrantProgram_NotFactory(msg.sender);
        if (params.admin == address(0)) revert Errors.GrantProgram_ZeroAddress("admin");
        if (params.treasurer == address(0)) revert Errors.GrantProgram_ZeroAddress("treasurer");
        if (params.guardian == address(0)) revert Errors.GrantProgram_ZeroAddress("guardian");
        if (params.windowClosesAt <= params.windowOpensAt) {
            revert Errors.GrantProgram_InvalidWindow(params.windowOpensAt, params.windowClosesAt);
        }
        if (params.noticePeriod > MAX_NOTICE_PERIOD) {
            revert Errors.GrantProgram_NoticePeriodTooLong(params.noticePeriod, MAX_NOTICE_PERIOD);
        }

        // Effect: roles first (so the reviewer conflict checks see managers and the treasurer).
        _grantRole(DEFAULT_ADMIN_ROLE, params.admin);
        _grantRole(TREASURER_ROLE, params.treasurer);
        _grantRole(GUARDIAN_ROLE, params.guardian);
        for (uint256 i = 0; i < params.managers.length; ++i) {
            if (params.managers[i] == address(0)) revert Errors.GrantProgram_ZeroAddress("manager");
            _grantRole(MANAGER_ROLE, params.managers[i]);
        }
        _settings.windowOpensAt = params.windowOpensAt;
        _settings.windowClosesAt = params.windowClosesAt;
        _settings.noticePeriod = params.noticePeriod;
        _settings.upheldObjectionOutcome = params.upheldObjectionOutcome;
        for (uint256 i = 0; i < params.reviewers.length; ++i) {
            _addReviewer(params.reviewers[i]);
        }
        _setQuorum(params.quorum);

        // Log.
        (IERC20 token_, IEntityRegistry registry_, address treasury_) = _cloneArgs();
        emit ProgramInitialized(params.admin, token_, registry_, treasury_, _settings);
    }

    /// @inheritdoc IGrantProgram
    function addCategory(
        Program.CategoryParams calldata params
    ) external override onlyRole(DEFAULT_ADMIN_ROLE) returns (uint16 categoryId) {
        // Check: a mode, a positive amount, and a total limit that allows at least one award.
        if (params.mode != Program.AwardMode.Fixed && params.mode != Program.AwardMode.Capped) {
            revert Errors.GrantProgram_InvalidCategory("mode must be Fixed or Capped");
        }
        if (params.amount == 0) revert Errors.GrantProgram_InvalidCategory("amount is zero");
        if (params.maxTotal != 0 && params.maxTotal < params.amount) {
            revert Errors.GrantProgram_InvalidCategory("maxTotal below the award amount");
        }

        // Effect: a category without a group is its own group, unique to this program. Named groups
        // are hashed under their own prefix, so no admin can pick another program's private key.
        categoryId = ++_settings.categoryCount;
        bytes32 awardKey =
            params.exclusivityGroup == bytes32(0)
                ? keccak256(abi.encode(address(this), categoryId))
                : keccak256(abi.encode(_GROUP_KEY_PREFIX, params.exclusivityGroup));
        Program.Category storage c = _categories[categoryId];
        c.amount = params.amount;
        c.maxAwards = params.maxAwards;
        c.mode = params.mode;
        c.maxTotal = params.maxTotal;
        c.awardKey = awardKey;

        // Log.
        emit CategoryAdded(
            categoryId,
            params.mode,
            params.amount,
            params.maxAwards,
            params.maxTotal,
            awardKey,
            params.descriptionHash
        );
    }

    /// @inheritdoc IGrantProgram
    function addReviewer(address reviewer) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _addReviewer(reviewer);
    }

    /// @inheritdoc IGrantProgram
    function removeReviewer(address reviewer) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        // Check: a current reviewer whose departure leaves the quorum reachable.
        uint8 slot = _reviewerSlots[reviewer];
        if (slot == 0) revert Errors.GrantProgram_NotReviewer(reviewer);
        uint16 remaining = Bitmap16.unset(_settings.activeReviewers, slot - 1);
        if (Bitmap16.count(remaining) < _settings.quorum) {
            revert Errors.GrantProgram_InvalidQuorum(_settings.quorum, Bitmap16.count(remaining));
        }

        // Effect: the slot is retired for good, so the reviewer's past votes can never count again.
        _settings.activeReviewers = remaining;
        delete _reviewerSlots[reviewer];

        // Log.
        emit ReviewerRemoved(reviewer, slot);
    }

    /// @inheritdoc IGrantProgram
    function setQuorum(uint8 quorum) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _setQuorum(quorum);
    }

    /// @inheritdoc IGrantProgram
    function pause() external override onlyRole(GUARDIAN_ROLE) {
        _requireNotPaused();
        // Effect: the program's clock stops; every milestone deadline waits with it.
        _settings.pausedAt = uint32(block.timestamp);
        emit ProgramPaused(msg.sender);
    }

    /// @inheritdoc IGrantProgram
    function unpause() external override onlyRole(DEFAULT_ADMIN_ROLE) {
        uint32 pausedAt = _settings.pausedAt;
        if (pausedAt == 0) revert Errors.GrantProgram_NotPaused();
        // Effect: the paused time is added to every deadline at once (they are kept on the program's clock).
        _settings.pausedTotal += uint40(block.timestamp) - pausedAt;
        _settings.pausedAt = 0;
        emit ProgramUnpaused(msg.sender);
    }

    /*//////////////////////////////////////////////////////////////
                          STATE-CHANGING: TREASURY
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrantProgram
    function fund(uint256 amount) external override onlyRole(TREASURER_ROLE) nonReentrant {
        // Check.
        if (amount == 0) revert Errors.GrantProgram_ZeroAmount();

        // Interaction first, by necessity: the amount credited is what actually arrived, so a
        // fee-on-transfer token is refused instead of overstating the budget. `nonReentrant` and
        // the absence of earlier effects make the order safe.
        _pullExactly(msg.sender, amount);

        // Effect: `amount` fits in uint128 because the token balance does (checked in _pullExactly).
        _ledger.funded += uint128(amount);

        // Log.
        emit Funded(msg.sender, amount);
    }

    /// @inheritdoc IGrantProgram
    function withdraw(uint256 amount) external override onlyRole(TREASURER_ROLE) nonReentrant {
        // Check: only the unreserved budget can leave.
        if (amount == 0) revert Errors.GrantProgram_ZeroAmount();
        _requireAvailable(amount);

        // Effect: amount <= available < 2**128.
        _ledger.withdrawn += uint128(amount);

        // Interaction: only ever to the fixed treasury.
        (IERC20 token_, , address treasury_) = _cloneArgs();
        token_.safeTransfer(treasury_, amount);

        // Log.
        emit Withdrawn(treasury_, amount);
    }

    /// @inheritdoc IGrantProgram
    function sweepSurplus() external override onlyRole(TREASURER_ROLE) nonReentrant {
        // Check.
        uint256 surplus = _surplus(_ledger);
        if (surplus == 0) revert Errors.GrantProgram_NoSurplus();

        // Interaction: the ledger does not change; the surplus was never part of it.
        (IERC20 token_, , address treasury_) = _cloneArgs();
        token_.safeTransfer(treasury_, surplus);

        // Log.
        emit SurplusSwept(treasury_, surplus);
    }

    /*//////////////////////////////////////////////////////////////
                    STATE-CHANGING: APPLICATIONS AND AWARDS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrantProgram
    function submitApplication(
        uint16 categoryId,
        bytes32 applicationHash
    ) external override returns (uint256 applicationId) {
        // Check: open program, known category, registered applicant.
        _requireNotPaused();
        _requireInsideWindow();
        _existingCategory(categoryId);
        if (applicationHash == bytes32(0)) revert Errors.GrantProgram_ZeroHash("application");
        uint64 entityNo = registry().entityNoOfWallet(msg.sender);
        if (entityNo == 0) revert Errors.GrantProgram_NotGranteeWallet(msg.sender, address(0));

        // Effect.
        applicationId = ++applicationCount;
        _applications[applicationId] = Program.Application({
            entityNo: entityNo,
            categoryId: categoryId,
            status: Program.ApplicationStatus.Open,
            submittedAt: uint40(block.timestamp)
        });

        // Log.
        emit ApplicationSubmitted(applicationId, entityNo, categoryId, applicationHash);
    }

    /// @inheritdoc IGrantProgram
    function declineApplication(uint256 applicationId, bytes32 reasonHash) external override onlyRole(MANAGER_ROLE) {
        // Check.
        Program.Application storage app = _applications[applicationId];
        if (app.status != Program.ApplicationStatus.Open) revert Errors.GrantProgram_ApplicationNotOpen(applicationId);

        // Effect.
        app.status = Program.ApplicationStatus.Declined;

        // Log.
        emit ApplicationDeclined(applicationId, reasonHash);
    }

    /// @inheritdoc IGrantProgram
    function award(
        bytes32 entityId,
        uint16 categoryId,
        uint256 applicationId,
        Program.MilestoneTerms[] calldata terms
    ) external override onlyRole(MANAGER_ROLE) nonReentrant returns (uint256 grantId) {
        // Check: program open, terms well formed, category limits and budget hold.
        _requireNotPaused();
        _requireInsideWindow();
        Program.Category storage c = _existingCategory(categoryId);
        uint256 total = _checkTerms(terms);
        _checkCategoryAllows(c, categoryId, total);
        _requireAvailable(total);

        // Interaction with the trusted registry (see _recordAward).
        grantId = ++grantCount;
        uint64 entityNo = _recordAward(entityId, c.awardKey, grantId);
        if (applicationId != 0) _consumeApplication(applicationId, entityNo, categoryId);

        // Effect: reserve the budget and store the grant. total <= category amount < 2**128.
        _ledger.reserved += uint128(total);
        c.awardsMade += 1;
        c.committed += uint128(total);
        _storeGrant(grantId, entityNo, categoryId, applicationId, total, terms);
    }

    /*//////////////////////////////////////////////////////////////
                     STATE-CHANGING: EVIDENCE AND REVIEW
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrantProgram
    function submitEvidence(uint256 grantId, uint8 index, bytes32 evidenceHash) external override {
        // Check: the grantee's wallet, an open milestone, before its deadline.
        _requireNotPaused();
        Program.Grant storage g = _liveGrant(grantId);
        Program.Milestone storage m = _existingMilestone(g, grantId, index);
        (address wallet, ) = registry().payoutOf(g.entityNo);
        if (msg.sender != wallet) revert Errors.GrantProgram_NotGranteeWallet(msg.sender, wallet);
        if (evidenceHash == bytes32(0)) revert Errors.GrantProgram_ZeroHash("evidence");
        Program.MilestoneStatus status = m.status;
        if (status != Program.MilestoneStatus.Pending && status != Program.MilestoneStatus.Rejected) {
            revert Errors.GrantProgram_WrongMilestoneState(grantId, index, uint8(_stateOf(m, false)));
        }
        _requireBeforeDeadline(m, grantId, index);

        // Effect: a new review round starts with no votes. The round counter binds signed votes and
        // objections to this round; it wraps after 255 resubmissions, which deadlines make moot.
        m.status = Program.MilestoneStatus.Submitted;
        m.approvals = 0;
        m.rejections = 0;
        unchecked {
            m.round += 1;
        }
        _evidence[grantId][index] = evidenceHash;

        // Log.
        emit EvidenceSubmitted(grantId, index, evidenceHash);
    }

    /// @inheritdoc IGrantProgram
    function vote(
        uint256 grantId,
        uint8 index,
        bytes32 termsHash,
        bytes32 evidenceHash,
        bool approve,
        bytes32 reasonHash
    ) external override {
        _requireNotPaused();
        _castVote(grantId, index, termsHash, evidenceHash, msg.sender, approve, reasonHash);
    }

    /// @inheritdoc IGrantProgram
    function submitSignedVotes(
        uint256 grantId,
        uint8 index,
        bytes32 termsHash,
        bytes32 evidenceHash,
        SignedVote[] calldata votes
    ) external override {
        _requireNotPaused();
        for (uint256 i = 0; i < votes.length; ++i) {
            SignedVote calldata v = votes[i];
            // Check: fresh, in order, and signed by the reviewer (ECDSA low-s, or ERC-1271).
            if (block.timestamp > v.deadline) revert Errors.GrantProgram_SignatureExpired(v.reviewer, v.deadline);
            uint256 expected = _nonces[v.reviewer];
            if (v.nonce != expected) revert Errors.GrantProgram_InvalidNonce(v.reviewer, expected, v.nonce);
            bytes32 digest = voteDigest(
                Ballot({
                    reviewer: v.reviewer,
                    grantId: grantId,
                    milestoneIndex: index,
                    round: _milestones[grantId][index].round,
                    termsHash: termsHash,
                    evidenceHash: evidenceHash,
                    approve: v.approve,
                    reasonHash: v.reasonHash,
                    nonce: v.nonce,
                    deadline: v.deadline
                })
            );
            if (!SignatureChecker.isValidSignatureNow(v.reviewer, digest, v.signature)) {
                revert Errors.GrantProgram_InvalidSignature(v.reviewer);
            }
            // Effect: the nonce is spent before the vote is counted.
            _nonces[v.reviewer] = expected + 1;
            _castVote(grantId, index, termsHash, evidenceHash, v.reviewer, v.approve, v.reasonHash);
        }
    }

    /// @inheritdoc IGrantProgram
    function settle(uint256 grantId, uint8 index) external override {
        // Check: a live, submitted milestone before its deadline.
        _requireNotPaused();
        Program.Grant storage g = _liveGrant(grantId);
        Program.Milestone storage stored = _existingMilestone(g, grantId, index);
        Program.Milestone memory m = stored;
        if (m.status != Program.MilestoneStatus.Submitted) {
            revert Errors.GrantProgram_WrongMilestoneState(grantId, index, uint8(_stateOf(m, false)));
        }
        _requireBeforeDeadline(stored, grantId, index);

        // Effect: decide from the votes already cast, under the current committee and quorum.
        (bool approved, bool rejected) = _decide(m, g.recusedReviewers);
        if (!approved && !rejected) revert Errors.GrantProgram_RoundUndecided(grantId, index);
        _writeMilestone(stored, m);

        // Log.
        if (approved) emit MilestoneApproved(grantId, index, m.noticeEndsAt);
        else emit MilestoneRejected(grantId, index);
    }

    /// @inheritdoc IGrantProgram
    function declareConflict(uint256 grantId) external override {
        // Check.
        uint8 slot = _reviewerSlots[msg.sender];
        if (slot == 0) revert Errors.GrantProgram_NotReviewer(msg.sender);
        Program.Grant storage g = _existingGrant(grantId);

        // Effect: votes are counted over active & ~recused, so past votes stop counting too.
        g.recusedReviewers = Bitmap16.set(g.recusedReviewers, slot - 1);

        // Log.
        emit ConflictDeclared(grantId, msg.sender);
    }

    /*//////////////////////////////////////////////////////////////
                   STATE-CHANGING: PUBLIC NOTICE AND OBJECTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrantProgram
    function object(uint256 grantId, uint8 index, bytes32 evidenceHash) external override {
        // Check: inside the notice window (strictly before its end), once per account.
        Program.Grant storage g = _liveGrant(grantId);
        Program.Milestone storage m = _existingMilestone(g, grantId, index);
        if (evidenceHash == bytes32(0)) revert Errors.GrantProgram_ZeroHash("evidence");
        if (m.status != Program.MilestoneStatus.Approved || block.timestamp >= m.noticeEndsAt) {
            revert Errors.GrantProgram_WrongMilestoneState(grantId, index, uint8(_stateOf(m, false)));
        }
        uint8 round = m.round;
        if (_hasObjected[grantId][index][round][msg.sender]) revert Errors.GrantProgram_AlreadyObjected(msg.sender);

        // Effect: the milestone cannot be paid while the objection is open.
        _hasObjected[grantId][index][round][msg.sender] = true;
        _objections[grantId][index] = Program.Objection({ objector: msg.sender, filedAt: uint40(block.timestamp) });
        m.status = Program.MilestoneStatus.Contested;

        // Log.
        emit ObjectionFiled(grantId, index, msg.sender, evidenceHash);
    }

    /// @inheritdoc IGrantProgram
    function ruleOnObjection(
        uint256 grantId,
        uint8 index,
        bool uphold,
        bytes32 reasonHash
    ) external override onlyRole(MANAGER_ROLE) {
        // Check: an open objection on a live grant.
        Program.Grant storage g = _liveGrant(grantId);
        Program.Milestone storage m = _existingMilestone(g, grantId, index);
        if (m.status != Program.MilestoneStatus.Contested) revert Errors.GrantProgram_NoOpenObjection(grantId, index);

        // Effect.
        if (!uphold) {
            // Dismissed: back to Approved; payable once the original window is over.
            m.status = Program.MilestoneStatus.Approved;
        } else if (_settings.upheldObjectionOutcome == Program.UpheldObjectionOutcome.Resubmit) {
            // Upheld: the grantee may resubmit before the deadline.
            m.status = Program.MilestoneStatus.Rejected;
        } else {
            // Upheld: the milestone is cancelled and its amount returns to the budget.
            m.status = Program.MilestoneStatus.Cancelled;
            _release(g, m.amount);
            emit MilestoneCancelled(grantId, index, m.amount);
        }

        // Log.
        emit ObjectionRuled(grantId, index, uphold, reasonHash);
    }

    /*//////////////////////////////////////////////////////////////
                  STATE-CHANGING: CLAIMS, LAPSES, CANCELLATION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrantProgram
    function claim(uint256 grantId, uint8[] calldata indexes) external override nonReentrant returns (uint256 amount) {
        // Check: the grantee's own wallet, not barred, not an official of this program.
        _requireNotPaused();
        if (indexes.length == 0) revert Errors.GrantProgram_InvalidClaim();
        Program.Grant storage g = _liveGrant(grantId);
        (IERC20 token_, IEntityRegistry registry_, ) = _cloneArgs();
        (address wallet, uint32 openRecoveries) = registry_.payoutOf(g.entityNo);
        if (msg.sender != wallet) revert Errors.GrantProgram_NotGranteeWallet(msg.sender, wallet);
        if (openRecoveries != 0) revert Errors.EntityRegistry_EntityBarred(g.entityNo, openRecoveries);
        if (hasRole(MANAGER_ROLE, msg.sender)) {
            revert Errors.GrantProgram_RoleConflict(msg.sender, MANAGER_ROLE, _GRANTEE);
        }

        // Check and effect per milestone: a milestone named twice is already Paid the second time.
        for (uint256 i = 0; i < indexes.length; ++i) {
            uint8 index = indexes[i];
            Program.Milestone storage m = _existingMilestone(g, grantId, index);
            if (m.status != Program.MilestoneStatus.Approved || block.timestamp < m.noticeEndsAt) {
                revert Errors.GrantProgram_WrongMilestoneState(grantId, index, uint8(_stateOf(m, false)));
            }
            m.status = Program.MilestoneStatus.Paid;
            amount += m.amount;
            emit MilestoneClaimed(grantId, index, wallet, m.amount);
        }

        // Effect: reserved -> paid. Each sum is bounded by the grant's reserved amount (< 2**128),
        // which the checked subtraction below proves.
        uint128 paid = uint128(amount);
        g.reserved -= paid;
        g.paidCount += uint8(indexes.length);
        _ledger.reserved -= paid;
        _ledger.paid += paid;

        // Interaction: pay only the registered wallet. A failing transfer reverts this claim alone.
        token_.safeTransfer(wallet, amount);
    }

    /// @inheritdoc IGrantProgram
    function lapse(uint256 grantId, uint8 index) external override {
        // Check: not approved by its deadline (strictly after it).
        Program.Grant storage g = _liveGrant(grantId);
        Program.Milestone storage m = _existingMilestone(g, grantId, index);
        Program.MilestoneStatus status = m.status;
        if (
            status != Program.MilestoneStatus.Pending &&
            status != Program.MilestoneStatus.Submitted &&
            status != Program.MilestoneStatus.Rejected
        ) {
            revert Errors.GrantProgram_WrongMilestoneState(grantId, index, uint8(_stateOf(m, false)));
        }
        if (_programTime() <= m.deadline) {
            revert Errors.GrantProgram_DeadlineNotPassed(grantId, index, m.deadline + _settings.pausedTotal);
        }

        // Effect: the amount returns to the available budget.
        m.status = Program.MilestoneStatus.Lapsed;
        _release(g, m.amount);

        // Log.
        emit MilestoneLapsed(grantId, index, m.amount);
    }

    /// @inheritdoc IGrantProgram
    function cancelGrant(uint256 grantId, bytes32 reasonHash) external override onlyRole(MANAGER_ROLE) {
        Program.Grant storage g = _liveGrant(grantId);
        _cancel(grantId, g, reasonHash);
    }

    /*//////////////////////////////////////////////////////////////
                          STATE-CHANGING: RECOVERY
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IGrantProgram
    function orderRecovery(
        uint256 grantId,
        uint256 amount,
        bytes32 reasonHash
    ) external override onlyRole(MANAGER_ROLE) {
        // Check: at most what was paid and not yet ordered back.
        Program.Grant storage g = _existingGrant(grantId);
        if (amount == 0) revert Errors.GrantProgram_ZeroAmount();
        uint256 paid;
        for (uint256 i = 0; i < g.milestoneCount; ++i) {
            Program.Milestone storage m = _milestones[grantId][i];
            if (m.status == Program.MilestoneStatus.Paid) paid += m.amount;
        }
        uint256 recoverable = paid - g.recoveryOwed - g.recovered;
        if (amount > recoverable) revert Errors.GrantProgram_RecoveryTooLarge(amount, recoverable);

        // Effect: amount <= paid < 2**128. The unpaid rest of the grant is cancelled.
        bool firstOrder = g.recoveryOwed == 0;
        g.recoveryOwed += uint128(amount);
        _ledger.recoveryOutstanding += uint128(amount);
        if (!g.cancelled && g.reserved != 0) _cancel(grantId, g, reasonHash);

        // Interaction with the trusted registry: one bar per grant with money owed.
        if (firstOrder) registry().addBar(g.entityNo);

        // Log.
        emit RecoveryOrdered(grantId, g.entityNo, amount, reasonHash);
    }

    /// @inheritdoc IGrantProgram
    function repay(uint256 grantId, uint256 amount) external override nonReentrant {
        // Check.
        Program.Grant storage g = _existingGrant(grantId);
        uint256 owed = g.recoveryOwed;
        if (amount == 0 || amount > owed) revert Errors.GrantProgram_RepaymentTooLarge(amount, owed);

        // Interaction first, by necessity: credit only what actually arrived (see {fund}).
        _pullExactly(msg.sender, amount);

        // Effect: the repaid money returns to the available budget. amount <= owed < 2**128.
        uint128 repaid = uint128(amount);
        g.recoveryOwed -= repaid;
        g.recovered += repaid;
        _ledger.repaid += repaid;
        _ledger.recoveryOutstanding -= repaid;
        if (g.recoveryOwed == 0) registry().liftBar(g.entityNo);

        // Log.
        emit Repaid(grantId, msg.sender, amount, g.recoveryOwed);
    }

    /*//////////////////////////////////////////////////////////////
                                 INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Grants a role, refusing to let a reviewer hold a manager or treasurer role.
    function _grantRole(bytes32 role, address account) internal override returns (bool) {
        if ((role == MANAGER_ROLE || role == TREASURER_ROLE) && _reviewerSlots[account] != 0) {
            revert Errors.GrantProgram_RoleConflict(account, REVIEWER, role);
        }
        return super._grantRole(role, account);
    }

    function _addReviewer(address reviewer) private {
        // Check.
        if (reviewer == address(0)) revert Errors.GrantProgram_ZeroAddress("reviewer");
        if (_reviewerSlots[reviewer] != 0) revert Errors.GrantProgram_DuplicateReviewer(reviewer);
        if (hasRole(MANAGER_ROLE, reviewer)) revert Errors.GrantProgram_RoleConflict(reviewer, MANAGER_ROLE, REVIEWER);
        if (hasRole(TREASURER_ROLE, reviewer)) {
            revert Errors.GrantProgram_RoleConflict(reviewer, TREASURER_ROLE, REVIEWER);
        }
        uint8 used = _settings.reviewerSlotsUsed;
        if (used == MAX_REVIEWERS) revert Errors.GrantProgram_TooManyReviewers(MAX_REVIEWERS);

        // Effect: slots are handed out once, in order, and never reused.
        _settings.reviewerSlotsUsed = used + 1;
        _settings.activeReviewers = Bitmap16.set(_settings.activeReviewers, used);
        _reviewerSlots[reviewer] = used + 1;
        _reviewerAt[used] = reviewer;

        // Log.
        emit ReviewerAdded(reviewer, used + 1);
    }

    function _setQuorum(uint8 quorum) private {
        uint256 active = Bitmap16.count(_settings.activeReviewers);
        if (quorum == 0 || quorum > active) revert Errors.GrantProgram_InvalidQuorum(quorum, active);
        uint8 old = _settings.quorum;
        _settings.quorum = quorum;
        emit QuorumChanged(old, quorum);
    }

    /// @dev Counts one vote. Approval needs `quorum` approvals among eligible reviewers (current and not
    /// recused); rejection happens as soon as approval has become impossible.
    function _castVote(
        uint256 grantId,
        uint8 index,
        bytes32 termsHash,
        bytes32 evidenceHash,
        address reviewer,
        bool approve,
        bytes32 reasonHash
    ) private {
        // Check: the reviewer may vote on this grant, and the milestone is under review.
        (Program.Grant storage g, uint256 bit) = _checkVoter(grantId, termsHash, reviewer);
        Program.Milestone storage m = _checkUnderReview(g, grantId, index, evidenceHash);

        // Effect: record the vote and settle the round if it decides it.
        (bool approved, bool rejected) = _tally(m, g.recusedReviewers, bit, approve, reviewer);

        // Log.
        emit VoteCast(grantId, index, reviewer, approve, reasonHash);
        if (approved) emit MilestoneApproved(grantId, index, m.noticeEndsAt);
        if (rejected) emit MilestoneRejected(grantId, index);
    }

    /// @dev A current, non-recused reviewer who is not the grantee's wallet, voting on the grant's terms.
    function _checkVoter(
        uint256 grantId,
        bytes32 termsHash,
        address reviewer
    ) private view returns (Program.Grant storage g, uint256 bit) {
        uint8 slot = _reviewerSlots[reviewer];
        if (slot == 0) revert Errors.GrantProgram_NotReviewer(reviewer);
        bit = slot - 1;
        g = _liveGrant(grantId);
        if (Bitmap16.has(g.recusedReviewers, bit)) revert Errors.GrantProgram_ReviewerRecused(reviewer, grantId);
        if (termsHash != g.termsHash) revert Errors.GrantProgram_TermsMismatch(g.termsHash, termsHash);
        (address wallet, ) = registry().payoutOf(g.entityNo);
        if (reviewer == wallet) revert Errors.GrantProgram_SelfReview(reviewer, grantId);
    }

    /// @dev A submitted milestone, before its deadline, whose current evidence is what the reviewer saw.
    function _checkUnderReview(
        Program.Grant storage g,
        uint256 grantId,
        uint8 index,
        bytes32 evidenceHash
    ) private view returns (Program.Milestone storage m) {
        m = _existingMilestone(g, grantId, index);
        if (m.status != Program.MilestoneStatus.Submitted) {
            revert Errors.GrantProgram_WrongMilestoneState(grantId, index, uint8(_stateOf(m, false)));
        }
        _requireBeforeDeadline(m, grantId, index);
        bytes32 currentEvidence = _evidence[grantId][index];
        if (evidenceHash != currentEvidence) revert Errors.GrantProgram_EvidenceMismatch(currentEvidence, evidenceHash);
    }

    /// @dev Sets the reviewer's bit and decides the round; one read and one write of the milestone slot.
    function _tally(
        Program.Milestone storage stored,
        uint16 recused,
        uint256 bit,
        bool approve,
        address reviewer
    ) private returns (bool approved, bool rejected) {
        Program.Milestone memory m = stored;
        if (Bitmap16.has(m.approvals | m.rejections, bit)) revert Errors.GrantProgram_AlreadyVoted(reviewer);
        if (approve) m.approvals = Bitmap16.set(m.approvals, bit);
        else m.rejections = Bitmap16.set(m.rejections, bit);
        (approved, rejected) = _decide(m, recused);
        _writeMilestone(stored, m);
    }

    /// @dev Decides a round from its bitmaps, whichever way the last vote went: approved with `quorum`
    /// approvals among eligible reviewers (current, not recused); rejected as soon as approval has become
    /// impossible. Updates `m` in memory.
    function _decide(Program.Milestone memory m, uint16 recused) private view returns (bool approved, bool rejected) {
        Program.Settings memory s = _settings;
        uint16 eligible = s.activeReviewers & ~recused;
        uint256 eligibleCount = Bitmap16.count(eligible);
        if (eligibleCount < s.quorum) revert Errors.GrantProgram_QuorumUnreachable(eligibleCount, s.quorum);
        if (Bitmap16.count(m.approvals & eligible) >= s.quorum) {
            approved = true;
            m.status = Program.MilestoneStatus.Approved;
            m.noticeEndsAt = uint40(block.timestamp) + s.noticePeriod;
        } else if (Bitmap16.count(m.rejections & eligible) > eligibleCount - s.quorum) {
            // eligibleCount >= quorum was checked above, so the subtraction cannot underflow.
            rejected = true;
            m.status = Program.MilestoneStatus.Rejected;
        }
    }

    /// @dev Reverts once the milestone's deadline (on the program's clock) has passed.
    function _requireBeforeDeadline(Program.Milestone storage m, uint256 grantId, uint8 index) private view {
        if (_programTime() > m.deadline) {
            revert Errors.GrantProgram_DeadlinePassed(grantId, index, m.deadline + _settings.pausedTotal);
        }
    }

    /// @dev The program's clock: real time minus the time spent paused; it stands still while paused.
    function _programTime() private view returns (uint40) {
        Program.Settings storage s = _settings;
        uint40 pausedAt = s.pausedAt;
        return (pausedAt != 0 ? pausedAt : uint40(block.timestamp)) - s.pausedTotal;
    }

    /// @dev Writes the vote-related fields; they share the milestone's one slot.
    function _writeMilestone(Program.Milestone storage stored, Program.Milestone memory m) private {
        stored.status = m.status;
        stored.noticeEndsAt = m.noticeEndsAt;
        stored.approvals = m.approvals;
        stored.rejections = m.rejections;
        stored.round = m.round;
    }

    /// @dev Cancels every unpaid milestone of a grant at once: the grant's whole reserve returns to
    /// the budget, and the award key is released if nothing was ever paid.
    function _cancel(uint256 grantId, Program.Grant storage g, bytes32 reasonHash) private {
        uint128 released = g.reserved;
        bool releaseKey = g.paidCount == 0;
        g.cancelled = true;
        _release(g, released);
        Program.Category storage c = _categories[g.categoryId];
        if (releaseKey) {
            c.awardsMade -= 1;
            registry().releaseAward(g.entityNo, c.awardKey);
        }
        emit GrantCancelled(grantId, released, releaseKey, reasonHash);
    }

    /// @dev Moves `amount` of a grant from reserved back to available.
    function _release(Program.Grant storage g, uint128 amount) private {
        g.reserved -= amount;
        _ledger.reserved -= amount;
        _categories[g.categoryId].committed -= amount;
    }

    /// @dev Pulls exactly `amount` from `from`, refusing tokens that deliver less (fee-on-transfer)
    /// and balances that would not fit the uint128 ledger.
    function _pullExactly(address from, uint256 amount) private {
        IERC20 token_ = token();
        uint256 before = token_.balanceOf(address(this));
        token_.safeTransferFrom(from, address(this), amount);
        uint256 received = token_.balanceOf(address(this)) - before;
        if (received != amount) revert Errors.GrantProgram_TransferAmountMismatch(amount, received);
        if (before + received > type(uint128).max) {
            revert Errors.GrantProgram_TransferAmountMismatch(amount, type(uint128).max - before);
        }
    }

    /// @dev Writes a new grant and its milestones; the terms hash binds chain, program, grant, entity,
    /// category and every milestone's amount, deadline and description.
    /// Emits {GrantAwarded} and one {MilestoneScheduled} per milestone.
    function _storeGrant(
        uint256 grantId,
        uint64 entityNo,
        uint16 categoryId,
        uint256 applicationId,
        uint256 total,
        Program.MilestoneTerms[] calldata terms
    ) private {
        bytes32 termsHash = keccak256(abi.encode(block.chainid, address(this), grantId, entityNo, categoryId, terms));
        _grants[grantId] = Program.Grant({
            termsHash: termsHash,
            entityNo: entityNo,
            reserved: uint128(total),
            categoryId: categoryId,
            milestoneCount: uint8(terms.length),
            cancelled: false,
            recusedReviewers: 0,
            paidCount: 0,
            recoveryOwed: 0,
            recovered: 0
        });
        // Deadlines are stored on the program's clock (awards are refused while paused, and every
        // deadline is in the future, so it exceeds the paused total).
        uint40 pausedTotal = _settings.pausedTotal;
        for (uint256 i = 0; i < terms.length; ++i) {
            _milestones[grantId][i] = Program.Milestone({
                amount: terms[i].amount,
                deadline: terms[i].deadline - pausedTotal,
                noticeEndsAt: 0,
                status: Program.MilestoneStatus.Pending,
                approvals: 0,
                rejections: 0,
                round: 0
            });
        }
        emit GrantAwarded(grantId, entityNo, categoryId, total, uint8(terms.length), termsHash, applicationId);
        for (uint256 i = 0; i < terms.length; ++i) {
            emit MilestoneScheduled(grantId, uint8(i), terms[i].amount, terms[i].deadline, terms[i].descriptionHash);
        }
    }

    /// @dev Records the award in the trusted registry, which enforces registration, bars and the
    /// one-time rule across every program on it; refuses a payout wallet that holds a role here.
    function _recordAward(bytes32 entityId, bytes32 awardKey, uint256 grantId) private returns (uint64 entityNo) {
        address wallet;
        (entityNo, wallet) = registry().recordAward(entityId, awardKey, uint96(grantId));
        _checkNoRole(wallet);
    }

    function _requireAvailable(uint256 amount) private view {
        uint256 availableNow = _available(_ledger);
        if (amount > availableNow) revert Errors.GrantProgram_InsufficientBudget(amount, availableNow);
    }

    function _consumeApplication(uint256 applicationId, uint64 entityNo, uint16 categoryId) private {
        Program.Application storage app = _applications[applicationId];
        if (app.status != Program.ApplicationStatus.Open) revert Errors.GrantProgram_ApplicationNotOpen(applicationId);
        if (app.entityNo != entityNo || app.categoryId != categoryId) {
            revert Errors.GrantProgram_ApplicationMismatch(applicationId);
        }
        app.status = Program.ApplicationStatus.Awarded;
    }

    function _checkTerms(Program.MilestoneTerms[] calldata terms) private view returns (uint256 total) {
        uint256 count = terms.length;
        if (count == 0 || count > MAX_MILESTONES) {
            revert Errors.GrantProgram_InvalidMilestoneCount(count, MAX_MILESTONES);
        }
        uint40 previous = uint40(block.timestamp);
        for (uint256 i = 0; i < count; ++i) {
            if (terms[i].amount == 0) revert Errors.GrantProgram_ZeroMilestoneAmount(i);
            if (terms[i].deadline <= previous) revert Errors.GrantProgram_InvalidDeadline(i, terms[i].deadline);
            previous = terms[i].deadline;
            total += terms[i].amount;
        }
    }

    function _checkCategoryAllows(Program.Category storage c, uint16 categoryId, uint256 total) private view {
        if (c.mode == Program.AwardMode.Fixed) {
            if (total != c.amount) revert Errors.GrantProgram_AmountNotFixedAmount(total, c.amount);
        } else if (total > c.amount) {
            revert Errors.GrantProgram_AmountOverCap(total, c.amount);
        }
        if (c.maxAwards != 0 && c.awardsMade >= c.maxAwards) {
            revert Errors.GrantProgram_CategoryCountExhausted(categoryId, c.maxAwards);
        }
        if (c.maxTotal != 0 && c.committed + total > c.maxTotal) {
            revert Errors.GrantProgram_CategoryTotalExceeded(categoryId, c.committed + total, c.maxTotal);
        }
    }

    /// @dev Refuses an award whose payout wallet holds a role here (separation of duties).
    function _checkNoRole(address wallet) private view {
        if (hasRole(DEFAULT_ADMIN_ROLE, wallet)) {
            revert Errors.GrantProgram_RoleConflict(wallet, DEFAULT_ADMIN_ROLE, _GRANTEE);
        }
        if (hasRole(GUARDIAN_ROLE, wallet)) {
            revert Errors.GrantProgram_RoleConflict(wallet, GUARDIAN_ROLE, _GRANTEE);
        }
        if (_reviewerSlots[wallet] != 0) revert Errors.GrantProgram_RoleConflict(wallet, REVIEWER, _GRANTEE);
        if (hasRole(MANAGER_ROLE, wallet)) {
            revert Errors.GrantProgram_RoleConflict(wallet, MANAGER_ROLE, _GRANTEE);
        }
        if (hasRole(TREASURER_ROLE, wallet)) {
            revert Errors.GrantProgram_RoleConflict(wallet, TREASURER_ROLE, _GRANTEE);
        }
    }

    function _requireNotPaused() private view {
        if (_settings.pausedAt != 0) revert Errors.GrantProgram_Paused();
    }

    function _requireInsideWindow() private view {
        Program.Settings storage s = _settings;
        if (block.timestamp < s.windowOpensAt || block.timestamp > s.windowClosesAt) {
            revert Errors.GrantProgram_OutsideWindow(uint40(block.timestamp), s.windowOpensAt, s.windowClosesAt);
        }
    }

    function _existingCategory(uint16 categoryId) private view returns (Program.Category storage c) {
        c = _categories[categoryId];
        if (c.mode == Program.AwardMode.None) revert Errors.GrantProgram_UnknownCategory(categoryId);
    }

    function _existingGrant(uint256 grantId) private view returns (Program.Grant storage g) {
        g = _grants[grantId];
        if (g.milestoneCount == 0) revert Errors.GrantProgram_UnknownGrant(grantId);
    }

    function _liveGrant(uint256 grantId) private view returns (Program.Grant storage g) {
        g = _existingGrant(grantId);
        if (g.cancelled) revert Errors.GrantProgram_GrantCancelled(grantId);
    }

    function _existingMilestone(
        Program.Grant storage g,
        uint256 grantId,
        uint256 index
    ) private view returns (Program.Milestone storage) {
        if (index >= g.milestoneCount) revert Errors.GrantProgram_UnknownMilestone(grantId, index);
        return _milestones[grantId][index];
    }

    /// @dev The user-facing state, derived from the stored status and the clock.
    function _stateOf(Program.Milestone memory m, bool grantCancelled) private view returns (Program.MilestoneState) {
        Program.MilestoneStatus status = m.status;
        if (status == Program.MilestoneStatus.Paid) return Program.MilestoneState.Paid;
        if (status == Program.MilestoneStatus.Lapsed) return Program.MilestoneState.Lapsed;
        if (status == Program.MilestoneStatus.Cancelled || grantCancelled) return Program.MilestoneState.Cancelled;
        if (status == Program.MilestoneStatus.Contested) return Program.MilestoneState.Contested;
        if (status == Program.MilestoneStatus.Approved) {
            return block.timestamp < m.noticeEndsAt ? Program.MilestoneState.InNotice : Program.MilestoneState.Payable;
        }
        if (_programTime() > m.deadline) return Program.MilestoneState.Lapsable;
        if (status == Program.MilestoneStatus.Submitted) return Program.MilestoneState.Submitted;
        if (status == Program.MilestoneStatus.Rejected) return Program.MilestoneState.Rejected;
        return Program.MilestoneState.Pending;
    }

    function _available(Program.Ledger memory book) private pure returns (uint256) {
        return uint256(book.funded) + book.repaid - book.reserved - book.paid - book.withdrawn;
    }

    /// @dev Tokens held beyond what the ledger accounts for (sent outside fund/repay).
    function _surplus(Program.Ledger memory book) private view returns (uint256) {
        uint256 accounted = uint256(book.funded) + book.repaid - book.paid - book.withdrawn;
        uint256 balance = token().balanceOf(address(this));
        return balance > accounted ? balance - accounted : 0;
    }

    /// @dev The immutable clone arguments: read from the clone's own code, so no storage and no role
    /// can change where money comes from or goes to.
    function _cloneArgs() private view returns (IERC20 token_, IEntityRegistry registry_, address treasury_) {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (IERC20, IEntityRegistry, address));
    }
}
