// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Math } from "@openzeppelin/contracts/utils/math/Math.sol";
import { SafeCast } from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import { IEntityRegistry } from "../interfaces/IEntityRegistry.sol";
import { IProgramAwards } from "../interfaces/program/IProgramAwards.sol";
import { Errors } from "../libraries/Errors.sol";
import { ProgramClock } from "../libraries/ProgramClock.sol";
import { Program } from "../types/DataTypes.sol";
import { GrantProgramState } from "./GrantProgramState.sol";

/// @title ProgramAwards
/// @notice Awarding a grant: terms checked, category limits and budget held, the one-time rule recorded
/// in the shared registry, the amount reserved, the grant and its milestones stored.
abstract contract ProgramAwards is IProgramAwards, GrantProgramState {
    /// @inheritdoc IProgramAwards
    function award(
        bytes32 entityId,
        uint16 categoryId,
        uint256 applicationId,
        Program.MilestoneTerms[] calldata terms
    ) external override onlyRole(_MANAGER_ROLE) nonReentrant returns (uint256 grantId) {
        Program.AwardOptions memory none;
        grantId = _award(entityId, categoryId, applicationId, terms, none);
    }

    /// @inheritdoc IProgramAwards
    function awardWithOptions(
        bytes32 entityId,
        uint16 categoryId,
        uint256 applicationId,
        Program.MilestoneTerms[] calldata terms,
        Program.AwardOptions calldata options
    ) external override onlyRole(_MANAGER_ROLE) nonReentrant returns (uint256 grantId) {
        grantId = _award(entityId, categoryId, applicationId, terms, options);
        emit AwardDecided(grantId, options.qualifyingDate, options.reasonHash);
    }

    function _award(
        bytes32 entityId,
        uint16 categoryId,
        uint256 applicationId,
        Program.MilestoneTerms[] calldata terms,
        Program.AwardOptions memory options
    ) private returns (uint256 grantId) {
        // Check: program open, terms well formed, category limits and budget hold.
        _requireNotPaused();
        _requireInsideWindow();
        Program.Category storage c = _existingCategory(categoryId);
        uint256 total = _checkTerms(terms);
        uint8 tierGroup = c.tierGroup;
        // A level of a tier group has its amount checked against what the entity already keeps there.
        if (tierGroup == 0) _checkAmount(c, total);
        _checkCategoryLimits(c, categoryId, total);
        _checkQualifyingDate(c.eligibilityWindow, categoryId, options.qualifyingDate);
        _requireAvailable(total);
        uint16 year = _fiscalYearOfAward(options.fiscalYear);

        // Interaction with the trusted registry (see _recordAward and _recordTierAward).
        grantId = ++_grantCount;
        uint64 entityNo =
            tierGroup == 0
                ? _recordAward(entityId, c.awardKey, grantId)
                : _recordTierAward(entityId, c, grantId, total);
        if (applicationId != 0) _consumeApplication(applicationId, entityNo, categoryId);

        // Effect: reserve the budget (and the fiscal year's) and store the grant. total <= category
        // amount < 2**128.
        _ledger.reserved += uint128(total);
        if (year != 0) _takeFromFiscalYear(year, total, true);
        c.awardsMade += 1;
        c.committed += uint128(total);
        _storeGrant(grantId, entityNo, categoryId, tierGroup, year, applicationId, total, terms);
        if (year != 0) emit ReservedInFiscalYear(grantId, year, total);
    }

    /// @dev The fiscal year an award reserves against: none without fiscal years (then none may be
    /// named), else the named one (the current year or up to ten years ahead: an ended year's budget is
    /// not committed any more, it waits for its close) or the current one.
    function _fiscalYearOfAward(uint16 named) private view returns (uint16) {
        if (!_settings.fiscalYears) {
            if (named != 0) revert Errors.GrantProgram_NoFiscalYears();
            return 0;
        }
        uint16 current = _currentFiscalYear();
        if (named == 0) return current;
        if (named < current || named > current + _MAX_YEARS_AHEAD) {
            revert Errors.GrantProgram_FiscalYearOutOfRange(named, current);
        }
        return named;
    }

    /// @dev A category with an eligibility window needs the date the entity qualified, within the window
    /// before the award; one without refuses a stated date (it would be recorded as checked).
    function _checkQualifyingDate(uint32 window, uint16 categoryId, uint40 qualifyingDate) private view {
        if (window == 0) {
            if (qualifyingDate != 0) revert Errors.GrantProgram_NoEligibilityWindow(categoryId, qualifyingDate);
            return;
        }
        if (qualifyingDate == 0) revert Errors.GrantProgram_QualifyingDateRequired(categoryId);
        uint40 latest = uint40(block.timestamp);
        uint40 earliest = latest > window ? latest - window : 0;
        if (qualifyingDate < earliest || qualifyingDate > latest) {
            revert Errors.GrantProgram_QualifyingDateOutsideWindow(categoryId, qualifyingDate, earliest, latest);
        }
    }

    /// @dev Writes a new grant and its milestones; the terms hash binds chain, program, grant, entity,
    /// category and every milestone's amount, deadline and description.
    /// Emits {GrantAwarded} and one {MilestoneScheduled} per milestone.
    function _storeGrant(
        uint256 grantId,
        uint64 entityNo,
        uint16 categoryId,
        uint8 tierGroup,
        uint16 fiscalYear,
        uint256 applicationId,
        uint256 total,
        Program.MilestoneTerms[] calldata terms
    ) private {
        bytes32 termsHash = keccak256(abi.encode(block.chainid, address(this), grantId, entityNo, categoryId, terms));
        _grants[grantId] = Program.Grant({
            termsHash: termsHash,
            entityNo: SafeCast.toUint48(entityNo),
            fiscalYear: fiscalYear,
            reserved: uint128(total),
            categoryId: categoryId,
            milestoneCount: uint8(terms.length),
            cancelled: false,
            recusedReviewers: 0,
            paidCount: 0,
            tierGroup: tierGroup,
            recoveryOwed: 0,
            recovered: 0
        });
        // Deadlines are stored on the program's clock (awards are refused while paused, and every
        // deadline is in the future, so it exceeds the paused total).
        uint40 pausedTotal = _settings.pausedTotal;
        for (uint256 i = 0; i < terms.length; ++i) {
            _milestones[grantId][i] = Program.Milestone({
                amount: terms[i].amount,
                deadline: ProgramClock.fromCalendar(terms[i].deadline, pausedTotal),
                noticeEndsAt: 0,
                status: Program.MilestoneState.Pending,
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
    /// one-time rule across every program on it; refuses a payout wallet that is or was an official here.
    function _recordAward(bytes32 entityId, bytes32 awardKey, uint256 grantId) private returns (uint64 entityNo) {
        address wallet;
        (entityNo, wallet) = _registry().recordAward(entityId, awardKey, uint96(grantId));
        _requireNotOfficial(wallet);
    }

    /// @dev Records an award of a level of a tier group. The entity's first level goes through the registry
    /// like any award (the group's one key: registration, bars, one-time rule across programs); a higher
    /// level is a top-up under the key this program already holds ({IEntityRegistry.recordTopUp}: this
    /// program still authorised, the entity not barred). Either way the amount must be the level's less what the entity keeps in the group (exactly, at
    /// a fixed level; at most, at a capped one), and only a level above the highest held may be awarded.
    function _recordTierAward(
        bytes32 entityId,
        Program.Category storage c,
        uint256 grantId,
        uint256 total
    ) private returns (uint64 entityNo) {
        IEntityRegistry registry_ = _registry();
        uint8 tierGroup = c.tierGroup;
        uint8 tier = c.tier;
        entityNo = registry_.entityNoOf(entityId);
        Program.TierHolding storage h = _tierHoldings[entityNo][tierGroup];
        Program.TierHolding memory before = h;
        if (before.tiers == 0) {
            // No level held (an unknown entity has none): the registry records the group's key.
            entityNo = _recordAward(entityId, c.awardKey, grantId);
        } else {
            // Levels only go up; the registry then checks this program's authorisation and the entity's bars.
            uint8 heldTier = uint8(Math.log2(before.tiers)) + 1;
            if (tier <= heldTier) revert Errors.GrantProgram_TierNotAbove(entityNo, tierGroup, heldTier, tier);
            _requireNotOfficial(registry_.recordTopUp(entityNo, c.awardKey, uint96(grantId)));
        }
        if (before.held == 0) {
            // Nothing kept in the group (a first level, or all of it ordered back): the level's own amount.
            _checkAmount(c, total);
        } else {
            uint128 amount = c.amount;
            if (before.held >= amount) revert Errors.GrantProgram_NothingToTopUp(entityNo, amount, before.held);
            uint128 topUp = amount - before.held;
            if (c.mode == Program.AwardMode.Fixed) {
                if (total != topUp) revert Errors.GrantProgram_TopUpNotExact(total, amount, before.held);
            } else if (total > topUp) {
                revert Errors.GrantProgram_TopUpOverCap(total, amount, before.held);
            }
        }

        // Effect: total <= topUp, so held stays at most the level's amount.
        uint16 tiers = before.tiers | uint16(1 << (tier - 1));
        uint128 held = before.held + uint128(total);
        (h.held, h.tiers) = (held, tiers);
        _tierGrants[entityNo][tierGroup][tier] = grantId;
        emit TierHoldingChanged(entityNo, tierGroup, tiers, held);
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
        if (count == 0 || count > _MAX_MILESTONES) {
            revert Errors.GrantProgram_InvalidMilestoneCount(count, _MAX_MILESTONES);
        }
        uint40 previous = uint40(block.timestamp);
        // A horizon keeps every later deadline arithmetic (pauses, extensions) far from uint40's end.
        uint256 latest = block.timestamp + _MAX_DEADLINE_HORIZON;
        for (uint256 i = 0; i < count; ++i) {
            if (terms[i].amount == 0) revert Errors.GrantProgram_ZeroMilestoneAmount(i);
            if (terms[i].deadline <= previous || terms[i].deadline > latest) {
                revert Errors.GrantProgram_InvalidDeadline(i, terms[i].deadline);
            }
            previous = terms[i].deadline;
            total += terms[i].amount;
        }
    }

    function _checkAmount(Program.Category storage c, uint256 total) private view {
        if (c.mode == Program.AwardMode.Fixed) {
            if (total != c.amount) revert Errors.GrantProgram_AmountNotFixedAmount(total, c.amount);
        } else if (total > c.amount) {
            revert Errors.GrantProgram_AmountOverCap(total, c.amount);
        }
    }

    function _checkCategoryLimits(Program.Category storage c, uint16 categoryId, uint256 total) private view {
        if (c.maxAwards != 0 && c.awardsMade >= c.maxAwards) {
            revert Errors.GrantProgram_CategoryCountExhausted(categoryId, c.maxAwards);
        }
        if (c.maxTotal != 0 && c.committed + total > c.maxTotal) {
            revert Errors.GrantProgram_CategoryTotalExceeded(categoryId, c.committed + total, c.maxTotal);
        }
    }
}
