// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Program
/// @notice Types of a grant program: settings, categories, grants, milestones and the ledger.
library Program {
    /// @notice How a category sets the award amount.
    /// @dev Fixed: every award is exactly `amount` ("one-time 5,000,000").
    /// Capped: the committee sets the amount, at most `amount` ("at most 2,000,000").
    enum AwardMode {
        None,
        Fixed,
        Capped
    }

    /// @notice The milestone state machine: one enum for the stored status and the derived state, so a
    /// number always means the same state.
    /// @dev Stored in {Milestone.status}: Pending, Submitted, Rejected, InNotice, Contested, Paid, Lapsed,
    /// Cancelled. Derived by {MilestoneLib.stateOf} only: Payable (InNotice whose window is over), Lapsable
    /// (Pending, Submitted or Rejected past the deadline) and Cancelled for the unpaid milestones of a
    /// cancelled grant.
    /// @custom:value0 None       no such milestone
    /// @custom:value1 Pending    awarded, no evidence yet
    /// @custom:value2 Submitted  evidence submitted, the committee is voting (one review round)
    /// @custom:value3 Rejected   approval became impossible in the round; evidence may be resubmitted
    /// @custom:value4 InNotice   approved by quorum; the public notice window runs until `noticeEndsAt`
    /// @custom:value5 Contested  an objection is open; a manager rules
    /// @custom:value6 Payable    (derived) approved and the notice window is over
    /// @custom:value7 Paid       claimed by the grantee's wallet (terminal)
    /// @custom:value8 Lapsable   (derived) not approved by its deadline
    /// @custom:value9 Lapsed     lapsed; its amount returned to the budget (terminal)
    /// @custom:value10 Cancelled cancelled by a ruling or with its grant (terminal)
    enum MilestoneState {
        None,
        Pending,
        Submitted,
        Rejected,
        InNotice,
        Contested,
        Payable,
        Paid,
        Lapsable,
        Lapsed,
        Cancelled
    }

    /// @notice What happens to a milestone when an objection to it is upheld.
    enum UpheldObjectionOutcome {
        Resubmit,
        Cancel
    }

    /// @notice Program-wide settings, one storage slot.
    /// @dev `pausedAt` is the timestamp of the current pause (zero when running; uint32 lasts until 2106)
    /// and `pausedTotal` the seconds spent paused so far; `fiscalYears` whether the budget is kept in
    /// fiscal years (see {FiscalBook}). Milestone deadlines are kept on the program's
    /// clock (real time minus paused time), so a pause stops every deadline instead of eating into it.
    struct Settings {
        // slot 0
        uint40 windowOpensAt;
        uint40 windowClosesAt;
        uint40 noticePeriod;
        uint8 quorum;
        uint8 reviewerSlotsUsed;
        uint16 activeReviewers;
        uint16 categoryCount;
        UpheldObjectionOutcome upheldObjectionOutcome;
        uint32 pausedAt;
        uint40 pausedTotal;
        bool fiscalYears;
    }

    /// @notice What a program knows about one account's place in it: one storage slot.
    /// @param reviewerSlot The account's current reviewer slot, 1-based (zero when not a reviewer).
    /// @param firstSlot The reviewer slot the account was first given (zero if never a reviewer; never
    /// cleared). Recusals are recorded on it, so they follow the person through removal and re-appointment.
    /// @param official Whether the account holds or ever held a role or a reviewer seat in this program
    /// (never cleared): such an account can never receive this program's money.
    /// @param roles The roles the account holds now, one bit each (admin 1, manager 2, treasurer 4,
    /// guardian 8; see {GrantProgramState}).
    struct Member {
        // slot 0
        uint8 reviewerSlot;
        uint8 firstSlot;
        bool official;
        uint8 roles;
    }

    /// @notice Parameters of {IGrantProgram.initialize}, chosen by the program's creator.
    /// @param programFileHash keccak256 of the program file's bytes (programs/*.json: categories, amounts,
    /// conditions, the articles they implement) the program is created from.
    /// @param policyTextHash keccak256 of the bytes of the published policy text the file implements.
    /// The factory fixes both in the clone's code with the token, registry and treasury (see
    /// {IProgramViews.programFileHash}): anyone can check that the rules on chain are the ones published.
    /// @param fiscalCalendar The program's fiscal years (start month zero: one undated budget).
    struct InitParams {
        address admin;
        address[] managers;
        address[] reviewers;
        address treasurer;
        address guardian;
        uint8 quorum;
        uint40 noticePeriod;
        uint40 windowOpensAt;
        uint40 windowClosesAt;
        UpheldObjectionOutcome upheldObjectionOutcome;
        bytes32 programFileHash;
        bytes32 policyTextHash;
        FiscalCalendar fiscalCalendar;
    }

    /// @notice What happens at a fiscal year's close to the part of its budget nothing was awarded from.
    /// @custom:value0 Return    sent back to the program's fixed treasury (收回)
    /// @custom:value1 CarryOver carried into the next fiscal year's budget (结转)
    enum YearEndRule {
        Return,
        CarryOver
    }

    /// @notice How a program's fiscal years fall and close, fixed at creation.
    /// @param startMonth The month (1–12) a fiscal year begins, at 00:00 local time on the 1st; zero: the
    /// program keeps one undated budget. A fiscal year is named by the calendar year it begins in.
    /// @param utcOffsetMinutes The local time of the administration, in minutes east of UTC (Beijing: 480).
    /// @param yearEnd What a year's close does with its unreserved rest.
    struct FiscalCalendar {
        uint8 startMonth;
        int16 utcOffsetMinutes;
        YearEndRule yearEnd;
    }

    /// @notice A program's fiscal calendar and how far its years are closed, one storage slot.
    /// @param startMonth The month (1–12) a fiscal year begins; zero: the program keeps one undated budget.
    /// @param utcOffsetMinutes The administration's local time, minutes east of UTC.
    /// @param yearEnd What a year's close does with its unreserved rest.
    /// @param firstYear The fiscal year of the first appropriation (the year it was made in, whichever year
    /// it went to; zero until then); years close in order from it.
    /// @param nextToClose The oldest year still open: every year before it (from `firstYear`) is closed.
    struct FiscalBook {
        // slot 0
        uint8 startMonth;
        int16 utcOffsetMinutes;
        YearEndRule yearEnd;
        uint16 firstYear;
        uint16 nextToClose;
    }

    /// @notice One fiscal year's budget line, in token units. Money comes in by appropriation, by carry-over
    /// from the year before, and by releases (lapsed or cancelled parts of its awards, repayments of them);
    /// it goes out by awards (committed, paid or not), withdrawals to the treasury (a close that returns
    /// the rest counts as one) and carry-over to the next year. Identity per year:
    /// appropriated + carriedIn + released = committed + withdrawn + carriedOut + available, and the years'
    /// available amounts add up to the program's. The counters are kept modulo 2**128, as the ledger's
    /// (see {LedgerLib}), so no amount cycled through a year can make a later release revert.
    /// @param appropriated Funding appropriated to the year.
    /// @param committed What awards reserved against the year.
    /// @param released What came back to the year from grants: lapsed or cancelled parts, repayments.
    /// @param withdrawn What left for the treasury: withdrawals, and the rest at a close that returns it.
    /// @param carriedIn The rest carried in from the year before at its close.
    /// @param carriedOut The rest carried into the next year at this year's close.
    struct FiscalYear {
        // slot 0
        uint128 appropriated;
        uint128 committed;
        // slot 1
        uint128 released;
        uint128 withdrawn;
        // slot 2
        uint128 carriedIn;
        uint128 carriedOut;
    }

    /// @notice A fiscal year's budget line for tooling; times in calendar seconds, amounts in token units.
    /// @param year The fiscal year (named by the calendar year it begins in).
    /// @param startsAt First second of the year.
    /// @param endsAt First second of the next year.
    /// @param closed Whether the year is closed, or before the first one (no appropriation or award against
    /// it any more; what its awards release later goes to the oldest open year).
    /// @param appropriated See {FiscalYear}; likewise `carriedIn`, `released`, `committed`, `withdrawn`,
    /// `carriedOut`.
    /// @param available The year's unreserved budget: what can still be awarded or withdrawn from it (or,
    /// once it ended, what its close returns or carries over).
    struct FiscalYearView {
        uint16 year;
        uint40 startsAt;
        uint40 endsAt;
        bool closed;
        uint256 appropriated;
        uint256 carriedIn;
        uint256 released;
        uint256 committed;
        uint256 withdrawn;
        uint256 carriedOut;
        uint256 available;
    }

    /// @notice The award's options beyond its terms ({IProgramAwards.awardWithOptions}).
    /// @param fiscalYear The fiscal year the award reserves against (zero: the current one; a program with
    /// fiscal years only).
    /// @param qualifyingDate The date the entity qualified (e.g. the talent's introduction), unix seconds;
    /// required by a category with an eligibility window, which it must fall within (zero: none stated).
    /// @param reasonHash Hash of the award decision's text, which cites the article it applies (zero: none).
    struct AwardOptions {
        uint16 fiscalYear;
        uint40 qualifyingDate;
        bytes32 reasonHash;
    }

    /// @notice An award category ("R&D platform, national level: one-time 5,000,000").
    /// @param tierGroup The program's tier group the category is a level of (zero: none; see {TierHolding}).
    /// @param tier The category's level in its tier group, 1 (lowest) to 16; zero without a group.
    /// @param eligibilityWindow How long before the award the entity's qualifying date may lie, in seconds
    /// (zero: no qualifying date asked).
    struct Category {
        // slot 0
        uint128 amount;
        uint32 maxAwards;
        uint32 awardsMade;
        AwardMode mode;
        uint8 tierGroup;
        uint8 tier;
        uint32 eligibilityWindow;
        // slot 1
        uint128 maxTotal;
        uint128 committed;
        // slot 2
        bytes32 awardKey;
    }

    /// @notice Parameters of {IGrantProgram.addCategory}.
    /// @dev `exclusivityGroup` zero means the category is its own group in this program. `tierGroup` non-zero
    /// makes the category level `tier` (1–16) of one of this program's tier groups ("R&D platform:
    /// provincial 1, national-local joint 2, national 3"): the levels share one award key, and an entity
    /// moves up a group for the difference only (see {TierHolding}). A tiered category names no
    /// exclusivity group. `eligibilityWindow` non-zero (at most 10 years, in seconds) makes every award state
    /// the date the entity qualified, within that long before the award ("introduced within the year").
    struct CategoryParams {
        AwardMode mode;
        uint128 amount;
        uint32 maxAwards;
        uint128 maxTotal;
        bytes32 exclusivityGroup;
        bytes32 descriptionHash;
        uint8 tierGroup;
        uint8 tier;
        uint32 supervisionPeriod;
        uint32 attestationInterval;
        uint32 eligibilityWindow;
    }

    /// @notice A category's supervision after payment (监管期), in seconds on the program's clock.
    /// @param period How long the award's conditions stay supervised once the grant's payments are over
    /// (e.g. 3 years); zero: no supervision period (recovery may be ordered at any time).
    /// @param interval How often the grantee's wallet files a compliance attestation during the period
    /// (e.g. yearly): one per window of this length, at most 64 windows; zero: none is required.
    struct SupervisionTerms {
        // slot 0
        uint32 period;
        uint32 interval;
    }

    /// @notice One grant's supervision record, one storage slot.
    /// @param startsAt When supervision began (program clock; zero until {IProgramSupervision.startSupervision}).
    /// @param attested The windows attested, one bit each (bit i for the window ending at startsAt + (i + 1)·interval).
    struct Supervision {
        // slot 0
        uint40 startsAt;
        uint64 attested;
    }

    /// @notice Where a grant stands in its supervision after payment (derived, never stored).
    /// @custom:value0 None              its category has no supervision period
    /// @custom:value1 AwaitingPayments  payments not over (a milestone can still be paid, or none was)
    /// @custom:value2 ReadyToStart      payments over, supervision not started yet: anyone may start it
    /// (the period runs from that call; until then recovery stays open)
    /// @custom:value3 Supervising       in the period, every attestation due so far filed
    /// @custom:value4 AttestationMissed in the period with an attestation missed: eligible for recovery
    /// (not an automatic clawback: a manager decides)
    /// @custom:value5 Closed            the period is over: closed for good (recovery only by the admin's
    /// logged override)
    enum Compliance {
        None,
        AwaitingPayments,
        ReadyToStart,
        Supervising,
        AttestationMissed,
        Closed
    }

    /// @notice A grant's supervision for tooling; times in calendar seconds.
    struct SupervisionView {
        Compliance state;
        uint40 startsAt;
        uint40 endsAt;
        uint16 windows;
        uint16 windowsDue;
        uint16 attestedCount;
        uint16 missed;
        uint40 nextDueAt;
    }

    /// @notice What one entity holds in one tier group of a program, one storage slot.
    /// @param held What the entity was awarded in the group and keeps, in token units: every award's
    /// amount, less what lapsed or was cancelled unpaid and what recovery orders claim back. A higher
    /// level is awarded for its amount less `held` (晋级补差: provincial 1,000,000, then national 4,000,000).
    /// @param tiers The levels the entity holds, one bit each (bit t - 1 for level t): an award of a level
    /// whose grant was cancelled before any payment clears its bit; a paid one keeps it, even when
    /// recovered, so recovery of a higher level never revives a lower one. Only a level above the
    /// highest held may be awarded.
    struct TierHolding {
        // slot 0
        uint128 held;
        uint16 tiers;
    }

    /// @notice One grant: an award to an entity in a category, paid in milestones.
    /// @param reserved What of the award is still promised and unpaid (the `grant` view). In storage a claim
    /// does not touch the grant: the stored value is the award less what lapsed or was cancelled, and the
    /// paid part is derived from the milestones' Paid status (at most 16 words) where it is needed — the
    /// `grant` view, a cancellation and a recovery order.
    /// @param paidCount The number of paid milestones (the `grant` view; derived the same way, zero in storage).
    /// @param tierGroup The tier group of the grant's category (zero: none), kept beside `reserved` so a
    /// lapse or cancellation updates the entity's {TierHolding} without reading the category.
    /// @param entityNo The registry's number of the entity (numbers run from 1; 48 bits, checked at award).
    /// @param fiscalYear The fiscal year the award reserved against (zero: the program has none).
    struct Grant {
        // slot 0
        bytes32 termsHash;
        // slot 1
        uint48 entityNo;
        uint16 fiscalYear;
        uint128 reserved;
        uint16 categoryId;
        uint8 milestoneCount;
        bool cancelled;
        uint16 recusedReviewers;
        uint8 paidCount;
        uint8 tierGroup;
        // slot 2
        uint128 recoveryOwed;
        uint128 recovered;
    }

    /// @notice One milestone of a grant, one storage slot.
    /// @param amount Exact amount in token units.
    /// @param deadline Approval deadline on the program's clock (see {Settings}); the `milestone` view
    /// gives it in calendar time.
    /// @param noticeEndsAt End of the public notice window on the program's clock, set on approval, so a
    /// pause stops the window as it stops deadlines; the `milestone` view gives it in calendar time.
    /// @param status Stored state (see {MilestoneState} for which values are stored).
    /// @param approvals Bitmap of reviewer slots that approved in the current round.
    /// @param rejections Bitmap of reviewer slots that rejected in the current round.
    /// @param round Evidence submissions so far (review rounds); binds signed votes and objections to one round.
    struct Milestone {
        // slot 0
        uint128 amount;
        uint40 deadline;
        uint40 noticeEndsAt;
        MilestoneState status;
        uint16 approvals;
        uint16 rejections;
        uint8 round;
    }

    /// @notice A milestone as proposed in an award: exact amount, approval deadline, description.
    struct MilestoneTerms {
        uint128 amount;
        uint40 deadline;
        bytes32 descriptionHash;
    }

    /// @notice A milestone with its derived state, for tooling.
    struct MilestoneView {
        uint128 amount;
        uint40 deadline;
        uint40 noticeEndsAt;
        MilestoneState state;
        uint16 approvals;
        uint16 rejections;
        bytes32 evidenceHash;
    }

    /// @notice The status of an application.
    enum ApplicationStatus {
        None,
        Open,
        Awarded,
        Declined
    }

    /// @notice An entity's application to a category.
    struct Application {
        // slot 0
        uint64 entityNo;
        uint16 categoryId;
        ApplicationStatus status;
        uint40 submittedAt;
    }

    /// @notice An objection filed during a notice window.
    struct Objection {
        // slot 0
        address objector;
        uint40 filedAt;
    }

    /// @notice The program's ledger in token units, kept by O(1) counter updates.
    /// @dev Identity: funded + repaid = available + reserved + paid + withdrawn, where `available`
    /// is derived. Claims touch only slot 0.
    struct Ledger {
        // slot 0
        uint128 reserved;
        uint128 paid;
        // slot 1
        uint128 funded;
        uint128 withdrawn;
        // slot 2
        uint128 repaid;
        uint128 recoveryOutstanding;
    }

    /// @notice Budget figures for tooling.
    struct Summary {
        uint256 funded;
        uint256 repaid;
        uint256 available;
        uint256 reserved;
        uint256 paid;
        uint256 withdrawn;
        uint256 recoveryOutstanding;
        uint256 surplus;
        uint256 grantCount;
        uint256 categoryCount;
    }

    /// @notice The EIP-712 message a reviewer signs: Vote(address reviewer,uint256 grantId,uint8 milestoneIndex,
    /// uint8 round,uint8 reviewerSlot,bytes32 termsHash,bytes32 evidenceHash,bool approve,bytes32 reasonHash,
    /// uint256 deadline). `round` is the milestone's current review round ({Milestone.round}) and
    /// `reviewerSlot` the reviewer's current slot: a vote counts once per slot and round (the round's
    /// bitmaps), rounds never repeat, and a re-appointed reviewer's new slot needs a new signature, so no
    /// signature can count twice and none needs a sequential nonce.
    struct Ballot {
        address reviewer;
        uint256 grantId;
        uint8 milestoneIndex;
        uint8 round;
        uint8 reviewerSlot;
        bytes32 termsHash;
        bytes32 evidenceHash;
        bool approve;
        bytes32 reasonHash;
        uint256 deadline;
    }

    /// @notice One reviewer's EIP-712 signature over a vote, submitted by anyone in a batch.
    /// @param reviewer The reviewer whose vote this is (an EOA, or an ERC-1271 contract wallet).
    /// @param approve The decision.
    /// @param reasonHash Hash of the reviewer's written reason (kept off chain).
    /// @param deadline Last second (unix time) at which the signature may be submitted.
    /// @param signature ECDSA (65 bytes, low s) or whatever the reviewer's ERC-1271 wallet accepts.
    struct SignedVote {
        address reviewer;
        bool approve;
        bytes32 reasonHash;
        uint256 deadline;
        bytes signature;
    }
}
