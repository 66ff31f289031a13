// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { GrantProgramState } from "./abstracts/GrantProgramState.sol";
import { ProgramCommittee } from "./abstracts/ProgramCommittee.sol";
import { ProgramRulings } from "./abstracts/ProgramRulings.sol";
import { ProgramSetup } from "./abstracts/ProgramSetup.sol";
import { ProgramViews } from "./abstracts/ProgramViews.sol";
import { IProgramViews } from "./interfaces/program/IProgramViews.sol";
import { Errors } from "./libraries/Errors.sol";

/// @title GrantProgramExtension
/// @notice The rarely used half of a program: initialisation, categories, committee,
/// pause, signed votes, settle, rulings, cancellation, recovery orders and every view. It only ever
/// runs by DELEGATECALL from a {GrantProgram} clone, in that program's storage (see {IGrantProgram}).
/// @dev Called directly it acts on its own empty storage: it holds no money and no role, and its
/// initialisation is disabled, so nothing can be done to it that matters.
contract GrantProgramExtension is GrantProgramState, ProgramCommittee, ProgramSetup, ProgramRulings, ProgramViews {
    /// @inheritdoc IProgramViews
    address public immutable override factory;

    /// @notice Deploys the extension of one implementation.
    /// @param factory_ The factory allowed to initialise clones.
    constructor(address factory_) {
        if (factory_ == address(0)) revert Errors.GrantProgram_ZeroFactory();
        factory = factory_;
        _disableInitializers();
    }

    /// @dev The factory allowed to initialise clones.
    function _factory() internal view override returns (address) {
        return factory;
    }
}
