// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IProgramNotice } from "../interfaces/program/IProgramNotice.sol";
import { Errors } from "../libraries/Errors.sol";
import { MilestoneLib } from "../libraries/MilestoneLib.sol";
import { Program } from "../types/DataTypes.sol";
import { GrantProgramState } from "./GrantProgramState.sol";

/// @title ProgramNotice
/// @notice The public notice window (公示): anyone may object to an approved milestone before it is paid.
abstract contract ProgramNotice is IProgramNotice, GrantProgramState {
    /// @inheritdoc IProgramNotice
    function object(uint256 grantId, uint8 index, bytes32 evidenceHash) external override {
        // Check: inside the notice window (strictly before its end), once per account per round.
        Program.Grant storage g = _liveGrant(grantId);
        Program.Milestone storage m = _existingMilestone(g, grantId, index);
        if (evidenceHash == bytes32(0)) revert Errors.GrantProgram_ZeroObjectionHash();
        _expectState(m, grantId, index, MilestoneLib.bit(Program.MilestoneState.InNotice));
        uint8 round = m.round;
        if (_hasObjected[grantId][index][round][msg.sender]) revert Errors.GrantProgram_AlreadyObjected(msg.sender);

        // Effect: the milestone cannot be paid while the objection is open.
        _hasObjected[grantId][index][round][msg.sender] = true;
        _objections[grantId][index] = Program.Objection({ objector: msg.sender, filedAt: uint40(block.timestamp) });
        m.status = Program.MilestoneState.Contested;

        // Log.
        emit ObjectionFiled(grantId, index, msg.sender, evidenceHash);
    }
}
