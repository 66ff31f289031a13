// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Program } from "../types/ProgramTypes.sol";

/// @title Errors
/// @notice Every custom error of the suite, in one place, prefixed with the contract that throws it.
library Errors {
    /*//////////////////////////////////////////////////////////////
                              ENTITY REGISTRY
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when the registry is deployed without an admin.
    error EntityRegistry_ZeroAdmin();

    /// @notice Thrown when a payout wallet is the zero address.
    error EntityRegistry_ZeroWallet();

    /// @notice Thrown when an entity id is zero.
    error EntityRegistry_ZeroEntityId();

    /// @notice Thrown when the entity kind is not Company or Individual.
    error EntityRegistry_InvalidKind(uint8 kind);

    /// @notice Thrown when registering an entity id that is already registered.
    error EntityRegistry_AlreadyRegistered(bytes32 entityId, uint64 entityNo);

    /// @notice Thrown when an entity id or number is not registered.
    error EntityRegistry_UnknownEntity(bytes32 entityId);

    /// @notice Thrown when an entity number is not registered.
    error EntityRegistry_UnknownEntityNo(uint64 entityNo);

    /// @notice Thrown when a wallet is already bound to another entity (one entity, one wallet).
    error EntityRegistry_WalletTaken(address wallet, uint64 boundTo);

    /// @notice Thrown when the entity is barred by an unpaid recovery order.
    error EntityRegistry_EntityBarred(uint64 entityNo, uint32 openRecoveries);

    /// @notice Thrown when the entity already holds an award under this award key (one-time rule).
    error EntityRegistry_AlreadyAwarded(uint64 entityNo, bytes32 awardKey, address program);

    /// @notice Thrown when releasing an award key that the caller did not record.
    error EntityRegistry_AwardNotHeld(uint64 entityNo, bytes32 awardKey, address program);

    /// @notice Thrown when lifting a bar that does not exist.
    error EntityRegistry_NoOpenRecovery(uint64 entityNo);

    /// @notice Thrown when completing or cancelling a wallet change that was never requested.
    error EntityRegistry_NoPendingWalletChange(uint64 entityNo);

    /// @notice Thrown when completing a wallet change before its delay elapsed.
    error EntityRegistry_WalletChangeNotDue(uint64 entityNo, uint40 effectiveAt);

    /// @notice Thrown when the wallet change delay is above the allowed maximum.
    error EntityRegistry_DelayTooLong(uint40 delay, uint40 maxDelay);

    /// @notice Thrown when a registry is deployed with a wallet change delay below the minimum.
    error EntityRegistry_DelayTooShort(uint40 delay, uint40 minDelay);

    /// @notice Thrown when a named exclusivity group is created twice, or with a zero name.
    error EntityRegistry_InvalidGroup(bytes32 group);

    /// @notice Thrown when a program is admitted to a group that does not exist.
    error EntityRegistry_UnknownGroup(bytes32 group);

    /// @notice Thrown when a program is admitted to a group twice.
    error EntityRegistry_AlreadyAdmitted(bytes32 group, address program);

    /// @notice Thrown when a program records an award under a named group it was not admitted to.
    error EntityRegistry_NotAdmittedToGroup(bytes32 group, address program);

    /*//////////////////////////////////////////////////////////////
                              GRANT PROGRAM
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when an implementation or extension is deployed without a factory.
    error GrantProgram_ZeroFactory();

    /// @notice Thrown when an implementation is deployed without its extension (the cold-path code).
    error GrantProgram_ZeroExtension();

    /// @notice Thrown when an implementation is deployed with an extension address that holds no code.
    error GrantProgram_ExtensionHasNoCode(address extension);

    /// @notice Thrown when a program is initialised without an admin.
    error GrantProgram_ZeroAdmin();

    /// @notice Thrown when a program is initialised without a treasurer.
    error GrantProgram_ZeroTreasurer();

    /// @notice Thrown when a program is initialised without a guardian.
    error GrantProgram_ZeroGuardian();

    /// @notice Thrown when a manager is the zero address.
    error GrantProgram_ZeroManager();

    /// @notice Thrown when a reviewer is the zero address.
    error GrantProgram_ZeroReviewer();

    /// @notice Thrown when the caller of {initialize} is not the factory that created the clone.
    error GrantProgram_NotFactory(address caller);

    /// @notice Thrown when the quorum is zero or above the number of active reviewers.
    error GrantProgram_InvalidQuorum(uint8 quorum, uint256 activeReviewers);

    /// @notice Thrown when the application window is empty or reversed.
    error GrantProgram_InvalidWindow(uint40 opensAt, uint40 closesAt);

    /// @notice Thrown when the notice period is above the allowed maximum.
    error GrantProgram_NoticePeriodTooLong(uint40 noticePeriod, uint40 maxNoticePeriod);

    /// @notice Thrown when a program's public notice period is below the minimum.
    error GrantProgram_NoticePeriodTooShort(uint40 noticePeriod, uint40 minNoticePeriod);

    /// @notice Thrown when a category names an exclusivity group the registry has not admitted this program to.
    error GrantProgram_NotAdmittedToGroup(bytes32 group);

    /// @notice Thrown when an account is already a reviewer.
    error GrantProgram_DuplicateReviewer(address reviewer);

    /// @notice Thrown when every reviewer slot of the program's bitmap has been used.
    error GrantProgram_TooManyReviewers(uint256 maxReviewers);

    /// @notice Thrown when asking for a reviewer slot outside 1 to 16.
    error GrantProgram_UnknownReviewerSlot(uint256 slot);

    /// @notice Thrown when the caller is not a current reviewer.
    error GrantProgram_NotReviewer(address account);

    /// @notice Thrown when two roles that must stay separate would meet in one account.
    error GrantProgram_RoleConflict(address account, bytes32 heldRole, bytes32 refusedRole);

    /// @notice Thrown when granting a role that is not one of the program's four (admin, manager,
    /// treasurer, guardian).
    error GrantProgram_UnknownRole(bytes32 role);

    /// @notice Thrown when the program is paused.
    error GrantProgram_Paused();

    /// @notice Thrown when unpausing a program that is not paused.
    error GrantProgram_NotPaused();

    /// @notice Thrown when a category's award mode is neither Fixed nor Capped.
    error GrantProgram_InvalidAwardMode(Program.AwardMode mode);

    /// @notice Thrown when a category's award amount is zero.
    error GrantProgram_ZeroCategoryAmount();

    /// @notice Thrown when a category's total limit is set but below a single award's amount.
    error GrantProgram_MaxTotalBelowAmount(uint128 maxTotal, uint128 amount);

    /// @notice Thrown when a program is created without the hash of its program file or of its policy text.
    error GrantProgram_PolicyNotBound(bytes32 programFileHash, bytes32 policyTextHash);

    /// @notice Thrown when a category's supervision period is over ten years, or its attestation interval is
    /// set without a period, does not divide the period into whole windows, or makes more than 64 of them.
    error GrantProgram_InvalidSupervision(uint32 period, uint32 interval);

    /// @notice Thrown when supervision is asked of a grant whose category has no supervision period.
    error GrantProgram_NotSupervised(uint256 grantId);

    /// @notice Thrown when supervision of a grant is started a second time.
    error GrantProgram_SupervisionAlreadyStarted(uint256 grantId);

    /// @notice Thrown when supervision is started while a milestone of the grant can still be paid, or
    /// nothing of it was paid.
    error GrantProgram_PaymentsNotOver(uint256 grantId);

    /// @notice Thrown when attesting for a grant whose supervision has not started.
    error GrantProgram_SupervisionNotStarted(uint256 grantId);

    /// @notice Thrown when attesting for, or ordering recovery of, a grant whose supervision period ended.
    error GrantProgram_SupervisionOver(uint256 grantId, uint40 endedAt);

    /// @notice Thrown when attesting for a grant whose category requires no attestations.
    error GrantProgram_NoAttestationsRequired(uint256 grantId);

    /// @notice Thrown when the current attestation window of a grant is already attested.
    error GrantProgram_AlreadyAttested(uint256 grantId, uint16 window);

    /// @notice Thrown when an attestation names no document (zero hash).
    error GrantProgram_ZeroAttestationHash();

    /// @notice Thrown when the admin's override is used on a grant whose supervision period has not ended.
    error GrantProgram_SupervisionNotOver(uint256 grantId);

    /// @notice Thrown when a program is created with a fiscal calendar whose start month is not 1–12 or whose
    /// local time is not between UTC-12:00 and UTC+14:00.
    error GrantProgram_InvalidFiscalCalendar(uint8 startMonth, int16 utcOffsetMinutes);

    /// @notice Thrown when a fiscal-year function is called on a program that keeps one undated budget.
    error GrantProgram_NoFiscalYears();

    /// @notice Thrown when money is appropriated, or an award names a fiscal year, before the current one or
    /// more than ten years after it.
    error GrantProgram_FiscalYearOutOfRange(uint16 year, uint16 currentYear);

    /// @notice Thrown when an award or a withdrawal needs more than the fiscal year's unreserved budget.
    error GrantProgram_InsufficientFiscalYearBudget(uint16 year, uint256 needed, uint256 available);

    /// @notice Thrown when a fiscal year is closed before it has ended (`endsAt`: its last second + 1).
    error GrantProgram_FiscalYearNotOver(uint16 year, uint40 endsAt);

    /// @notice Thrown when a fiscal year is closed out of order: `nextToClose` is the oldest open year (or
    /// zero: no year was ever appropriated).
    error GrantProgram_FiscalYearOutOfOrder(uint16 year, uint16 nextToClose);

    /// @notice Thrown when a category's eligibility window is over ten years.
    error GrantProgram_InvalidEligibilityWindow(uint32 window);

    /// @notice Thrown when an award in a category with an eligibility window states no qualifying date.
    error GrantProgram_QualifyingDateRequired(uint16 categoryId);

    /// @notice Thrown when an award's qualifying date is not within the category's eligibility window:
    /// from `earliest` to the award's own time `latest`.
    error GrantProgram_QualifyingDateOutsideWindow(
        uint16 categoryId,
        uint40 qualifyingDate,
        uint40 earliest,
        uint40 latest
    );

    /// @notice Thrown when an award states a qualifying date in a category without an eligibility window
    /// (the date would read as checked).
    error GrantProgram_NoEligibilityWindow(uint16 categoryId, uint40 qualifyingDate);

    /// @notice Thrown when a fiscal-year view is asked about a year outside 1971–9999, or a moment from
    /// 10000-01-01 on: the calendar the program computes with covers those years.
    error GrantProgram_OutsideCalendar(uint256 value);

    /// @notice Thrown when a category's tier is outside 1–16 in a tier group, or set without a group.
    error GrantProgram_InvalidTier(uint8 tierGroup, uint8 tier);

    /// @notice Thrown when another category of the program already is this level of the tier group.
    error GrantProgram_TierTaken(uint8 tierGroup, uint8 tier);

    /// @notice Thrown when a category names both a tier group and an exclusivity group.
    error GrantProgram_TierGroupWithExclusivityGroup(uint8 tierGroup, bytes32 exclusivityGroup);

    /// @notice Thrown when a category id does not exist.
    error GrantProgram_UnknownCategory(uint16 categoryId);

    /// @notice Thrown when acting outside the program's application window.
    error GrantProgram_OutsideWindow(uint40 nowTs, uint40 opensAt, uint40 closesAt);

    /// @notice Thrown when an award has no milestones or more than the limit.
    error GrantProgram_InvalidMilestoneCount(uint256 count, uint256 maxCount);

    /// @notice Thrown when a milestone amount is zero.
    error GrantProgram_ZeroMilestoneAmount(uint256 index);

    /// @notice Thrown when a milestone deadline is not in the future, not after the previous one, or more
    /// than ten years away.
    error GrantProgram_InvalidDeadline(uint256 index, uint40 deadline);

    /// @notice Thrown when a fixed-amount award does not add up exactly to the category amount.
    error GrantProgram_AmountNotFixedAmount(uint256 total, uint128 fixedAmount);

    /// @notice Thrown when a capped award exceeds the category cap.
    error GrantProgram_AmountOverCap(uint256 total, uint128 cap);

    /// @notice Thrown when a level of a tier group is awarded to an entity holding that level or a higher
    /// one (`heldTier`; the levels only go up).
    error GrantProgram_TierNotAbove(uint64 entityNo, uint8 tierGroup, uint8 heldTier, uint8 tier);

    /// @notice Thrown when an entity already keeps `held` in the tier group and the level's amount is no more.
    error GrantProgram_NothingToTopUp(uint64 entityNo, uint128 tierAmount, uint128 held);

    /// @notice Thrown when a top-up to a fixed level is not exactly the level's amount less what the
    /// entity keeps in the group.
    error GrantProgram_TopUpNotExact(uint256 total, uint128 tierAmount, uint128 held);

    /// @notice Thrown when a top-up to a capped level exceeds the level's cap less what the entity keeps.
    error GrantProgram_TopUpOverCap(uint256 total, uint128 tierAmount, uint128 held);

    /// @notice Thrown when an award would exceed the category's number of awards.
    error GrantProgram_CategoryCountExhausted(uint16 categoryId, uint32 maxAwards);

    /// @notice Thrown when an award would exceed the category's total amount.
    error GrantProgram_CategoryTotalExceeded(uint16 categoryId, uint256 wouldCommit, uint128 maxTotal);

    /// @notice Thrown when an amount exceeds the available (funded, unreserved) budget.
    error GrantProgram_InsufficientBudget(uint256 requested, uint256 available);

    /// @notice Thrown when an amount argument is zero.
    error GrantProgram_ZeroAmount();

    /// @notice Thrown when a grant id does not exist.
    error GrantProgram_UnknownGrant(uint256 grantId);

    /// @notice Thrown when a milestone index does not exist in the grant.
    error GrantProgram_UnknownMilestone(uint256 grantId, uint256 index);

    /// @notice Thrown when the grant has been cancelled.
    error GrantProgram_GrantCancelled(uint256 grantId);

    /// @notice Thrown when the caller is not the grantee's registered payout wallet.
    error GrantProgram_NotGranteeWallet(address caller, address wallet);

    /// @notice Thrown when a milestone is not in a state that allows the action.
    /// @param current The milestone's derived state.
    /// @param expectedStates The states that allow the action, as a bitmap (bit i = {Program.MilestoneState} i).
    error GrantProgram_WrongMilestoneState(
        uint256 grantId,
        uint256 index,
        Program.MilestoneState current,
        uint16 expectedStates
    );

    /// @notice Thrown when the milestone deadline has passed.
    error GrantProgram_DeadlinePassed(uint256 grantId, uint256 index, uint40 deadline);

    /// @notice Thrown when the milestone deadline has not passed yet.
    error GrantProgram_DeadlineNotPassed(uint256 grantId, uint256 index, uint40 deadline);

    /// @notice Thrown when an application is submitted with a zero document hash.
    error GrantProgram_ZeroApplicationHash();

    /// @notice Thrown when milestone evidence is submitted with a zero document hash.
    error GrantProgram_ZeroEvidenceHash();

    /// @notice Thrown when evidence would start a milestone's 256th review round: the round number
    /// binds signed votes and objections, so it must never wrap back to an earlier round.
    error GrantProgram_TooManyRounds(uint256 grantId, uint256 index, uint8 rounds);

    /// @notice Thrown when an objection is filed with a zero document hash.
    error GrantProgram_ZeroObjectionHash();

    /// @notice Thrown when a vote names terms that are not the grant's terms.
    error GrantProgram_TermsMismatch(bytes32 expected, bytes32 given);

    /// @notice Thrown when a vote names evidence that is not the milestone's current evidence.
    error GrantProgram_EvidenceMismatch(bytes32 expected, bytes32 given);

    /// @notice Thrown when a reviewer votes twice in one review round.
    error GrantProgram_AlreadyVoted(address reviewer);

    /// @notice Thrown when a reviewer is recused from the grant.
    error GrantProgram_ReviewerRecused(address reviewer, uint256 grantId);

    /// @notice Thrown when a reviewer is the grantee's own payout wallet.
    error GrantProgram_SelfReview(address reviewer, uint256 grantId);

    /// @notice Thrown when fewer eligible reviewers remain than the quorum.
    error GrantProgram_QuorumUnreachable(uint256 eligible, uint8 quorum);

    /// @notice Thrown when settling a review round that the votes cast do not decide yet.
    error GrantProgram_RoundUndecided(uint256 grantId, uint256 index);

    /// @notice Thrown when a claim names no milestones. (A milestone named twice fails as already Paid.)
    error GrantProgram_InvalidClaim();

    /// @notice Thrown when the token received differs from the amount sent (fee-on-transfer tokens).
    error GrantProgram_TransferAmountMismatch(uint256 expected, uint256 received);

    /// @notice Thrown when an account already objected to this milestone.
    error GrantProgram_AlreadyObjected(address objector);

    /// @notice Thrown when there is no open objection to rule on.
    error GrantProgram_NoOpenObjection(uint256 grantId, uint256 index);

    /// @notice Thrown when a recovery exceeds what was paid and not yet ordered back.
    error GrantProgram_RecoveryTooLarge(uint256 amount, uint256 recoverable);

    /// @notice Thrown when repaying more than is owed, or when nothing is owed.
    error GrantProgram_RepaymentTooLarge(uint256 amount, uint256 owed);

    /// @notice Thrown when an application id does not exist or is not open.
    error GrantProgram_ApplicationNotOpen(uint256 applicationId);

    /// @notice Thrown when an award from an application names another entity or category.
    error GrantProgram_ApplicationMismatch(uint256 applicationId);

    /// @notice Thrown when a signed vote is past its deadline.
    error GrantProgram_SignatureExpired(address reviewer, uint256 deadline);

    /// @notice Thrown when a signature does not verify for the named reviewer.
    error GrantProgram_InvalidSignature(address reviewer);

    /// @notice Thrown when there is nothing to sweep.
    error GrantProgram_NoSurplus();

    /*//////////////////////////////////////////////////////////////
                           GRANT PROGRAM FACTORY
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when a program is created without a token.
    error GrantProgramFactory_ZeroToken();

    /// @notice Thrown when a program is created without an entity registry.
    error GrantProgramFactory_ZeroRegistry();

    /// @notice Thrown when a program is created without a treasury.
    error GrantProgramFactory_ZeroTreasury();

    /// @notice Thrown when an implementation to register only accepts initialisation from another factory.
    error GrantProgramFactory_ForeignImplementation(address implementation, address boundFactory);

    /// @notice Thrown when an implementation has no code.
    error GrantProgramFactory_NotAContract(address implementation);

    /// @notice Thrown when an implementation is registered twice.
    error GrantProgramFactory_ImplementationKnown(address implementation);

    /// @notice Thrown when a version number is unknown or retired.
    error GrantProgramFactory_UnknownVersion(uint256 version);

    /// @notice Thrown when asking for a program position at or past the number of programs created.
    error GrantProgramFactory_NoSuchProgram(uint256 index, uint256 programCount);

    /*//////////////////////////////////////////////////////////////
                                  LENS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when a page of grants or applications is asked for with more rows than one read
    /// may return (keeps every page one bounded eth_call, however large the program grows).
    error GrantProgramLens_PageTooLarge(uint256 requested, uint256 maxRows);
}
