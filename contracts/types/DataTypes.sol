// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

// One import for every shared type: the registry's and the program's namespaced type libraries.
// solhint-disable no-unused-import
import { Registry } from "./RegistryTypes.sol";
import { Program } from "./ProgramTypes.sol";
