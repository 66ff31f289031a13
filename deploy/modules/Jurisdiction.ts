import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * One jurisdiction's entity registry (a city and its districts share one). The admin authorises
 * programs (PROGRAM_ROLE) and appoints registrars; payout wallet changes wait `walletChangeDelay`.
 */
export default buildModule("Jurisdiction", (m) => {
  const admin = m.getParameter("admin", m.getAccount(0));
  const walletChangeDelay = m.getParameter("walletChangeDelay", 3n * 24n * 60n * 60n);
  const registry = m.contract("EntityRegistry", [admin, walletChangeDelay]);
  return { registry };
});
