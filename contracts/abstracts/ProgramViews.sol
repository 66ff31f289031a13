// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import { IEntityRegistry } from "../interfaces/IEntityRegistry.sol";
import { IProgramViews } from "../interfaces/program/IProgramViews.sol";
import { Errors } from "../libraries/Errors.sol";
import { LedgerLib } from "../libraries/LedgerLib.sol";
import { Program } from "../types/DataTypes.sol";
import { ProgramVoteSignatures } from "./ProgramVoteSignatures.sol";

/// @title ProgramViews
/// @notice Everything a program's tooling reads. None of it runs in a transaction of the program itself.
abstract contract ProgramViews is IProgramViews, ProgramVoteSignatures {
    /// @inheritdoc IProgramViews
    function MANAGER_ROLE() external pure override returns (bytes32) {
        return _MANAGER_ROLE;
    }

    /// @inheritdoc IProgramViews
    function TREASURER_ROLE() external pure override returns (bytes32) {
        return _TREASURER_ROLE;
    }

    /// @inheritdoc IProgramViews
    function GUARDIAN_ROLE() external pure override returns (bytes32) {
        return _GUARDIAN_ROLE;
    }

    /// @inheritdoc IProgramViews
    function REVIEWER() external pure override returns (bytes32) {
        return _REVIEWER;
    }

    /// @inheritdoc IProgramViews
    function token() external view override returns (IERC20) {
        return _token();
    }

    /// @inheritdoc IProgramViews
    function registry() external view override returns (IEntityRegistry) {
        return _registry();
    }

    /// @inheritdoc IProgramViews
    function treasury() external view override returns (address) {
        return _treasury();
    }

    /// @inheritdoc IProgramViews
    function settings() external view override returns (Program.Settings memory) {
        return _settings;
    }

    /// @inheritdoc IProgramViews
    function reviewerAt(uint8 slot) external view override returns (address) {
        if (slot == 0 || slot > _MAX_REVIEWERS) revert Errors.GrantProgram_UnknownReviewerSlot(slot);
        return _reviewerAt(slot);
    }

    /// @inheritdoc IProgramViews
    function reviewerSlot(address account) external view override returns (uint8) {
        return _members[account].reviewerSlot;
    }

    /// @inheritdoc IProgramViews
    function isOfficial(address account) external view override returns (bool) {
        return _members[account].official;
    }

    /// @inheritdoc IProgramViews
    function FORMER_OFFICIAL() external pure override returns (bytes32) {
        return _FORMER_OFFICIAL;
    }

    /// @inheritdoc IProgramViews
    function category(uint16 categoryId) external view override returns (Program.Category memory) {
        return _categories[categoryId];
    }

    /// @inheritdoc IProgramViews
    function programFileHash() external view override returns (bytes32) {
        return _cloneWord(3);
    }

    /// @inheritdoc IProgramViews
    function policyTextHash() external view override returns (bytes32) {
        return _cloneWord(4);
    }

    /// @inheritdoc IProgramViews
    function tierHolding(uint64 entityNo, uint8 tierGroup) external view override returns (Program.TierHolding memory) {
        return _tierHoldings[entityNo][tierGroup];
    }

    /// @inheritdoc IProgramViews
    function tierGrant(uint64 entityNo, uint8 tierGroup, uint8 tier) external view override returns (uint256) {
        return _tierGrants[entityNo][tierGroup][tier];
    }

    /// @inheritdoc IProgramViews
    function tierLevels(uint8 tierGroup) external view override returns (uint16) {
        return _tierLevels[tierGroup];
    }

    /// @inheritdoc IProgramViews
    function grantCount() external view override returns (uint256) {
        return _grantCount;
    }

    /// @inheritdoc IProgramViews
    function grant(uint256 grantId) external view override returns (Program.Grant memory g) {
        g = _grants[grantId];
        // The paid part is derived from the milestones (claims do not write the grant).
        (uint128 paid, uint8 count) = _paidOf(grantId, g.milestoneCount);
        g.reserved -= paid;
        g.paidCount = count;
    }

    /// @inheritdoc IProgramViews
    function milestone(uint256 grantId, uint8 index) external view override returns (Program.Milestone memory m) {
        m = _milestones[grantId][index];
        m.deadline = _calendar(m.deadline);
        m.noticeEndsAt = _calendar(m.noticeEndsAt);
    }

    /// @inheritdoc IProgramViews
    function evidenceOf(uint256 grantId, uint8 index) external view override returns (bytes32) {
        return _evidence[grantId][index];
    }

    /// @inheritdoc IProgramViews
    function milestoneState(uint256 grantId, uint8 index) external view override returns (Program.MilestoneState) {
        Program.Grant storage g = _existingGrant(grantId);
        return _stateOf(_existingMilestone(g, grantId, index), g.cancelled);
    }

    /// @inheritdoc IProgramViews
    function applicationCount() external view override returns (uint256) {
        return _applicationCount;
    }

    /// @inheritdoc IProgramViews
    function application(uint256 applicationId) external view override returns (Program.Application memory) {
        return _applications[applicationId];
    }

    /// @inheritdoc IProgramViews
    function objection(uint256 grantId, uint8 index) external view override returns (Program.Objection memory) {
        return _objections[grantId][index];
    }

    /// @inheritdoc IProgramViews
    function ledger() external view override returns (Program.Ledger memory) {
        return _ledger;
    }

    /// @inheritdoc IProgramViews
    function summary() external view override returns (Program.Summary memory s) {
        Program.Ledger memory book = _ledger;
        IERC20 token_ = _token();
        s.funded = book.funded;
        s.repaid = book.repaid;
        s.reserved = book.reserved;
        s.paid = book.paid;
        s.withdrawn = book.withdrawn;
        s.available = LedgerLib.available(book);
        s.recoveryOutstanding = book.recoveryOutstanding;
        s.surplus = LedgerLib.surplus(book, token_.balanceOf(address(this)));
        s.grantCount = _grantCount;
        s.categoryCount = _settings.categoryCount;
    }

    /// @inheritdoc IProgramViews
    function available() external view override returns (uint256) {
        return LedgerLib.available(_ledger);
    }

    /// @inheritdoc IProgramViews
    function voteDigest(Program.Ballot calldata ballot) external view override returns (bytes32) {
        return _voteDigest(ballot);
    }

    /// @inheritdoc IProgramViews
    function paused() external view override returns (bool) {
        return _settings.pausedAt != 0;
    }
}
