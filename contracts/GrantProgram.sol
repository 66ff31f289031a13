// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { GrantProgramState } from "./abstracts/GrantProgramState.sol";
import { ProgramApplications } from "./abstracts/ProgramApplications.sol";
import { ProgramAwards } from "./abstracts/ProgramAwards.sol";
import { ProgramFiscalYears } from "./abstracts/ProgramFiscalYears.sol";
import { ProgramNotice } from "./abstracts/ProgramNotice.sol";
import { ProgramPayouts } from "./abstracts/ProgramPayouts.sol";
import { ProgramReview } from "./abstracts/ProgramReview.sol";
import { ProgramSupervision } from "./abstracts/ProgramSupervision.sol";
import { ProgramTreasury } from "./abstracts/ProgramTreasury.sol";
import { IProgramDispatch } from "./interfaces/program/IProgramDispatch.sol";
import { Errors } from "./libraries/Errors.sol";
import { GrantProgramExtension } from "./GrantProgramExtension.sol";

/// @title GrantProgram
/// @notice The implementation every program clone runs (see {IGrantProgram}): the hot paths — treasury,
/// awards, evidence, votes, objections, claims, lapses — run here, and supervision after payment (start,
/// attestations, its view), applications and the fiscal-year views (so the extension keeps its code-size margin); every other selector is handed to
/// the {GrantProgramExtension} fixed at deployment, by DELEGATECALL in the program's own storage.
/// @dev Split this way so the code that runs on every grant pays no extra call and the program keeps
/// room to grow under the 24,576-byte limit; rarely used code (set-up, categories, committee, pause,
/// signed votes, rulings, recovery orders, views) pays one warm-or-cold DELEGATECALL instead.
/// Every state-changing function follows Check -> Effect -> Interaction -> Log; token transfers are
/// the last step and every entry point that moves tokens is `nonReentrant`.
contract GrantProgram is
    IProgramDispatch,
    GrantProgramState,
    ProgramTreasury,
    ProgramAwards,
    ProgramReview,
    ProgramNotice,
    ProgramPayouts,
    ProgramSupervision,
    ProgramFiscalYears,
    ProgramApplications
{
    /// @inheritdoc IProgramDispatch
    address public immutable override extension;

    /// @notice Deploys an implementation; it can never be initialised itself, only cloned.
    /// @param extension_ The extension deployed for this implementation; its factory is the only one that
    /// may initialise clones.
    constructor(GrantProgramExtension extension_) {
        if (address(extension_) == address(0)) revert Errors.GrantProgram_ZeroExtension();
        // Without code, every cold selector (initialize included) would "succeed" doing nothing.
        if (address(extension_).code.length == 0) revert Errors.GrantProgram_ExtensionHasNoCode(address(extension_));
        extension = address(extension_);
        // The implementation itself can never be initialised.
        _disableInitializers();
    }

    // The dispatcher is the fallback's whole job, hence the assembly solhint calls complex.
    // solhint-disable no-complex-fallback
    /// @notice Runs any function this contract does not have in the extension, in this contract's storage.
    /// @dev Non-payable: a call with value reverts. The extension reverts on selectors it does not know.
    fallback() external {
        address target = extension;
        // Memory-safe: the call data and the answer are copied to free memory (from the free memory
        // pointer on), never over the scratch space or anything the compiler placed below it.
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, 0, calldatasize())
            let ok := delegatecall(gas(), target, ptr, calldatasize(), 0, 0)
            returndatacopy(ptr, 0, returndatasize())
            if iszero(ok) {
                revert(ptr, returndatasize())
            }
            return(ptr, returndatasize())
        }
    }
    // solhint-enable no-complex-fallback
}
