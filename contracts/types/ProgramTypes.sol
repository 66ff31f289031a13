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

    /// @notice The stored status of a milestone. Time-based states (payable, lapsable) are derived
    /// from timestamps by {MilestoneState}; a cancelled grant's unpaid milestones read as Cancelled.
    enum MilestoneStatus {
        None,
        Pending,
        Submitted,
        Rejected,
        Approved,
        Contested,
        Paid,
        Lapsed,
        Cancelled
    }

    /// @notice The state of a milestone as a user sees it, derived from the stored status, its
    /// timestamps and the grant's cancellation flag.
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
    /// and `pausedTotal` the seconds spent paused so far. Milestone deadlines are kept on the program's
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
    }

    /// @notice Parameters of {IGrantProgram.initialize}, chosen by the program's creator.
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
    }

    /// @notice An award category ("R&D platform, national level: one-time 5,000,000").
    struct Category {
        // slot 0
        uint128 amount;
        uint32 maxAwards;
        uint32 awardsMade;
        AwardMode mode;
        // slot 1
        uint128 maxTotal;
        uint128 committed;
        // slot 2
        bytes32 awardKey;
    }

    /// @notice Parameters of {IGrantProgram.addCategory}.
    /// @dev `exclusivityGroup` zero means the category is its own group in this program.
    struct CategoryParams {
        AwardMode mode;
        uint128 amount;
        uint32 maxAwards;
        uint128 maxTotal;
        bytes32 exclusivityGroup;
        bytes32 descriptionHash;
    }

    /// @notice One grant: an award to an entity in a category, paid in milestones.
    struct Grant {
        // slot 0
        bytes32 termsHash;
        // slot 1
        uint64 entityNo;
        uint128 reserved;
        uint16 categoryId;
        uint8 milestoneCount;
        bool cancelled;
        uint16 recusedReviewers;
        uint8 paidCount;
        // slot 2
        uint128 recoveryOwed;
        uint128 recovered;
    }

    /// @notice One milestone of a grant. `deadline` is on the program's clock (see {Settings}); add
    /// `pausedTotal` for the calendar deadline. `round` counts evidence submissions (review rounds) and
    /// binds signed votes and objections to one round.
    struct Milestone {
        // slot 0
        uint128 amount;
        uint40 deadline;
        uint40 noticeEndsAt;
        MilestoneStatus status;
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
}
