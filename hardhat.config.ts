import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";
import type { HardhatPlugin } from "hardhat/types/plugins";

// The mg:* operator tasks, a local plugin: tasks/index.ts (`npx hardhat mg:<task> --help`).
import milestoneGrantsTasks from "./tasks/index.js";

// The compiler comes from the npm `solc` package: Hardhat never downloads one.
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.28";
const solcPath = require.resolve("solc/soljson.js");

// One set of compiler settings for tests, coverage, the benchmark and deployments, so that
// what is tested and measured is what is deployed.
const compilerSettings = {
  evmVersion: "cancun",
  optimizer: { enabled: true, runs: 200 },
  viaIR: true,
  // Storage layouts, so a test can prove both halves of a program (GrantProgram and its extension,
  // which runs by DELEGATECALL in the program's storage) use the same slots. Changes no bytecode.
  outputSelection: { "*": { "*": ["storageLayout"] } },
};

// The compatibility build (`--build-profile compat`) for chains that lag the newest hardfork: no
// transient storage, no MCOPY. Shanghai rather than Paris: it keeps PUSH0, which every maintained client
// and the major L2s have had since 2023, and a smaller, cheaper bytecode (see README, "Chains without the
// newest opcodes"). The storage reentrancy guard is swapped in for it by tasks/hooks/compat-guard.ts.
export const COMPAT_EVM_VERSION = "shanghai";

// An official's Ledger (docs/keys-and-networks.md): the plugin is installed only on that official's machine
// (its USB driver compiles against libusb headers a fresh machine lacks), and used when MG_LEDGER_ACCOUNTS
// names the device's addresses. Addresses are not secrets; keys never appear in this file or its inputs.
const ledgerAccounts = (process.env.MG_LEDGER_ACCOUNTS ?? "")
  .split(",")
  .map((address) => address.trim())
  .filter((address) => address !== "");
const LEDGER_PLUGIN = "@nomicfoundation/hardhat-ledger";
const ledgerPlugin =
  ledgerAccounts.length === 0
    ? undefined
    : ((await import(LEDGER_PLUGIN).catch(() => undefined)) as { default: HardhatPlugin } | undefined)?.default;
if (ledgerAccounts.length > 0 && ledgerPlugin === undefined) {
  // The tooling's refusal: one sentence in Chinese, then in English, exit code 1, before anything connects.
  console.error(
    `错误：MG_LEDGER_ACCOUNTS 已设置，但未安装 Ledger 插件：请先运行 npm install --no-save ${LEDGER_PLUGIN}@3.1.0（见 docs/keys-and-networks.md）。\n` +
      `Error: MG_LEDGER_ACCOUNTS is set but the Ledger plugin is not installed: run npm install --no-save ${LEDGER_PLUGIN}@3.1.0 first (see docs/keys-and-networks.md).`,
  );
  process.exit(1);
}
/** A real network's signers: the Ledger's addresses when given, else the key in the encrypted keystore. */
const realNetworkAccounts = (keyVariable: string) =>
  ledgerAccounts.length > 0 ? { accounts: [], ledgerAccounts } : { accounts: [configVariable(keyVariable)] };

/**
 * The rehearsal network's keys: the first 30 of the public test mnemonic (Hardhat's and anvil's default;
 * they guard nothing). While `npm run rehearse` runs (REHEARSAL_RPC_URL set), derived here with ethers,
 * which stretches the mnemonic once (Node's PBKDF2) and derives from m/44'/60'/0'/0: about 0.2 s. Given
 * the mnemonic, Hardhat stretches it again for every key in JavaScript (about 1.8 s on this machine), in
 * each of the rehearsal's task processes. Otherwise Hardhat derives them, only if the network is used.
 */
