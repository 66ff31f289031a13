// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IProgramApplications } from "../interfaces/program/IProgramApplications.sol";
import { Errors } from "../libraries/Errors.sol";
import { Program } from "../types/DataTypes.sol";
import { GrantProgramState } from "./GrantProgramState.sol";

/// @title ProgramApplications
/// @notice Applications: a registered entity applies to a category, a manager declines (see
/// {IProgramApplications}). In the hot half: a company's own action, and it keeps the extension's margin.
abstract contract ProgramApplications is IProgramApplications, GrantProgramState {
    /// @inheritdoc IProgramApplications
    function submitApplication(
        uint16 categoryId,
        bytes32 applicationHash
    ) external override returns (uint256 applicationId) {
        // Check: open program, known category, registered applicant.
        _requireNotPaused();
        _requireInsideWindow();
        _existingCategory(categoryId);
        if (applicationHash == bytes32(0)) revert Errors.GrantProgram_ZeroApplicationHash();
        uint64 entityNo = _registry().entityNoOfWallet(msg.sender);
        if (entityNo == 0) revert Errors.GrantProgram_NotGranteeWallet(msg.sender, address(0));

        // Effect.
        applicationId = ++_applicationCount;
        _applications[applicationId] = Program.Application({
            entityNo: entityNo,
            categoryId: categoryId,
            status: Program.ApplicationStatus.Open,
            submittedAt: uint40(block.timestamp)
        });

        // Log.
        emit ApplicationSubmitted(applicationId, entityNo, categoryId, applicationHash);
    }

    /// @inheritdoc IProgramApplications
    function declineApplication(uint256 applicationId, bytes32 reasonHash) external override onlyRole(_MANAGER_ROLE) {
        // Check.
        Program.Application storage app = _applications[applicationId];
        if (app.status != Program.ApplicationStatus.Open) revert Errors.GrantProgram_ApplicationNotOpen(applicationId);

        // Effect.
        app.status = Program.ApplicationStatus.Declined;

        // Log.
        emit ApplicationDeclined(applicationId, reasonHash);
    }
}
