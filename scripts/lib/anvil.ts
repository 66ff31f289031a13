/**
 * Anvil (Foundry's node, an EVM implementation independent of Hardhat's EDR), from the npm package
 * `@foundry-rs/anvil`: its platform package (`@foundry-rs/anvil-linux-amd64`, …) holds the real binary,
 * which is started directly (no Node wrapper in between) through local-node.ts's startServer: its own
 * process group, output to an unlinked log file, stopped when this process ends. Plain Node 22 (type
 * stripping), no project imports; used by `npm run rehearse`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

import { startServer, type LocalNode } from "./local-node.ts";

/** The version package.json pins (and the sentence for a missing binary names). */
export const ANVIL_VERSION = "1.7.1";

/**
 * The chain id the rehearsal's anvil runs with: anvil's own default, 31337, a development chain id
 * (tasks/runtime/address-book.ts LOCAL_CHAIN_IDS), so mg:deploy may deploy the demo yuan and
 * mg:deploy-governance the Safe contracts there; its address book is still its own, keyed by genesis.
 */
export const ANVIL_CHAIN_ID = 31337;

/**
 * The accounts anvil funds (10,000 ETH each): the first 30 of its default mnemonic, the public test
 * mnemonic Hardhat uses too (m/44'/60'/0'/0/i), so index 3 is the same treasurer as on a hardhat node
 * (scripts/lib/accounts.ts). The key is public and funds nothing real; the `rehearsal` network signs
 * with it locally (as a test network signs with a keystore key), never through the node.
 */
export const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
export const ANVIL_ACCOUNTS = 30;

const PLATFORM_PACKAGES: Record<string, string | undefined> = {
  "linux-x64": "@foundry-rs/anvil-linux-amd64",
  "linux-arm64": "@foundry-rs/anvil-linux-arm64",
  "darwin-x64": "@foundry-rs/anvil-darwin-amd64",
  "darwin-arm64": "@foundry-rs/anvil-darwin-arm64",
  "win32-x64": "@foundry-rs/anvil-win32-amd64",
};

/** Anvil's binary in node_modules, or null when it is not installed (or not built for this platform). */
export function anvilBinary(): string | null {
  const pkg = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (pkg === undefined) return null;
  try {
    const file = createRequire(import.meta.url).resolve(
      `${pkg}/bin/anvil${process.platform === "win32" ? ".exe" : ""}`,
    );
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Why anvil cannot start, in Chinese then English (the tooling's refusals' order). */
export function missingAnvilSentence(): string {
  const platform = `${process.platform}-${process.arch}`;
  return (
    `错误：未找到 anvil 可执行文件（npm 包 @foundry-rs/anvil@${ANVIL_VERSION} 的 ${platform} 平台包）：请运行 npm install（或 npm ci）；若本平台没有 anvil 的 npm 包，则无法进行部署演练。\n` +
    `Error: the anvil binary was not found (the ${platform} package of @foundry-rs/anvil@${ANVIL_VERSION}): run npm install (or npm ci); if anvil publishes no npm package for this platform, the rehearsal cannot run here.`
  );
}

/** "anvil Version: 1.7.1" → "1.7.1 (commit 4072e48)", from the binary itself. */
export function anvilVersion(binary: string): string {
  const out = spawnSync(binary, ["--version"], { encoding: "utf8" }).stdout ?? "";
  const version = /Version:\s*(\S+)/.exec(out)?.[1] ?? "unknown";
  const commit = /Commit SHA:\s*([0-9a-f]{7})/.exec(out)?.[1];
  return commit === undefined ? version : `${version} (commit ${commit})`;
}

/**
 * Starts anvil on 127.0.0.1:`port` with the chain id and accounts above, automining one block per
 * transaction. Throws missingAnvilSentence() when the binary is not installed.
 */
export async function startAnvil(port: number): Promise<LocalNode & { version: string }> {
  const binary = anvilBinary();
  if (binary === null) throw new Error(missingAnvilSentence());
  const node = await startServer({
    name: "anvil",
    command: binary,
    args: [
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--chain-id",
      String(ANVIL_CHAIN_ID),
      "--accounts",
      String(ANVIL_ACCOUNTS), // of its default mnemonic, ANVIL_MNEMONIC
    ],
    url: `http://127.0.0.1:${port}`,
    timeoutMs: 30_000,
  });
  return { ...node, version: anvilVersion(binary) };
}
