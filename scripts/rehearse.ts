/**
 * `npm run rehearse`: the deploy rehearsal on an independent node (issue 17). Starts anvil (Foundry's
 * EVM, not Hardhat's EDR; scripts/lib/anvil.ts) on a free port and runs the production flow exactly as
 * to a test network, one `npx hardhat mg:… --network rehearsal --build-profile production --json`
 * process per step (scripts/lib/task-runner.ts), the accounts signing locally as a test network's
 * keystore keys would:
 *
 *   build (production profile) → mg:deploy (Ignition; the chain's address book) → mg:deploy-governance
 *   (Safes + timelock) → mg:create-program from its file → mg:hand-over (admin powers to the timelock)
 *   → funding through the treasurer's Safe (propose, a second owner confirms from the offline file,
 *   execute) → an admin action through the bureau's Safe and the timelock (paused by the guardian's
 *   Safe, unpause scheduled; executed too early → refused; the clock moved past the delay; executed)
 *   → one grant: register, award, evidence, three votes, the notice window, the grantee's claim →
 *   mg:status and mg:report must balance.
 *
 * Each step prints who did it and the transactions it mined (checked against the expected sender).
 * Only standard JSON-RPC and evm_* methods reach the node (mg:advance-time moves the clock with
 * evm_setNextBlockTimestamp + evm_mine). Any mismatch fails the run (exit code 1). The production build
 * goes to .rehearsal/ (MG_BUILD_DIR), the address book and proposal files to a temporary folder, the
 * Ignition journal to a `rehearsal` deployment id removed at the end. Plain Node 22, no project imports.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { forwardTo, startCappingProxy } from "./lib/capping-proxy.ts";
import { ANVIL_CHAIN_ID, anvilBinary, missingAnvilSentence, startAnvil } from "./lib/anvil.ts";
import { compile, freePort, ROOT, rpc as rpcAt, type LocalNode } from "./lib/local-node.ts";
import { runTask, scratchSpace, settle, succeeded, taskFailure, type Json, type TaskRun } from "./lib/task-runner.ts";
import { SAMPLE_USCC, sampleAwardArgs, writeSampleEvidence } from "./lib/walkthrough.ts";

const started = Date.now();
const scratch = scratchSpace("mg-rehearse-", "rehearsal");
const { work } = scratch;
/**
 * What the production flow deploys, and only that: the production profile is isolated (each file its own
 * compilation), so building every contract, mock and bench contract would take minutes for nothing.
 */
const DEPLOYED_SOURCES = [
  "contracts/EntityRegistry.sol",
  "contracts/GrantProgram.sol",
  "contracts/GrantProgramExtension.sol",
  "contracts/GrantProgramFactory.sol",
  "contracts/GrantProgramLens.sol",
  "contracts/mocks/MockYuan.sol", // the demo yuan, deployed on local chains
  "npm:@openzeppelin/contracts/governance/TimelockController.sol",
];
const BUILD_DIR = ".rehearsal";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

let node: LocalNode | undefined;
let stopProxy: () => Promise<void> = async () => {};
const steps: string[] = [];

/** Prints a check; a failed one stops the run (settle's finish below stops anvil and cleans up). */
function check(ok: boolean, label: string): void {
  console.log(`     ${ok ? "✓" : "✗"} ${label}`);
  if (!ok) throw new Error(`rehearsal: check failed: ${label}`);
}

