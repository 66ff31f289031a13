import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ModuleParameterRuntimeValue } from "@nomicfoundation/ignition-core";

import SafeContractsModule, { SAFE_ARTIFACTS } from "./SafeContracts.js";

const ZERO = "0x0000000000000000000000000000000000000000";

/**
 * The bureau's default governance (scripts/lib/governance.ts explains the design and checks it):
 *
 * - the bureau's Safe (`bureauOwners`, `bureauThreshold`, default 3 of 5) — the only proposer and
 *   canceller of
 * - a TimelockController (`minDelay`, default 2 days) that will hold the program admin, registry admin
 *   and factory owner powers; anyone may execute an operation once its delay is over (open executor),
 *   and it has no admin of its own (only the timelock itself can change its roles, after the delay);
 * - the treasurer's Safe (`treasurerOwners`, default 2 of 3);
 * - the guardian's Safe (`guardianOwners`, default 1 of 2), fast enough to pause in an emergency.
 *
 * Every Safe is a proxy of the SafeL2 singleton created through the Safe proxy factory, with the
 * compatibility fallback handler (SafeContracts module). `saltNonce` keeps Safes of two deployments apart.
 */
export default buildModule("Governance", (m) => {
  const safeContracts = m.useModule(SafeContractsModule);
  const { singleton, proxyFactory, fallbackHandler } = safeContracts;
  const saltNonce = m.getParameter("saltNonce", 0n);

  const safe = (
    id: string,
    owners: ModuleParameterRuntimeValue<string[]>,
    threshold: ModuleParameterRuntimeValue<bigint>,
  ) => {
    const initializer = m.encodeFunctionCall(
      singleton,
      "setup",
      [owners, threshold, ZERO, "0x", fallbackHandler, ZERO, 0n, ZERO],
      { id: `${id}Setup` },
    );
    const created = m.call(proxyFactory, "createProxyWithNonce", [singleton, initializer, saltNonce], {
      id: `${id}Create`,
    });
    const address = m.readEventArgument(created, "ProxyCreation", "proxy", { id: `${id}Address` });
    return m.contractAt("SafeL2", SAFE_ARTIFACTS.singleton, address, { id: `${id}Safe` });
  };

  const bureauSafe = safe("Bureau", m.getParameter<string[]>("bureauOwners"), m.getParameter("bureauThreshold", 3n));
  const treasurerSafe = safe(
    "Treasurer",
    m.getParameter<string[]>("treasurerOwners"),
    m.getParameter("treasurerThreshold", 2n),
  );
  const guardianSafe = safe(
    "Guardian",
    m.getParameter<string[]>("guardianOwners"),
    m.getParameter("guardianThreshold", 1n),
  );
  const timelock = m.contract("TimelockController", [
    m.getParameter("minDelay", 2n * 24n * 60n * 60n),
    [bureauSafe],
    [ZERO],
    ZERO,
  ]);
  return { ...safeContracts, bureauSafe, treasurerSafe, guardianSafe, timelock };
});
