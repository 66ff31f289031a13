/**
 * Whether a chain runs the opcodes the build was compiled for. A Cancun build (the default profile) contains
 * TLOAD/TSTORE (the reentrancy guard) and MCOPY; deployed to a chain before Cancun, its creation succeeds
 * (the constructor uses none of them) and then every guarded call fails. mg:deploy asks the chain first:
 * one `eth_call` per opcode, running a three-byte creation code that uses it (no contract, no gas spent).
 */
import { readFile } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { Bilingual } from "../../core/messages/labels.js";

/** solc's EVM versions in the order of the hardforks that introduced them. */
export const EVM_VERSIONS = [
  "homestead",
  "tangerineWhistle",
  "spuriousDragon",
  "byzantium",
  "constantinople",
  "petersburg",
  "istanbul",
  "berlin",
  "london",
  "paris",
  "shanghai",
  "cancun",
  "prague",
  "osaka",
] as const;

/** Whether `evmVersion` is one solc knows that comes before `fork` (false for a name it does not know). */
export function evmBefore(evmVersion: string, fork: (typeof EVM_VERSIONS)[number]): boolean {
  const rank = EVM_VERSIONS.indexOf(evmVersion as (typeof EVM_VERSIONS)[number]);
  return rank >= 0 && rank < EVM_VERSIONS.indexOf(fork);
}

/** The opcodes a build may contain that older EVMs lack: the version that added each, its creation-code probe. */
const PROBES: { opcode: string; since: (typeof EVM_VERSIONS)[number]; initCode: string }[] = [
  { opcode: "PUSH0", since: "shanghai", initCode: "0x5f00" }, // PUSH0 STOP
  { opcode: "TLOAD", since: "cancun", initCode: "0x5f5c00" }, // PUSH0 TLOAD STOP
  { opcode: "TSTORE", since: "cancun", initCode: "0x5f5f5d00" }, // PUSH0 PUSH0 TSTORE STOP
  { opcode: "MCOPY", since: "cancun", initCode: "0x5f5f5f5e00" }, // PUSH0 PUSH0 PUSH0 MCOPY STOP
];

/** The opcodes a build for `evmVersion` may contain that some older chain lacks (PUSH0, TLOAD, …). */
export function opcodesOf(evmVersion: string): string[] {
  const rank = EVM_VERSIONS.indexOf(evmVersion as (typeof EVM_VERSIONS)[number]);
  if (rank < 0) throw new Error(`Unknown EVM version "${evmVersion}"`);
  return PROBES.filter((probe) => EVM_VERSIONS.indexOf(probe.since) <= rank).map((probe) => probe.opcode);
}

/** Something that answers `eth_call` (ethers' JSON-RPC `send`, as every task's provider has). */
interface CallProvider {
  send(method: string, params: unknown[]): Promise<unknown>;
}

/**
 * The opcodes of an `evmVersion` build that the chain behind `provider` does not run (empty: it runs them
 * all). A probe that the chain refuses for any reason counts as missing: deploying there is not safe.
 */
export async function missingOpcodes(provider: CallProvider, evmVersion: string): Promise<string[]> {
  const wanted = new Set(opcodesOf(evmVersion));
  const missing: string[] = [];
  for (const probe of PROBES.filter((p) => wanted.has(p.opcode))) {
    try {
      await provider.send("eth_call", [{ data: probe.initCode }, "latest"]);
    } catch {
      missing.push(probe.opcode);
    }
  }
  return missing;
}

/** The EVM version the artifacts of `contractName` on disk were compiled for (their build info's settings). */
export async function builtEvmVersion(hre: HardhatRuntimeEnvironment, contractName: string): Promise<string> {
  const id = await hre.artifacts.getBuildInfoId(contractName);
  const file = id === undefined ? undefined : await hre.artifacts.getBuildInfoPath(id);
  if (file === undefined) throw new Error(`No build info for ${contractName}: run \`npx hardhat build\` first`);
  const buildInfo = JSON.parse(await readFile(file, "utf8")) as { input: { settings: { evmVersion?: string } } };
  const version = buildInfo.input.settings.evmVersion;
  if (version === undefined) throw new Error(`The build info of ${contractName} names no evmVersion`);
  return version;
}

/** The refusal when the chain lacks opcodes of the build: which, and what to deploy instead. */
export function unsupportedBuildSentence(chainId: bigint, evmVersion: string, missing: string[]): Bilingual {
  const names = missing.join(", ");
  return {
    en: `Chain ${chainId} does not run ${names}, which the ${evmVersion} build uses: every guarded call would fail there. Build the compatibility profile instead (npx hardhat build --build-profile compat) and deploy those artifacts; see README, "Chains without the newest opcodes".`,
    zh: `链 ${chainId} 不支持 ${evmVersion} 构建所用的 ${names}：部署后所有受保护的调用都会失败。请改用兼容构建（npx hardhat build --build-profile compat）并部署其产物；见 README 的 “Chains without the newest opcodes” 一节。`,
  };
}
