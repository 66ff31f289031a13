import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

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

// ---------------------------------------------------------------------------------------------------
// Operator tasks (`npx hardhat mg:<task> --help`). Every task takes --from (account index or address
// among the network's signers) and --json; amounts are yuan as people write them ("5,000,000.00").
// The actions live in scripts/tasks/ and are imported only when the task runs.
// ---------------------------------------------------------------------------------------------------
const OPTIONAL = { type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined } as const;
const from = { name: "from", description: "Signer: account index or address (default 0)", defaultValue: "0" } as const;
const json = { name: "json", description: "Print machine-readable JSON instead of the summary" } as const;
const program = {
  name: "program",
  description: "Program name in the address book, or its address",
  ...OPTIONAL,
} as const;
const grant = { name: "grant", description: "Grant id", ...OPTIONAL } as const;
const milestone = { name: "milestone", description: "Milestone index (0-based)", defaultValue: "0" } as const;
const jurisdiction = {
  name: "jurisdiction",
  description: "Registry name (default: the only one)",
  ...OPTIONAL,
} as const;
const uscc = { name: "uscc", description: "Entity: company's unified social credit code", ...OPTIONAL } as const;
const entityNo = { name: "entityNo", description: "Entity: registry number", ...OPTIONAL } as const;
const entityId = { name: "entityId", description: "Entity: registry id (0x…)", ...OPTIONAL } as const;
const category = {
  name: "category",
  description: "Category key from the program file (or its id)",
  ...OPTIONAL,
} as const;
const decision = { name: "decision", description: "approve or reject", ...OPTIONAL } as const;
const reason = {
  name: "reason",
  description: "Reason text (its hash goes on chain) or a 0x hash",
  ...OPTIONAL,
} as const;
const evidence = {
  name: "evidence",
  description: "Evidence reviewed: file or 0x hash (default: the current one)",
  ...OPTIONAL,
} as const;

