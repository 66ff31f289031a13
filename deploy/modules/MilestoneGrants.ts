import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The suite's shared contracts: the factory (owned by the deployer until ownership is handed to a
 * multisig/timelock with the two-step transfer), program implementation version 1 — the hot-path
 * GrantProgram with its GrantProgramExtension bound to this factory — registered in it, and the
 * read-only lens. Programs are created later from program files, one clone each.
 *
 * This module is the one deploy path: mg:deploy, the tests, the demo, the benchmark and the portal
 * seed all deploy with it (scripts/lib/deploy.ts).
 */
export default buildModule("MilestoneGrants", (m) => {
  // The deployer owns the factory first (it registers version 1), then can hand it over.
  const owner = m.getAccount(0);
  const factory = m.contract("GrantProgramFactory", [owner]);
  const extension = m.contract("GrantProgramExtension", [factory]);
  const implementation = m.contract("GrantProgram", [extension]);
  m.call(factory, "registerImplementation", [implementation], { from: owner });
  const lens = m.contract("GrantProgramLens");
  return { factory, extension, implementation, lens };
});
