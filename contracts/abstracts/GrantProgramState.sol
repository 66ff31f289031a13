// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IAccessControl } from "@openzeppelin/contracts/access/IAccessControl.sol";
import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { ERC165 } from "@openzeppelin/contracts/utils/introspection/ERC165.sol";

import { IEntityRegistry } from "../interfaces/IEntityRegistry.sol";
import { IGrantProgramEvents } from "../interfaces/program/IGrantProgramEvents.sol";
import { Bitmap16 } from "../libraries/Bitmap16.sol";
import { Errors } from "../libraries/Errors.sol";
import { FiscalCalendar } from "../libraries/FiscalCalendar.sol";
import { LedgerLib } from "../libraries/LedgerLib.sol";
import { MilestoneLib } from "../libraries/MilestoneLib.sol";
import { ProgramClock } from "../libraries/ProgramClock.sol";
import { Program } from "../types/DataTypes.sol";
import { ProgramReentrancyGuard } from "./ProgramReentrancyGuard.sol";

/// @title GrantProgramState
/// @notice All of a program's storage, its constants and the guards every concern shares.
/// @dev Both halves of a program ({GrantProgram} and {GrantProgramExtension}) inherit this contract
/// first and declare no storage of their own, so they read and write the same layout (a test compares the
/// two compiled layouts; the reentrancy lock sits outside it in both build profiles). Everything declared here is internal and adds no bytes to a half that does not use
/// it; the {IAccessControl} functions are public in both halves (a clone reaches the hot half's).
/// Roles are OpenZeppelin's `IAccessControl` (same functions, errors and events, every role administered
/// by `DEFAULT_ADMIN_ROLE`) but kept as four bits in each account's {Program.Member} word, next to its
/// reviewer seat and its official mark: one storage slot per account instead of one per account and role,
/// so a role check, a separation-of-duties check and the record of it read and write the same word.
/// Only the program's four roles exist; granting any other role is refused ({Errors.GrantProgram_UnknownRole}).
abstract contract GrantProgramState is IGrantProgramEvents, IAccessControl, ERC165, ProgramReentrancyGuard {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The role that administers every role (OpenZeppelin's value).
    bytes32 public constant DEFAULT_ADMIN_ROLE = 0x00;
    /// @dev Managers award, decline applications, cancel, rule on objections and order recoveries.
    bytes32 internal constant _MANAGER_ROLE = keccak256("MANAGER_ROLE");
    /// @dev The treasurer funds the program and withdraws unreserved budget to the treasury.
    bytes32 internal constant _TREASURER_ROLE = keccak256("TREASURER_ROLE");
    /// @dev The guardian pauses the program; only the admin unpauses.
    bytes32 internal constant _GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @dev Pseudo-role named in {Errors.GrantProgram_RoleConflict} for committee membership.
    bytes32 internal constant _REVIEWER = keccak256("REVIEWER");
    /// @dev Pseudo-role named in {Errors.GrantProgram_RoleConflict} for a grantee's payout wallet.
    bytes32 internal constant _GRANTEE = keccak256("GRANTEE");
    /// @dev Pseudo-role named in {Errors.GrantProgram_RoleConflict} for an account that once held a role
    /// or a reviewer seat here and holds none now.
    bytes32 internal constant _FORMER_OFFICIAL = keccak256("FORMER_OFFICIAL");

    /// @dev The role bits of {Program.Member.roles}.
    uint8 internal constant _ADMIN_BIT = 1;
    uint8 internal constant _MANAGER_BIT = 2;
    uint8 internal constant _TREASURER_BIT = 4;
    uint8 internal constant _GUARDIAN_BIT = 8;

    /// @dev Most milestones one grant may have.
    uint256 internal constant _MAX_MILESTONES = 16;
    /// @dev Reviewer slots over the program's life (the vote bitmaps are 16 bits).
    uint256 internal constant _MAX_REVIEWERS = 16;
    /// @dev Longest public notice window a program may set.
    uint40 internal constant _MAX_NOTICE_PERIOD = 90 days;
    /// @dev Furthest a milestone deadline may be set from the award: ten years.
    uint256 internal constant _MAX_DEADLINE_HORIZON = 3650 days;
    /// @dev Shortest public notice window a program may set: the public always gets a real chance to object.
    uint40 internal constant _MIN_NOTICE_PERIOD = 1 days;
    /// @dev Most attestation windows a supervision period may have (the attested windows are a 64-bit set).
    uint256 internal constant _MAX_ATTESTATIONS = 64;
    /// @dev How many fiscal years ahead of the current one money may be appropriated or an award reserve.
    uint16 internal constant _MAX_YEARS_AHEAD = 10;
    /// @dev Most levels a tier group may have (the held levels are a 16-bit set).
    uint8 internal constant _MAX_TIERS = 16;
    /// @dev Domain of a tier group's award key: keccak256(abi.encode(prefix, program, tierGroup)).
    bytes32 internal constant _TIER_KEY_PREFIX = keccak256("MilestoneGrants.tierGroup");

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev Window, notice period, committee bitmap, quorum, pause clock: one slot.
    Program.Settings internal _settings;
    /// @dev The budget counters (see {LedgerLib}).
    Program.Ledger internal _ledger;
    /// @dev Grants awarded so far; ids run from 1.
    uint256 internal _grantCount;
    /// @dev Applications so far; ids run from 1.
    uint256 internal _applicationCount;
    /// @dev Each account's reviewer slots and whether it is or was an official (see {Program.Member}).
    mapping(address account => Program.Member) internal _members;
    /// @dev The committee's history, packed bytes (big-endian, read and written by {_committeeRead} and
    /// {_committeeWrite}); slots are handed out once, so it only grows:
    /// - bytes 0–15: byte i is the first slot (1-based) of the person given slot i + 1, so a recusal
    ///   recorded on a person's first slot also covers the slot they hold after a re-appointment (see
    ///   {_recusedSlots}); one word read;
    /// - bytes 16 + 20·i to 35 + 20·i: the account given slot i + 1.
    /// 336 bytes in 11 words, so a program created with four reviewers writes three new words instead of
    /// five (one per reviewer address and one for the first slots).
    uint256[11] internal _committee;
    mapping(uint16 categoryId => Program.Category) internal _categories;
    mapping(uint256 grantId => Program.Grant) internal _grants;
    mapping(uint256 grantId => mapping(uint256 index => Program.Milestone)) internal _milestones;
    /// @dev The evidence of each milestone's current review round.
    mapping(uint256 grantId => mapping(uint256 index => bytes32 evidenceHash)) internal _evidence;
    /// @dev The open (or last) objection to each milestone.
    mapping(uint256 grantId => mapping(uint256 index => Program.Objection)) internal _objections;
    /// @dev Keyed by review round, so the once-per-account limit applies per round: after a
    /// resubmission the public may object again.
    mapping(uint256 grantId => mapping(uint256 index => mapping(uint8 round => mapping(address account => bool))))
        internal _hasObjected;
    mapping(uint256 applicationId => Program.Application) internal _applications;
    /// @dev The levels each tier group has (bit t - 1 for level t): one category per level.
    mapping(uint8 tierGroup => uint16 levels) internal _tierLevels;
    /// @dev What each entity holds in each tier group (see {Program.TierHolding}).
    mapping(uint64 entityNo => mapping(uint8 tierGroup => Program.TierHolding)) internal _tierHoldings;
    /// @dev Each supervised category's supervision terms (absent: none).
    mapping(uint16 categoryId => Program.SupervisionTerms) internal _supervisionTerms;
    /// @dev Each supervised grant's supervision record.
    mapping(uint256 grantId => Program.Supervision) internal _supervisions;
    /// @dev The grant that gave an entity each level it holds (zero once an unpaid cancellation undid it):
    /// the levels share one registry key, whose record names only the newest.
    mapping(uint64 entityNo => mapping(uint8 tierGroup => mapping(uint8 tier => uint256 grantId))) internal _tierGrants;
    /// @dev The fiscal calendar and how far its years are closed (a program with fiscal years only).
    Program.FiscalBook internal _fiscalBook;
    /// @dev Each fiscal year's budget line (see {Program.FiscalYear}).
    mapping(uint16 year => Program.FiscalYear) internal _fiscalYears;

    /*//////////////////////////////////////////////////////////////
                             INITIALISATION
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown by {IProgramSetup.initialize} on a program that is already initialised, and on the
    /// implementation and the extension, which can never be (OpenZeppelin's `Initializable` error).
    error InvalidInitialization();

    /// @dev Runs the function once per program: a program is initialised exactly when its application
    /// window is set. {IProgramSetup.initialize} refuses a window that does not close after it opens, so
    /// `windowClosesAt` is non-zero from then on, and nothing else writes it. No separate storage slot
    /// (OpenZeppelin's `Initializable` keeps one just for this, a 22,100-gas write on every new program).
    modifier initializer() {
        if (_settings.windowClosesAt != 0) revert InvalidInitialization();
        _;
    }

    /// @dev Marks this contract's own storage initialised: the implementation and the extension call it
    /// in their constructors, so neither can ever be initialised (clones start with empty storage).
    function _disableInitializers() internal {
        _settings.windowClosesAt = type(uint40).max;
    }

    /*//////////////////////////////////////////////////////////////
                              SHARED GUARDS
    //////////////////////////////////////////////////////////////*/

    function _requireNotPaused() internal view {
        if (_settings.pausedAt != 0) revert Errors.GrantProgram_Paused();
    }

    function _requireInsideWindow() internal view {
        Program.Settings storage s = _settings;
        if (block.timestamp < s.windowOpensAt || block.timestamp > s.windowClosesAt) {
            revert Errors.GrantProgram_OutsideWindow(uint40(block.timestamp), s.windowOpensAt, s.windowClosesAt);
        }
    }

    function _existingCategory(uint16 categoryId) internal view returns (Program.Category storage c) {
        c = _categories[categoryId];
        if (c.mode == Program.AwardMode.None) revert Errors.GrantProgram_UnknownCategory(categoryId);
    }

    function _existingGrant(uint256 grantId) internal view returns (Program.Grant storage g) {
        g = _grants[grantId];
        if (g.milestoneCount == 0) revert Errors.GrantProgram_UnknownGrant(grantId);
    }

    function _liveGrant(uint256 grantId) internal view returns (Program.Grant storage g) {
        g = _existingGrant(grantId);
        if (g.cancelled) revert Errors.GrantProgram_GrantCancelled(grantId);
    }

    function _existingMilestone(
        Program.Grant storage g,
        uint256 grantId,
        uint256 index
    ) internal view returns (Program.Milestone storage) {
        if (index >= g.milestoneCount) revert Errors.GrantProgram_UnknownMilestone(grantId, index);
        return _milestones[grantId][index];
    }

    /// @dev The one milestone-state guard: reverts unless the milestone (of a live grant) is in one of
    /// `expected` (a {MilestoneLib} set), judged without the deadline, which callers check with its own
    /// error. Reads only the status and the notice end (one warm slot), and the program's clock only for
    /// an approved milestone (the notice window is on it); the error carries the full derived state and
    /// the expected set.
    function _expectState(Program.Milestone storage m, uint256 grantId, uint256 index, uint16 expected) internal view {
        Program.MilestoneState stored = m.status;
        // Ordered so the common case costs one comparison: `expected` is a constant at every call site.
        if (MilestoneLib.isIn(stored, expected)) {
            // An InNotice milestone whose window has ended is Payable, not InNotice.
            if (
                stored == Program.MilestoneState.InNotice &&
                !MilestoneLib.isIn(Program.MilestoneState.Payable, expected) &&
                _programTime() >= m.noticeEndsAt
            ) {
                _revertWrongState(m, grantId, index, expected);
            }
        } else if (
            stored != Program.MilestoneState.InNotice ||
            !MilestoneLib.isIn(Program.MilestoneState.Payable, expected) ||
            _programTime() < m.noticeEndsAt
        ) {
            _revertWrongState(m, grantId, index, expected);
        }
    }

    function _revertWrongState(
        Program.Milestone memory m,
        uint256 grantId,
        uint256 index,
        uint16 expected
    ) private view {
        Program.MilestoneState current = MilestoneLib.stateOf(m, false, _programTime());
        revert Errors.GrantProgram_WrongMilestoneState(grantId, index, current, expected);
    }

    /// @dev Reverts once the milestone's deadline (on the program's clock) has passed.
    function _requireBeforeDeadline(Program.Milestone storage m, uint256 grantId, uint256 index) internal view {
        if (_programTime() > m.deadline) {
            revert Errors.GrantProgram_DeadlinePassed(grantId, index, _calendar(m.deadline));
        }
    }

    /*//////////////////////////////////////////////////////////////
                             SHARED HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev The program's clock now (see {ProgramClock}).
    function _programTime() internal view returns (uint40) {
        Program.Settings storage s = _settings;
        return ProgramClock.at(s.pausedAt, s.pausedTotal, uint40(block.timestamp));
    }

    /// @dev The calendar time of a program time: right while running, and during a pause the time it
    /// would be if the program resumed now. Zero (never set) stays zero.
    function _calendar(uint40 programTime) internal view returns (uint40) {
        if (programTime == 0) return 0;
        return ProgramClock.toCalendar(programTime, uint40(block.timestamp) - _programTime());
    }

    /// @dev A milestone's derived state.
    function _stateOf(Program.Milestone memory m, bool grantCancelled) internal view returns (Program.MilestoneState) {
        return MilestoneLib.stateOf(m, grantCancelled, _programTime());
    }

    /// @dev The reviewer slots a grant's recusals cover: every slot given to a person who declared a
    /// conflict (recorded on their first slot). Bounded: 16 slots, read from one storage word, and only
    /// when the grant has recusals.
    function _recusedSlots(uint16 recusedFirstSlots) internal view returns (uint16 slots) {
        if (recusedFirstSlots == 0) return 0;
        uint256 firsts = _committeeRead(0, _MAX_REVIEWERS);
        for (uint256 i = 0; i < _MAX_REVIEWERS; ++i) {
            uint256 first = uint8(firsts >> (8 * (_MAX_REVIEWERS - 1 - i)));
            if (first != 0 && Bitmap16.has(recusedFirstSlots, first - 1)) slots = Bitmap16.set(slots, i);
        }
    }

    /// @dev Separation of duties at the moment money is promised or paid: refuses a payout wallet that
    /// holds, or ever held, a role or a reviewer seat in this program. One storage read when it passes.
    function _requireNotOfficial(address wallet) internal view {
        if (_members[wallet].official) _revertOfficial(wallet);
    }

    /// @dev Names the role the wallet holds now, or that it held one before.
    function _revertOfficial(address wallet) private view {
        Program.Member memory member = _members[wallet];
        bytes32 held = _FORMER_OFFICIAL;
        if (member.roles & _ADMIN_BIT != 0) held = DEFAULT_ADMIN_ROLE;
        else if (member.roles & _GUARDIAN_BIT != 0) held = _GUARDIAN_ROLE;
        else if (member.reviewerSlot != 0) held = _REVIEWER;
        else if (member.roles & _MANAGER_BIT != 0) held = _MANAGER_ROLE;
        else if (member.roles & _TREASURER_BIT != 0) held = _TREASURER_ROLE;
        revert Errors.GrantProgram_RoleConflict(wallet, held, _GRANTEE);
    }

    /// @dev What of a grant was paid: the sum and the number of its Paid milestones. Bounded: at most 16
    /// milestone words; only on cold paths (views, cancellation, recovery orders), never on claim.
    function _paidOf(uint256 grantId, uint256 milestoneCount) internal view returns (uint128 paid, uint8 count) {
        for (uint256 i = 0; i < milestoneCount; ++i) {
            Program.Milestone storage m = _milestones[grantId][i];
            if (m.status == Program.MilestoneState.Paid) {
                paid += m.amount;
                ++count;
            }
        }
    }

    /// @dev The account given reviewer slot `slot` (1-based, at most 16).
    function _reviewerAt(uint256 slot) internal view returns (address) {
        return address(uint160(_committeeRead(_MAX_REVIEWERS + 20 * (slot - 1), 20)));
    }

    /// @dev Reads `len` (1 to 32) bytes at byte `offset` of {_committee}, right-aligned; a value may
    /// straddle two words. Callers keep `offset + len` within the region's 336 bytes.
    function _committeeRead(uint256 offset, uint256 len) internal view returns (uint256 value) {
        assembly ("memory-safe") {
            let word := add(_committee.slot, shr(5, offset))
            // Bytes of the value that lie in its first word.
            let head := sub(32, and(offset, 31))
            switch lt(head, len)
            case 0 {
                value := and(shr(shl(3, sub(head, len)), sload(word)), sub(shl(shl(3, len), 1), 1))
            }
            default {
                let tail := sub(len, head)
                let high := and(sload(word), sub(shl(shl(3, head), 1), 1))
                value := or(shl(shl(3, tail), high), shr(shl(3, sub(32, tail)), sload(add(word, 1))))
            }
        }
    }

    /// @dev Writes the low `len` (1 to 32) bytes of `value` at byte `offset` of {_committee}, leaving
    /// every other byte as it was.
    function _committeeWrite(uint256 offset, uint256 len, uint256 value) internal {
        assembly ("memory-safe") {
            let word := add(_committee.slot, shr(5, offset))
            let head := sub(32, and(offset, 31))
            switch lt(head, len)
            case 0 {
                let shift := shl(3, sub(head, len))
                let mask := shl(shift, sub(shl(shl(3, len), 1), 1))
                sstore(word, or(and(sload(word), not(mask)), and(shl(shift, value), mask)))
            }
            default {
                let tail := sub(len, head)
                // The high `head` bytes of the value end the first word ...
                let mask0 := sub(shl(shl(3, head), 1), 1)
                sstore(word, or(and(sload(word), not(mask0)), and(shr(shl(3, tail), value), mask0)))
                // ... and its low `tail` bytes begin the next one.
                let next := add(word, 1)
                let shift := shl(3, sub(32, tail))
                let mask1 := shl(shift, sub(shl(shl(3, tail), 1), 1))
                sstore(next, or(and(sload(next), not(mask1)), and(shl(shift, value), mask1)))
            }
        }
    }

    /// @dev Moves `amount` of a grant from reserved back to available (the grant's stored `reserved` is
    /// the award less what was released; see {Program.Grant}), and to a fiscal year's budget.
    function _release(uint256 grantId, Program.Grant storage g, uint128 amount) internal {
        g.reserved -= amount;
        _ledger.reserved -= amount;
        _categories[g.categoryId].committed -= amount;
        if (g.tierGroup != 0) _reduceHeld(g, amount);
        if (g.fiscalYear != 0) _creditFiscalYear(grantId, g.fiscalYear, amount);
    }

    /// @dev Credits money of a grant coming back (a lapsed or cancelled part, a repayment) to the grant's
    /// fiscal year while it is open, else to the oldest open year: a closed year's books never change.
    /// No clock is read: every year from `nextToClose` on is open.
    function _creditFiscalYear(uint256 grantId, uint16 grantYear, uint128 amount) internal {
        uint16 oldestOpen = _fiscalBook.nextToClose;
        uint16 year = grantYear >= oldestOpen ? grantYear : oldestOpen;
        Program.FiscalYear storage y = _fiscalYears[year];
        y.released = LedgerLib.addLifetime(y.released, amount);
        emit ReleasedToFiscalYear(grantId, year, amount);
    }

    /// @dev The fiscal year now (calendar time: budget years do not stop for a pause).
    function _currentFiscalYear() internal view returns (uint16) {
        Program.FiscalBook storage b = _fiscalBook;
        return FiscalCalendar.yearOf(block.timestamp, b.startMonth, b.utcOffsetMinutes);
    }

    /// @dev A fiscal year's unreserved budget (see {Program.FiscalYear}: what came in less what went out),
    /// modulo 2**128 like the ledger's (see {LedgerLib}): exact, as the years' available amounts add up to
    /// the program's, which is below 2**128, even after a counter has wrapped.
    function _fiscalAvailable(Program.FiscalYear storage y) internal view returns (uint256) {
        unchecked {
            return uint256(y.appropriated + y.carriedIn + y.released - y.committed - y.withdrawn - y.carriedOut);
        }
    }

    /// @dev Takes `amount` of fiscal year `year`'s unreserved budget for an award (`committed`) or a
    /// withdrawal (not `committed`); refuses a year without enough. Callers pass the current year or a
    /// later one, which is open: a closed year has ended, and the first year is the year of the first
    /// appropriation.
    function _takeFromFiscalYear(uint16 year, uint256 amount, bool committed) internal {
        Program.FiscalYear storage y = _fiscalYears[year];
        uint256 availableThen = _fiscalAvailable(y);
        if (amount > availableThen) {
            revert Errors.GrantProgram_InsufficientFiscalYearBudget(year, amount, availableThen);
        }
        // amount <= available < 2**128.
        if (committed) y.committed = LedgerLib.addLifetime(y.committed, uint128(amount));
        else y.withdrawn = LedgerLib.addLifetime(y.withdrawn, uint128(amount));
    }

    /// @dev Lowers what the grant's entity keeps in the grant's tier group by a part that will never be
    /// paid (lapsed, cancelled) or is ordered back. Never underflows: `held` is the sum of the group's
    /// awards less what was taken away, and per grant what is released (unpaid parts) plus what is ordered
    /// back (paid parts) never exceeds its award.
    function _reduceHeld(Program.Grant storage g, uint128 amount) internal {
        (uint64 entityNo, uint8 tierGroup) = (g.entityNo, g.tierGroup);
        Program.TierHolding storage h = _tierHoldings[entityNo][tierGroup];
        uint128 held = h.held - amount;
        h.held = held;
        emit TierHoldingChanged(entityNo, tierGroup, h.tiers, held);
    }

    /// @dev Whether a grant's supervision period is over, and its end (program clock): never for a category
    /// without one or before supervision started.
    function _supervisionOver(uint256 grantId, uint16 categoryId) internal view returns (bool over, uint40 endsAt) {
        uint32 period = _supervisionTerms[categoryId].period;
        if (period == 0) return (false, 0);
        uint40 startsAt = _supervisions[grantId].startsAt;
        if (startsAt == 0) return (false, 0);
        endsAt = startsAt + period;
        over = _programTime() >= endsAt;
    }

    function _requireAvailable(uint256 amount) internal view {
        uint256 availableNow = LedgerLib.available(_ledger);
        if (amount > availableNow) revert Errors.GrantProgram_InsufficientBudget(amount, availableNow);
    }

    /*//////////////////////////////////////////////////////////////
                             ROLES (IAccessControl)
    //////////////////////////////////////////////////////////////*/

    /// @dev Reverts with OpenZeppelin's {AccessControlUnauthorizedAccount} unless the caller holds `role`.
    modifier onlyRole(bytes32 role) {
        _checkRole(role, msg.sender);
        _;
    }

    /// @inheritdoc ERC165
    function supportsInterface(bytes4 interfaceId) public view virtual override returns (bool) {
        return interfaceId == type(IAccessControl).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IAccessControl
    function hasRole(bytes32 role, address account) public view override returns (bool) {
        return _members[account].roles & _roleBit(role) != 0;
    }

    /// @inheritdoc IAccessControl
    /// @dev Every role is administered by `DEFAULT_ADMIN_ROLE`.
    function getRoleAdmin(bytes32) public pure override returns (bytes32) {
        return DEFAULT_ADMIN_ROLE;
    }

    /// @inheritdoc IAccessControl
    function grantRole(bytes32 role, address account) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _grantRole(role, account);
    }

    /// @inheritdoc IAccessControl
    function revokeRole(bytes32 role, address account) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _revokeRole(role, account);
    }

    /// @inheritdoc IAccessControl
    function renounceRole(bytes32 role, address callerConfirmation) external override {
        if (callerConfirmation != msg.sender) revert AccessControlBadConfirmation();
        _revokeRole(role, callerConfirmation);
    }

    function _checkRole(bytes32 role, address account) internal view {
        if (!hasRole(role, account)) revert AccessControlUnauthorizedAccount(account, role);
    }

    /// @dev The bit of one of the four roles; zero for any other value.
    function _roleBit(bytes32 role) internal pure returns (uint8) {
        if (role == DEFAULT_ADMIN_ROLE) return _ADMIN_BIT;
        if (role == _MANAGER_ROLE) return _MANAGER_BIT;
        if (role == _TREASURER_ROLE) return _TREASURER_BIT;
        if (role == _GUARDIAN_ROLE) return _GUARDIAN_BIT;
        return 0;
    }

    /// @dev Grants a role, refusing to let a reviewer hold a manager or treasurer role, and marks the
    /// holder an official for good (see {_requireNotOfficial}). One read and at most one write of the
    /// account's word; emits OpenZeppelin's {RoleGranted} when the role is new.
    function _grantRole(bytes32 role, address account) internal returns (bool) {
        uint8 bit = _roleBit(role);
        if (bit == 0) revert Errors.GrantProgram_UnknownRole(role);
        Program.Member memory member = _members[account];
        if (member.roles & bit != 0) return false;
        if (bit & (_MANAGER_BIT | _TREASURER_BIT) != 0 && member.reviewerSlot != 0) {
            revert Errors.GrantProgram_RoleConflict(account, _REVIEWER, role);
        }
        member.roles |= bit;
        member.official = true;
        _members[account] = member;
        emit RoleGranted(role, account, msg.sender);
        return true;
    }

    /// @dev Revokes a role; the account stays an official (never paid by this program).
    function _revokeRole(bytes32 role, address account) internal returns (bool) {
        uint8 bit = _roleBit(role);
        Program.Member storage member = _members[account];
        uint8 roles = member.roles;
        if (roles & bit == 0) return false;
        member.roles = roles & ~bit;
        emit RoleRevoked(role, account, msg.sender);
        return true;
    }

    /// @dev The immutable clone arguments (token, registry, treasury, program file hash, policy text hash):
    /// read from the clone's own code, so no storage and no role can change where money comes from or goes
    /// to, or which rules the program was created with. One 32-byte word each, copied straight from the
    /// code that OpenZeppelin's `Clones.cloneWithImmutableArgs` lays out (45 bytes of proxy, then the
    /// abi-encoded arguments); a test checks them against the factory's inputs.
    function _cloneWord(uint256 position) internal view returns (bytes32 word) {
        assembly ("memory-safe") {
            extcodecopy(address(), 0x00, add(0x2d, shl(5, position)), 0x20)
            word := mload(0x00)
        }
    }

    /// @dev An address argument: masked, so on a contract that is not a clone (the implementation, the
    /// extension), where the word is just code, it still reads as an address-sized value.
    function _cloneArg(uint256 position) private view returns (address) {
        return address(uint160(uint256(_cloneWord(position))));
    }

    function _token() internal view returns (IERC20) {
        return IERC20(_cloneArg(0));
    }

    function _registry() internal view returns (IEntityRegistry) {
        return IEntityRegistry(_cloneArg(1));
    }

    function _treasury() internal view returns (address) {
        return _cloneArg(2);
    }
}