async function rehearsalAccounts(): Promise<string[] | { mnemonic: string; count: number }> {
  const mnemonic = "test test test test test test test test test test test junk";
  if (process.env.REHEARSAL_RPC_URL === undefined) return { mnemonic, count: 30 };
  const { HDNodeWallet } = await import("ethers"); // only then: every other command starts without it
  const root = HDNodeWallet.fromPhrase(mnemonic, undefined, "m/44'/60'/0'/0");
  return Array.from({ length: 30 }, (_, i) => root.deriveChild(i).privateKey);
}

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers, milestoneGrantsTasks, ...(ledgerPlugin === undefined ? [] : [ledgerPlugin])],
  solidity: {
    // Local governance only (scripts/lib/governance.ts): OpenZeppelin's TimelockController, built from
    // @openzeppelin/contracts so Ignition can deploy it and TypeChain types it. No suite contract uses it.
    npmFilesToBuild: ["@openzeppelin/contracts/governance/TimelockController.sol"],
    profiles: {
      default: { version: SOLC_VERSION, path: solcPath, settings: compilerSettings },
      production: {
        version: SOLC_VERSION,
        path: solcPath,
        isolated: true,
        settings: compilerSettings,
      },
      // Same settings but the EVM version: what `npm run test:compat` tests and the bench compares.
      compat: {
        version: SOLC_VERSION,
        path: solcPath,
        settings: { ...compilerSettings, evmVersion: COMPAT_EVM_VERSION },
      },
    },
  },
  paths: {
    // `npm run rehearse` builds the production profile into .rehearsal/ (MG_BUILD_DIR), so it neither
    // overwrites the default build's artifacts nor forces the next default build to recompile.
    ...(process.env.MG_BUILD_DIR === undefined
      ? {}
      : { artifacts: `${process.env.MG_BUILD_DIR}/artifacts`, cache: `${process.env.MG_BUILD_DIR}/cache` }),
    ignition: "deploy",
    tests: { mocha: "test", solidity: "test/solidity" },
  },
  test: {
    solidity: {
      profiles: {
        // `npm test`: ≥ 1,000 fuzz runs, invariant depth ≥ 50.
        default: {
          fuzz: { runs: 1_000, seed: "0x4d696c6573746f6e65" },
          invariant: { runs: 64, depth: 64, failOnRevert: false },
        },
        // `npm run coverage`: which lines run, not how hard they are pushed (`npm test` does that):
        // enough fuzz and invariant calls to reach every handler path, a quarter of the default's.
        coverage: {
          fuzz: { runs: 250, seed: "0x4d696c6573746f6e65" },
          invariant: { runs: 16, depth: 64, failOnRevert: false },
        },
        // `npm run test:deep`: ten times more of everything.
        deep: {
          fuzz: { runs: 10_000 },
          invariant: { runs: 640, depth: 640, failOnRevert: false },
        },
      },
    },
  },
  coverage: {
    skipFiles: ["contracts/mocks/**", "contracts/bench/**"],
  },
  typechain: {
    outDir: process.env.MG_BUILD_DIR === undefined ? "typechain-types" : `${process.env.MG_BUILD_DIR}/typechain-types`,
  },
  networks: {
    // 30 local accounts, in-process and `hardhat node` (Hardhat's 20 + the default governance's Safe
    // owners, scripts/lib/accounts.ts).
    default: { type: "edr-simulated", chainType: "l1", accounts: { count: 30 } },
    node: { type: "edr-simulated", chainType: "l1", accounts: { count: 30 } },
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    // A simulated chain without Cancun (no TSTORE/TLOAD/MCOPY): `npm run test:compat` runs the mocha
    // suite on it (`--network compat` makes every `network.create()` connect here); 30 accounts as above.
    compat: { type: "edr-simulated", chainType: "l1", hardfork: COMPAT_EVM_VERSION, accounts: { count: 30 } },
    // `npm run e2e:node` points this at the node it starts (LOCALHOST_RPC_URL), on a free port.
    localhost: { type: "http", chainType: "l1", url: process.env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545" },
    // `npm run rehearse` points this at the anvil it starts (REHEARSAL_RPC_URL), on a free port. Signed
    // here, as on a test network (raw transactions; anvil's unlocked accounts are never asked): the
    // first 30 accounts of the public test mnemonic, which anvil funds (scripts/lib/anvil.ts).
    rehearsal: {
      type: "http",
      chainType: "l1",
      url: process.env.REHEARSAL_RPC_URL ?? "http://127.0.0.1:8545",
      accounts: await rehearsalAccounts(),
    },
    // Any EVM test network (docs/keys-and-networks.md): URL and key from the encrypted keystore
    // (`npx hardhat keystore set TESTNET_PRIVATE_KEY`), or a Ledger's addresses in MG_LEDGER_ACCOUNTS.
    testnet: {
      type: "http",
      chainType: "l1",
      url: configVariable("TESTNET_RPC_URL"),
      ...realNetworkAccounts("TESTNET_PRIVATE_KEY"),
    },
  },
  // `npx hardhat ignition verify chain-<chainId> --network testnet` (docs/keys-and-networks.md): Etherscan
  // with a key from the keystore, Blockscout and Sourcify without one.
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
    blockscout: { enabled: true },
    sourcify: { enabled: true },
  },
});