const mgTasks = [
  task("mg:deploy", "Deploy factory, implementation, lens, a jurisdiction registry (and demo yuan on local chains)")
    .addOption({ name: "jurisdiction", description: "Registry name, e.g. guiyang", defaultValue: "guiyang" })
    .addOption({ name: "token", description: "Yuan stablecoin address (required outside local chains)", ...OPTIONAL })
    .addOption({ name: "walletChangeDelayDays", description: "Payout wallet change delay in days", defaultValue: "3" })
    .addOption({
      name: "registrar",
      description: "Grant REGISTRAR_ROLE to this account (index or address)",
      ...OPTIONAL,
    })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/deploy.js"))
    .build(),
  task("mg:create-program", "Create a program from its file, authorise it on the registry, add its categories")
    .addOption({
      name: "file",
      description: "Program file, e.g. programs/guiyang-htz-blockchain-2017.json",
      ...OPTIONAL,
    })
    .addOption({ name: "name", description: "Name in the address book (default: the file name)", ...OPTIONAL })
    .addOption({ name: "admin", description: "Program admin (a signer here; default --from)", ...OPTIONAL })
    .addOption({ name: "registryAdmin", description: "Registry admin who authorises it (default --from)", ...OPTIONAL })
    .addOption({ name: "managers", description: "Managers, comma-separated indexes or addresses", ...OPTIONAL })
    .addOption({ name: "reviewers", description: "Committee, comma-separated indexes or addresses", ...OPTIONAL })
    .addOption({ name: "treasurer", description: "Treasurer (funds and withdraws)", ...OPTIONAL })
    .addOption({ name: "guardian", description: "Guardian (pauses)", ...OPTIONAL })
    .addOption({ name: "treasury", description: "The only destination of withdrawals", ...OPTIONAL })
    .addOption({
      name: "opensAt",
      description: "Application window opens (YYYY-MM-DD, Beijing; default now)",
      ...OPTIONAL,
    })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/create-program.js"))
    .build(),
  task("mg:fund", "Treasurer: fund a program (approves the amount first)")
    .addOption(program)
    .addOption({ name: "amount", description: 'Amount in yuan, e.g. "20,000,000.00"', ...OPTIONAL })
    .addFlag({ name: "mint", description: "Local chains: mint the demo yuan to the treasurer first" })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/fund.js"))
    .build(),
  task("mg:withdraw", "Treasurer: withdraw unreserved budget to the program's fixed treasury")
    .addOption(program)
    .addOption({ name: "amount", description: 'Amount in yuan, or "all" (the available budget)', ...OPTIONAL })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/withdraw.js"))
    .build(),
  task("mg:register-entity", "Registrar: register a company (USCC) or an individual (salted commitment)")
    .addOption(jurisdiction)
    .addOption({ name: "uscc", description: "Company: unified social credit code", ...OPTIONAL })
    .addOption({ name: "idNumber", description: "Individual: ID number (hashed here, never sent)", ...OPTIONAL })
    .addOption({ name: "salt", description: "Individual: 32-byte salt (0x…); generated if omitted", ...OPTIONAL })
    .addOption({ name: "wallet", description: "Payout wallet (index or address)", ...OPTIONAL })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/register-entity.js"))
    .build(),
  task("mg:rotate-wallet", "Registrar: request or cancel a payout wallet change; anyone: complete it after the delay")
    .addPositionalArgument({ name: "action", description: "request, cancel or complete" })
    .addOption(jurisdiction)
    .addOption(uscc)
    .addOption(entityNo)
    .addOption(entityId)
    .addOption({ name: "wallet", description: "request: the new payout wallet (index or address)", ...OPTIONAL })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/rotate-wallet.js"))
    .build(),
  task("mg:apply", "Entity wallet: apply to a category with the hash of the application documents")
    .addOption(program)
    .addOption(category)
    .addOption({ name: "file", description: "Application documents (hashed here)", ...OPTIONAL })
    .addOption({ name: "hash", description: "Or the documents' hash (0x…)", ...OPTIONAL })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/apply.js"))
    .build(),
  task("mg:award", "Manager: award a grant in milestones")
    .addOption(program)
    .addOption(uscc)
    .addOption(entityNo)
    .addOption(entityId)
    .addOption(category)
    .addOption({
      name: "milestones",
      description: '"amount@YYYY-MM-DD; …" (deadline: end of day, Beijing)',
      ...OPTIONAL,
    })
    .addOption({ name: "milestonesFile", description: "JSON: [{amount, deadline, description}]", ...OPTIONAL })
    .addOption({ name: "application", description: "Application id (0: none)", defaultValue: "0" })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/award.js"))
    .build(),
  task("mg:evidence", "Hash a local file (keccak256); with --grant, submit it as a milestone's evidence")
    .addOption({ name: "file", description: "The evidence document", ...OPTIONAL })
    .addOption(program)
    .addOption(grant)
    .addOption(milestone)
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/evidence.js"))
    .build(),
  task("mg:vote", "Reviewer: vote on a submitted milestone")
    .addOption(program)
    .addOption(grant)
    .addOption(milestone)
    .addOption(decision)
    .addOption(reason)
    .addOption(evidence)
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/vote.js"))
    .build(),
  task("mg:sign-vote", "Reviewer: sign a vote (EIP-712) into a JSON file, no transaction")
    .addOption(program)
    .addOption(grant)
    .addOption(milestone)
    .addOption(decision)
    .addOption(reason)
    .addOption(evidence)
    .addOption({ name: "validHours", description: "Hours the signature stays valid", defaultValue: "72" })
    .addOption({ name: "nonce", description: "Nonce (default: the reviewer's next)", ...OPTIONAL })
    .addOption({
      name: "out",
      description: "Output file (default vote-<program>-g<grant>-m<index>-<reviewer>.json)",
      ...OPTIONAL,
    })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/sign-vote.js"))
    .build(),
  task("mg:submit-votes", "Anyone: submit signed vote files for one milestone in one transaction")
    .addVariadicArgument({ name: "files", description: "Signed vote files written by mg:sign-vote" })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/submit-votes.js"))
    .build(),
  task("mg:object", "Anyone: object to an approved milestone during its public notice window")
    .addOption(program)
    .addOption(grant)
    .addOption(milestone)
    .addOption({ name: "file", description: "Supporting document (hashed here)", ...OPTIONAL })
    .addOption({ name: "hash", description: "Or its hash (0x…)", ...OPTIONAL })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/object.js"))
    .build(),
  task("mg:rule", "Manager: rule on an open objection")
    .addOption(program)
    .addOption(grant)
    .addOption(milestone)
    .addOption({ name: "decision", description: "uphold or dismiss", ...OPTIONAL })
    .addOption(reason)
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/rule.js"))
    .build(),
  task("mg:claim", "Grantee wallet: claim payable milestones")
    .addOption(program)
    .addOption(grant)
    .addOption({ name: "milestones", description: "Indexes, e.g. 0,1 (default: every payable one)", ...OPTIONAL })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/claim.js"))
    .build(),
  task("mg:lapse", "Anyone: lapse a milestone not approved by its deadline")
    .addOption(program)
    .addOption(grant)
    .addOption(milestone)
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/lapse.js"))
    .build(),
  task("mg:settle", "Anyone: decide a review round that a recusal, removal or quorum change already decided")
    .addOption(program)
    .addOption(grant)
    .addOption(milestone)
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/settle.js"))
    .build(),
  task("mg:cancel", "Manager: cancel a grant's unpaid milestones")
    .addOption(program)
    .addOption(grant)
    .addOption(reason)
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/cancel.js"))
    .build(),
  task("mg:recover", "Manager: order recovery of money paid on a grant (bars the entity until repaid)")
    .addOption(program)
    .addOption(grant)
    .addOption({ name: "amount", description: "Amount in yuan", ...OPTIONAL })
    .addOption(reason)
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/recover.js"))
    .build(),
  task("mg:repay", "Anyone: repay recovered money on a grant")
    .addOption(program)
    .addOption(grant)
    .addOption({ name: "amount", description: "Amount in yuan (default: all that is owed)", ...OPTIONAL })
    .addFlag({ name: "mint", description: "Local chains: mint the demo yuan to the payer first" })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/repay.js"))
    .build(),
  task("mg:pause", "Guardian: pause a program (admin: --unpause)")
    .addOption(program)
    .addFlag({ name: "unpause", description: "Unpause instead (admin only)" })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/pause.js"))
    .build(),
  task("mg:status", "A program's settings, ledger, categories and grants (--grant: its milestones)")
    .addOption(program)
    .addOption(grant)
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/status.js"))
    .build(),
  task("mg:report", "Rebuild a program's ledger and history from events and check it against summary()")
    .addOption(program)
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/report.js"))
    .build(),
  task("mg:advance-time", "Local chains only: move the clock forward by some days (rehearsals)")
    .addOption({ name: "days", description: "Days to advance", defaultValue: "1" })
    .addOption(from)
    .addFlag(json)
    .setAction(() => import("./scripts/tasks/advance-time.js"))
    .build(),
];

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  tasks: mgTasks,
  solidity: {
    profiles: {
      default: { version: SOLC_VERSION, path: solcPath, settings: compilerSettings },
      production: {
        version: SOLC_VERSION,
        path: solcPath,
        isolated: true,
        settings: compilerSettings,
      },
    },
  },
  paths: {
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
    outDir: "typechain-types",
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    // `npm run e2e:node` points this at the node it starts (LOCALHOST_RPC_URL), on a free port.
    localhost: { type: "http", chainType: "l1", url: process.env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545" },
    testnet: {
      type: "http",
      chainType: "l1",
      url: configVariable("TESTNET_RPC_URL"),
      accounts: [configVariable("TESTNET_PRIVATE_KEY")],
    },
  },
});