const passed = await settle(
  async () => {
    // Before any build: without anvil there is nothing to rehearse on.
    if (anvilBinary() === null) throw new Error(missingAnvilSentence());
    // The default build's TypeChain types, which the tasks' error decoder loads (built only on a fresh
    // clone), then the production profile into its own folder: what the rehearsal deploys.
    if (!existsSync(path.join(ROOT, "typechain-types", "index.ts"))) compile();
    console.log("rehearsal: the production flow on anvil, one hardhat process per step (who ran it, what it mined)");
    const t0 = Date.now();
    const build = spawnSync(
      NPX,
      ["hardhat", "build", "--build-profile", "production", "--no-tests", "--quiet", ...DEPLOYED_SOURCES],
      {
        cwd: ROOT,
        env: { ...process.env, MG_BUILD_DIR: BUILD_DIR },
        stdio: "inherit",
      },
    );
    if (build.status !== 0) throw new Error(`the production build failed (exit ${build.status})`);
    steps.push("production build");
    console.log(`   1. production build (${BUILD_DIR}/artifacts) ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const port = await freePort();
    const anvil = await startAnvil(port);
    node = anvil;
    const rpc = (method: string, params: unknown[] = []) => rpcAt(anvil.url, method, params);
    const accounts = (await rpc("eth_accounts")) as string[];
    const chainId = Number(BigInt((await rpc("eth_chainId")) as string));
    const clientVersion = String(await rpc("web3_clientVersion"));
    console.log(
      `   2. anvil ${anvil.version} (${clientVersion}) on ${anvil.url}, chain id ${chainId}, ${accounts.length} funded accounts`,
    );
    steps.push(`anvil ${anvil.version}`);
    const who = (index: number) => `#${index} ${accounts[index]}`;
    // The tasks reach anvil through a recording proxy (capping-proxy.ts, no caps): every JSON-RPC method
    // they use is kept, and none may be Hardhat's or anvil's own (hardhat_*, anvil_*).
    const methods = new Map<string, number>();
    const toAnvil = forwardTo(anvil.url);
    const proxy = await startCappingProxy(
      (request) => {
        methods.set(request.method, (methods.get(request.method) ?? 0) + 1);
        return toAnvil(request);
      },
      { maxRange: Number.MAX_SAFE_INTEGER, maxLogs: Number.MAX_SAFE_INTEGER },
    );
    stopProxy = () => proxy.close();
    const env = {
      ...process.env,
      REHEARSAL_RPC_URL: proxy.url,
      MG_BUILD_DIR: BUILD_DIR,
      ...scratch.env,
    };
    const file = (name: string) => path.join(work, name);

    const blockNumber = async () => Number(BigInt((await rpc("eth_blockNumber")) as string));
    /** The transactions mined in blocks (after, upTo], with their senders. */
    async function minedSince(after: number): Promise<Array<{ hash: string; from: string; status: string }>> {
      const mined: Array<{ hash: string; from: string; status: string }> = [];
      for (let n = after + 1, last = await blockNumber(); n <= last; n++) {
        const block = (await rpc("eth_getBlockByNumber", [`0x${n.toString(16)}`, false])) as { transactions: string[] };
        for (const hash of block.transactions) {
          const tx = (await rpc("eth_getTransactionByHash", [hash])) as { from: string };
          const receipt = (await rpc("eth_getTransactionReceipt", [hash])) as { status: string };
          mined.push({ hash, from: tx.from, status: receipt.status });
        }
      }
      return mined;
    }

    /**
     * One step: runs the task as account `from` and prints who did it and what it mined: every mined
     * transaction must come from `from` and succeed. `offline` steps (a signature into a proposal file)
     * and `reads` mine none; other steps must mine at least one.
     */
    async function step(
      title: string,
      name: string,
      from: number,
      args: string[],
      options: { offline?: boolean; reads?: boolean; expectRefusal?: RegExp } = {},
    ): Promise<Json> {
      const before = await blockNumber();
      const run: TaskRun = await runTask("rehearsal", name, ["--from", String(from), ...args], env, [
        "--build-profile",
        "production",
      ]);
      const mined = await minedSince(before);
      steps.push(title);
      console.log(
        `  ${String(steps.length).padStart(2)}. ${title} — ${name} by ${who(from)} (${run.seconds.toFixed(1)} s)`,
      );
      if (options.expectRefusal !== undefined) {
        const sentence = String(run.json.error ?? "");
        console.log(`      refused: ${sentence}`);
        console.log(`      拒绝：${String(run.json.errorZh ?? "")}`);
        check(run.code !== 0 && run.json.ok === false, `${name} exited non-zero with ok: false`);
        check(options.expectRefusal.test(sentence), `the sentence says ${options.expectRefusal}`);
        check(mined.length === 0, "nothing was mined");
        return run.json;
      }
      if (!succeeded(run)) throw taskFailure(run);
      for (const tx of mined)
        console.log(`      tx ${tx.hash} from ${tx.from}${tx.status === "0x1" ? "" : " REVERTED"}`);
      if (options.offline === true) console.log("      offline: signed into the proposal file, no transaction");
      if (options.offline === true || options.reads === true) check(mined.length === 0, "nothing was mined");
      else if (mined.length === 0) check(false, `${name} mined a transaction`);
      const wrongSender = mined.filter((tx) => tx.from.toLowerCase() !== accounts[from].toLowerCase());
      const reverted = mined.filter((tx) => tx.status !== "0x1");
      if (wrongSender.length > 0 || reverted.length > 0) {
        check(false, `every transaction was sent by ${who(from)} and succeeded`);
      }
      if (typeof run.json.tx === "string") {
        check(
          mined.some((tx) => tx.hash === run.json.tx),
          `the task's reported tx ${String(run.json.tx).slice(0, 10)}… is on the chain`,
        );
      }
      return run.json;
    }

    // Roles (scripts/lib/accounts.ts): 0 bureau (deployer, program admin until the hand-over), 1 registrar,
    // 2 manager, 3/24/25 the treasurer's Safe (2 of 3), 4/26 the guardian's Safe (1 of 2), 0/20–23 the
    // bureau's Safe (3 of 5), 5 treasury, 6–9 reviewers, 10 the grantee's wallet, 11 anyone.
    const deployed = await step("Ignition deploy, address book", "mg:deploy", 0, ["--registrar", "1"]);
    const book = String(deployed.addressBook);
    const recorded = JSON.parse(readFileSync(book, "utf8")) as { chainId: string; factory: string };
    check(
      recorded.chainId === String(ANVIL_CHAIN_ID) && recorded.factory === deployed.factory,
      `address book ${path.basename(book)} written for chain ${ANVIL_CHAIN_ID}, factory ${String(deployed.factory)}`,
    );
    // What runs on chain is the production build: the contracts without immutables match its artifacts.
    for (const [name, address] of [
      ["GrantProgramFactory", deployed.factory],
      ["GrantProgramLens", deployed.lens],
    ] as const) {
      const artifact = JSON.parse(
        readFileSync(path.join(ROOT, BUILD_DIR, "artifacts", "contracts", `${name}.sol`, `${name}.json`), "utf8"),
      ) as { deployedBytecode: string };
      const code = (await rpc("eth_getCode", [address, "latest"])) as string;
      check(code === artifact.deployedBytecode, `${name}'s code on chain is the production build's`);
    }
    const governance = await step("Safes + timelock", "mg:deploy-governance", 0, []);
    const treasurerSafe = String(governance.treasurerSafe);
    const guardianSafe = String(governance.guardianSafe);
    const timelock = String(governance.timelock);
    console.log(
      `      bureau Safe ${String(governance.bureauSafe)} (3 of 5), treasurer Safe ${treasurerSafe} (2 of 3), guardian Safe ${guardianSafe} (1 of 2), timelock ${timelock} (2 days)`,
    );
    const programFile = "programs/guiyang-htz-blockchain-2017.json";
    const program = await step("program from its file", "mg:create-program", 0, [
      "--file",
      programFile,
      "--managers",
      "2",
      "--reviewers",
      "6,7,8,9",
      "--treasurer",
      treasurerSafe,
      "--guardian",
      guardianSafe,
      "--treasury",
      "5",
    ]);
    console.log(`      ${String(program.name)} at ${String(program.address)} from ${programFile}`);
    const handed = await step("admin powers to the timelock", "mg:hand-over", 0, []);
    check((handed.handedOver as string[]).length === 2, "the program's and the registry's admin role handed over");

    // Funding through the treasurer's Safe: 3 mints the demo yuan to the Safe and proposes; 24 confirms
    // from the file; 25 executes.
    const fundFile = file("fund-proposal.json");
    const fundProposal = ["--proposal", fundFile];
    await step("fund: proposal to the treasurer's Safe", "mg:fund", 3, [
      "--amount",
      "20,000,000.00",
      "--mint",
      "--via-safe",
      "treasurer",
      ...fundProposal,
    ]);
    await step("fund: a second owner confirms offline", "mg:safe-confirm", 24, fundProposal, { offline: true });
    const funded = await step("fund: the Safe executes", "mg:safe-execute", 25, fundProposal);
    check((funded.signatures as string[]).length === 2, "2 of 3 owners signed the funding");

    // An admin action with the real delay: the guardian's Safe pauses (1 of 2), the bureau's Safe (3 of 5)
    // schedules the unpause on the timelock, which refuses it until the 2 days are over.
    const pauseFile = file("pause-proposal.json");
    await step(
      "pause: proposal to the guardian's Safe (1 of 2)",
      "mg:pause",
      4,
      ["--via-safe", "guardian", "--proposal", pauseFile],
      { offline: true },
    );
    await step("pause: the guardian's Safe executes", "mg:safe-execute", 26, ["--proposal", pauseFile]);
    // The set-up key gave its admin role away: the contract refuses it, and the task names the revert
    // (decoded from the revert data anvil returns to gas estimation).
    await step("unpause by the set-up key alone", "mg:pause", 0, ["--unpause"], {
      expectRefusal: /does not hold the admin role/,
    });
    const unpauseFile = file("unpause-proposal.json");
    const unpause = ["--proposal", unpauseFile];
    await step(
      "unpause: proposal to the bureau's Safe, through the timelock",
      "mg:pause",
      0,
      ["--unpause", "--via-safe", "bureau", "--via-timelock", "timelock", ...unpause],
      { offline: true },
    );
    await step("unpause: second owner confirms offline", "mg:safe-confirm", 20, unpause, { offline: true });
    await step("unpause: third owner confirms offline", "mg:safe-confirm", 21, unpause, { offline: true });
    const scheduled = await step("unpause: the bureau's Safe schedules it", "mg:safe-execute", 22, unpause);
    check((scheduled.signatures as string[]).length === 3, "3 of 5 owners signed the unpause");
    await step("unpause: executed too early", "mg:timelock-execute", 11, unpause, {
      expectRefusal: /executable only after/,
    });
    const advanced = await step(
      "the clock: 2 days (evm_setNextBlockTimestamp, evm_mine)",
      "mg:advance-time",
      11,
      ["--days", "2"],
      { reads: true },
    );
    console.log(`      chain time now ${new Date(Number(advanced.now) * 1000).toISOString()}`);
    const unpaused = await step("unpause: the timelock executes", "mg:timelock-execute", 11, unpause);
    check(unpaused.timelock === timelock, "executed by the recorded timelock");

    // One grant end to end.
    await step("grantee registered", "mg:register-entity", 1, ["--uscc", SAMPLE_USCC, "--wallet", "10"]);
    const block = (await rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
    const award = await step("award", "mg:award", 2, sampleAwardArgs(Number(BigInt(block.timestamp))));
    const grant = String(award.grantId);
    const evidence = writeSampleEvidence(work);
    await step("evidence", "mg:evidence", 10, ["--file", evidence, "--grant", grant, "--milestone", "0"]);
    for (const reviewer of [6, 7, 8]) {
      await step(`vote ${reviewer - 5} of 3`, "mg:vote", reviewer, [
        "--grant",
        grant,
        "--decision",
        "approve",
        "--reason",
        "licence verified",
      ]);
    }
    await step("the notice window (7 days) passes", "mg:advance-time", 11, ["--days", "8"], { reads: true });
    const claim = await step("claim from the grantee's wallet", "mg:claim", 10, ["--grant", grant]);
    const status = await step("status", "mg:status", 11, ["--grant", grant], { reads: true });
    const report = await step("ledger from events", "mg:report", 11, [], { reads: true });

    const summary = status.summary as Record<string, { units: string }>;
    const grants = status.grants as Array<{ milestones: string[] }>;
    const balanceOf = async (token: string, holder: string) =>
      BigInt(
        (await rpc("eth_call", [
          { to: token, data: `0x70a08231${holder.slice(2).toLowerCase().padStart(64, "0")}` },
          "latest",
        ])) as string,
      );
    const token = (deployed.token as { address: string }).address;
    console.log("rehearsal: the ledger balances");
    check((claim.amount as { units: string }).units === "300000000", "claim paid 3,000,000.00 yuan");
    check((await balanceOf(token, accounts[10])) === 300_000_000n, "the grantee's wallet holds 3,000,000.00");
    check((await balanceOf(token, treasurerSafe)) === 0n, "the treasurer's Safe funded all it held");
    check(
      summary.funded.units === "2000000000" &&
        summary.paid.units === "300000000" &&
        summary.reserved.units === "200000000",
      "summary: funded 20,000,000.00, paid 3,000,000.00, reserved 2,000,000.00",
    );
    check(
      (await balanceOf(token, String(program.address))) === 2_000_000_000n - 300_000_000n,
      "the program holds funded − paid = 17,000,000.00",
    );
    check(grants[0].milestones.join(", ") === "#0 paid, #1 pending", "milestone #0 paid, #1 pending");
    check(status.identityHolds === true && status.solvent === true, "ledger identity holds; balance matches it");
    check(status.paused === false, "the program runs again after the timelock's unpause");
    check(report.reconciled === true, "events reconcile with summary()");
    // Two libraries probe for Hardhat and take a refusal as "a real network": hardhat-ethers asks
    // hardhat_metadata (its receipt polling interval), Ignition hardhat_getAutomine (whether to wait for
    // confirmations). No other Hardhat or anvil method may reach the node.
    const probes = new Set(["hardhat_metadata", "hardhat_getAutomine"]);
    const nodeSpecific = [...methods.keys()].filter((m) => /^(hardhat|anvil)_/.test(m) && !probes.has(m));
    console.log(`     the tasks' JSON-RPC methods: ${[...methods.entries()].map(([m, n]) => `${m} ×${n}`).join(", ")}`);
    check(
      nodeSpecific.length === 0,
      `no hardhat_* or anvil_* method but the two probes (${nodeSpecific.join(", ") || "none other"})`,
    );
  },
  () => {
    void stopProxy();
    node?.stop();
    scratch.remove();
  },
);

if (!passed) {
  console.error(`rehearsal: FAILED after ${seconds()} s (${steps.length} steps done)`);
  process.exitCode = 1;
} else {
  console.log(`rehearsal: passed on anvil in ${seconds()} s (${steps.length} steps)`);
}
