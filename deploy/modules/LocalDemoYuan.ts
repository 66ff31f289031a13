import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** A demo yuan stablecoin (2 decimals, open minting). Local networks only: never deploy elsewhere. */
export default buildModule("LocalDemoYuan", (m) => {
  const token = m.contract("MockYuan", ["Demo Yuan", "dCNY", 2]);
  return { token };
});
