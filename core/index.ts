/**
 * The Milestone Grants domain core: one implementation of the contracts' enums, vote signing and
 * vote files, milestone schedules, identifiers and hashes, money and Beijing dates. Runs in Node and
 * in the browser (no Hardhat, no node: imports; ethers v6 only).
 */
export * from "./award-options.ts";
export * from "./documents.ts";
export * from "./enums.ts";
export * from "./fiscal.ts";
export * from "./ids.ts";
export * from "./input-error.ts";
export * from "./jurisdiction.ts";
export * from "./ledger.ts";
export * from "./logs.ts";
// The dictionary, not the decoder: core/messages/decoder.ts (like program-abi.ts) loads TypeChain values,
// which exist only after the first compile; import it directly where a revert is decoded.
export * from "./messages/labels.ts";
export * from "./messages/sentences.ts";
export * from "./money.ts";
export * from "./schedule.ts";
export * from "./time.ts";
export * from "./votes.ts";
