// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IEntityRegistry } from "../interfaces/IEntityRegistry.sol";
import { IProgramSetup } from "../interfaces/program/IProgramSetup.sol";
import { Errors } from "../libraries/Errors.sol";
import { Program } from "../types/DataTypes.sol";
import { ProgramCommittee } from "./ProgramCommittee.sol";

/// @title ProgramSetup
/// @notice Initialisation by the factory and award categories.
abstract contract ProgramSetup is IProgramSetup, ProgramCommittee {
    /// @inheritdoc IProgramSetup
    function initialize(Program.InitParams calldata params) external override initializer {
        // Check: only the factory, in the creating transaction; sane settings.
        if (msg.sender != _factory()) revert Errors.GrantProgram_NotFactory(msg.sender);
        if (params.admin == address(0)) revert Errors.GrantProgram_ZeroAdmin();
        if (params.treasurer == address(0)) revert Errors.GrantProgram_ZeroTreasurer();
        if (params.guardian == address(0)) revert Errors.GrantProgram_ZeroGuardian();
        if (params.windowClosesAt <= params.windowOpensAt) {
            revert Errors.GrantProgram_InvalidWindow(params.windowOpensAt, params.windowClosesAt);
        }
        if (params.noticePeriod < _MIN_NOTICE_PERIOD) {
            revert Errors.GrantProgram_NoticePeriodTooShort(params.noticePeriod, _MIN_NOTICE_PERIOD);
        }
        if (params.noticePeriod > _MAX_NOTICE_PERIOD) {
            revert Errors.GrantProgram_NoticePeriodTooLong(params.noticePeriod, _MAX_NOTICE_PERIOD);
        }
        // A program always names the published rules it implements.
        if (params.programFileHash == bytes32(0) || params.policyTextHash == bytes32(0)) {
            revert Errors.GrantProgram_PolicyNotBound(params.programFileHash, params.policyTextHash);
        }

        // Effect: roles first (so the reviewer conflict checks see managers and the treasurer).
        _grantRole(DEFAULT_ADMIN_ROLE, params.admin);
        _grantRole(_TREASURER_ROLE, params.treasurer);
        _grantRole(_GUARDIAN_ROLE, params.guardian);
        for (uint256 i = 0; i < params.managers.length; ++i) {
            if (params.managers[i] == address(0)) revert Errors.GrantProgram_ZeroManager();
            _grantRole(_MANAGER_ROLE, params.managers[i]);
        }
        _settings.windowOpensAt = params.windowOpensAt;
        _settings.windowClosesAt = params.windowClosesAt;
        _settings.noticePeriod = params.noticePeriod;
        _settings.upheldObjectionOutcome = params.upheldObjectionOutcome;
        for (uint256 i = 0; i < params.reviewers.length; ++i) {
            _addReviewer(params.reviewers[i]);
        }
        _setQuorum(params.quorum);

        _setFiscalCalendar(params.fiscalCalendar);

        // Log.
        emit ProgramInitialized(params.admin, _token(), _registry(), _treasury(), _settings);
        emit PolicyBound(params.programFileHash, params.policyTextHash);
    }

    /// @inheritdoc IProgramSetup
    function addCategory(
        Program.CategoryParams calldata params
    ) external override onlyRole(DEFAULT_ADMIN_ROLE) returns (uint16 categoryId) {
        // Check: valid parameters (see _checkCategoryParams); a named group admitted this program.
        uint16 tierBit = _checkCategoryParams(params);
        (uint8 tierGroup, uint8 tier) = (params.tierGroup, params.tier);
        bytes32 group = params.exclusivityGroup;
        bytes32 awardKey;
        if (group != bytes32(0)) {
            // A named group is owned by the registry admin: this program must have been admitted to it.
            IEntityRegistry registry_ = _registry();
            if (!registry_.isAdmittedToGroup(group, address(this)))
                revert Errors.GrantProgram_NotAdmittedToGroup(group);
            awardKey = registry_.groupAwardKey(group);
        }

        // Effect: a category without a group is its own group, unique to this program; a named group's
        // key is the registry's (shared with the other admitted programs); a tier group's levels share one
        // key, unique to this program and group.
        categoryId = ++_settings.categoryCount;
        if (tierGroup != 0) {
            awardKey = keccak256(abi.encode(_TIER_KEY_PREFIX, address(this), tierGroup));
            _tierLevels[tierGroup] |= tierBit;
        } else if (group == bytes32(0)) {
            awardKey = keccak256(abi.encode(address(this), categoryId));
        }
        Program.Category storage c = _categories[categoryId];
        c.amount = params.amount;
        c.maxAwards = params.maxAwards;
        c.mode = params.mode;
        c.tierGroup = tierGroup;
        c.tier = tier;
        c.eligibilityWindow = params.eligibilityWindow;
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
        if (tierGroup != 0) emit CategoryTiered(categoryId, tierGroup, tier);
        if (params.supervisionPeriod != 0) _storeSupervision(categoryId, params);
        if (params.eligibilityWindow != 0) emit CategoryEligibility(categoryId, params.eligibilityWindow);
    }

    /// @dev A mode, a positive amount, a total limit that allows at least one award; a level of a tier group
    /// is 1–16, one category per level, and names no exclusivity group (the levels share the tier group's
    /// own key). Returns the level's bit (zero outside a group).
    function _checkCategoryParams(Program.CategoryParams calldata params) private view returns (uint16 tierBit) {
        if (params.mode != Program.AwardMode.Fixed && params.mode != Program.AwardMode.Capped) {
            revert Errors.GrantProgram_InvalidAwardMode(params.mode);
        }
        if (params.amount == 0) revert Errors.GrantProgram_ZeroCategoryAmount();
        if (params.maxTotal != 0 && params.maxTotal < params.amount) {
            revert Errors.GrantProgram_MaxTotalBelowAmount(params.maxTotal, params.amount);
        }
        // Supervision: at most ten years, in whole attestation windows (at most 64), none without a period.
        (uint32 period, uint32 interval) = (params.supervisionPeriod, params.attestationInterval);
        if (
            period > _MAX_DEADLINE_HORIZON ||
            (interval != 0 && (period == 0 || period % interval != 0 || period / interval > _MAX_ATTESTATIONS))
        ) revert Errors.GrantProgram_InvalidSupervision(period, interval);
        if (params.eligibilityWindow > _MAX_DEADLINE_HORIZON) {
            revert Errors.GrantProgram_InvalidEligibilityWindow(params.eligibilityWindow);
        }
        (uint8 tierGroup, uint8 tier, bytes32 group) = (params.tierGroup, params.tier, params.exclusivityGroup);
        if (tierGroup == 0) {
            if (tier != 0) revert Errors.GrantProgram_InvalidTier(tierGroup, tier);
            return 0;
        }
        if (tier == 0 || tier > _MAX_TIERS) revert Errors.GrantProgram_InvalidTier(tierGroup, tier);
        if (group != bytes32(0)) revert Errors.GrantProgram_TierGroupWithExclusivityGroup(tierGroup, group);
        tierBit = uint16(1 << (tier - 1));
        if (_tierLevels[tierGroup] & tierBit != 0) revert Errors.GrantProgram_TierTaken(tierGroup, tier);
    }

    /// @dev Checks, records and logs the program's fiscal calendar, if it has one: a month, and a local time
    /// between UTC-12:00 and UTC+14:00. Before {ProgramInitialized}, whose settings then say `fiscalYears`.
    function _setFiscalCalendar(Program.FiscalCalendar calldata fiscal) private {
        if (fiscal.startMonth > 12 || fiscal.utcOffsetMinutes < -720 || fiscal.utcOffsetMinutes > 840) {
            revert Errors.GrantProgram_InvalidFiscalCalendar(fiscal.startMonth, fiscal.utcOffsetMinutes);
        }
        if (fiscal.startMonth == 0) return;
        _settings.fiscalYears = true;
        (_fiscalBook.startMonth, _fiscalBook.utcOffsetMinutes, _fiscalBook.yearEnd) = (
            fiscal.startMonth,
            fiscal.utcOffsetMinutes,
            fiscal.yearEnd
        );
        emit FiscalCalendarSet(fiscal.startMonth, fiscal.utcOffsetMinutes, fiscal.yearEnd);
    }

    /// @dev Records a category's supervision after payment (checked by _checkCategoryParams).
    function _storeSupervision(uint16 categoryId, Program.CategoryParams calldata params) private {
        _supervisionTerms[categoryId] = Program.SupervisionTerms({
            period: params.supervisionPeriod,
            interval: params.attestationInterval
        });
        emit CategorySupervised(categoryId, params.supervisionPeriod, params.attestationInterval);
    }

    /// @dev The factory allowed to initialise clones (fixed in the extension's code).
    function _factory() internal view virtual returns (address);
}
