import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { Artifact } from "hardhat/types/artifacts";

const require = createRequire(import.meta.url);

/** The Hardhat artifact `@safe-global/safe-contracts` 1.4.1 ships for `contracts/<file>` (name = file's contract). */
function safeArtifact(file: string): Artifact {
  const name = file
    .split("/")
    .pop()!
    .replace(/\.sol$/, "");
  const json = require.resolve(`@safe-global/safe-contracts/build/artifacts/contracts/${file}/${name}.json`);
  return JSON.parse(readFileSync(json, "utf8")) as Artifact;
}

/** The Safe 1.4.1 artifacts this module deploys (also used to attach to Safes it created). */
export const SAFE_ARTIFACTS = {
  singleton: safeArtifact("SafeL2.sol"),
  proxyFactory: safeArtifact("proxies/SafeProxyFactory.sol"),
  fallbackHandler: safeArtifact("handler/CompatibilityFallbackHandler.sol"),
  multiSend: safeArtifact("libraries/MultiSend.sol"),
  multiSendCallOnly: safeArtifact("libraries/MultiSendCallOnly.sol"),
  signMessageLib: safeArtifact("libraries/SignMessageLib.sol"),
  createCall: safeArtifact("libraries/CreateCall.sol"),
  simulateTxAccessor: safeArtifact("accessors/SimulateTxAccessor.sol"),
} as const;

/**
 * Safe{Wallet} 1.4.1 — the singleton (SafeL2, which emits an event per transaction so an indexer or an
 * auditor can follow it), the proxy factory, the compatibility fallback handler and the libraries the
 * Safe SDK expects (MultiSend, MultiSendCallOnly, SignMessageLib, CreateCall, SimulateTxAccessor) —
 * deployed from the compiled artifacts `@safe-global/safe-contracts` ships (no recompilation).
 *
 * Local chains and tests only: public chains already have the canonical Safe deployments at their
 * well-known addresses, which the Safe SDK knows by itself.
 */
export default buildModule("SafeContracts", (m) => {
  const a = SAFE_ARTIFACTS;
  return {
    singleton: m.contract("SafeL2", a.singleton),
    proxyFactory: m.contract("SafeProxyFactory", a.proxyFactory),
    fallbackHandler: m.contract("CompatibilityFallbackHandler", a.fallbackHandler),
    multiSend: m.contract("MultiSend", a.multiSend),
    multiSendCallOnly: m.contract("MultiSendCallOnly", a.multiSendCallOnly),
    signMessageLib: m.contract("SignMessageLib", a.signMessageLib),
    createCall: m.contract("CreateCall", a.createCall),
    simulateTxAccessor: m.contract("SimulateTxAccessor", a.simulateTxAccessor),
  };
});
