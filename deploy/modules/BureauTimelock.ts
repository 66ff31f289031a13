import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

const ZERO = "0x0000000000000000000000000000000000000000";

/**
 * The bureau's timelock alone, for a chain where the three Safes already exist (created in the Safe app
 * on the canonical Safe contracts): a TimelockController (`minDelay`, default 2 days) whose only proposer
 * and canceller is the bureau's Safe (`bureauSafe`), with an open executor and no admin — the same
 * timelock the Governance module deploys beside its Safes (scripts/lib/governance.ts explains why).
 */
export default buildModule("BureauTimelock", (m) => {
  const timelock = m.contract("TimelockController", [
    m.getParameter("minDelay", 2n * 24n * 60n * 60n),
    [m.getParameter<string>("bureauSafe")],
    [ZERO],
    ZERO,
  ]);
  return { timelock };
});
