/**
 * `npm run e2e:node`: the operator tasks against a real, separate Hardhat node.
 *
 * Starts `npx hardhat node` on a free port (scripts/lib/local-node.ts: Ctrl-C stops it too), runs the
 * task sequence as operators would (`npx hardhat mg:… --network localhost --json`, one process per
 * task), checks that the claim landed
 * and that the ledger rebuilt from events reconciles — also through a JSON-RPC proxy that caps log
 * queries as hosted endpoints do (scripts/lib/capping-proxy.ts) — then stops the node. The address book and the
 * Ignition journal go to a temporary folder / an `e2e-node` deployment id, so a developer's own local
 * deployment is never touched. Runs on plain Node 22 (type stripping): no project imports.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { forwardTo, startCappingProxy } from "./lib/capping-proxy.ts";
import { freePort, rpc as rpcAt, startNode, type LocalNode } from "./lib/local-node.ts";
import { runTask, scratchSpace, settle, succeeded, taskFailure, type Json } from "./lib/task-runner.ts";
import { SAMPLE_USCC, sampleAwardArgs, writeSampleEvidence } from "./lib/walkthrough.ts";

const started = Date.now();
const scratch = scratchSpace("mg-e2e-", "e2e-node");
const { work } = scratch;

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const rpc = (method: string, params: unknown[] = []) => rpcAt(url, method, params);
const env = {
  ...process.env,
  LOCALHOST_RPC_URL: url,
  ...scratch.env,
};
console.log(`e2e: starting a Hardhat node on ${url}`);

/** Runs one task as an operator would, with --json; fails the run with the task's sentence. */
async function task(name: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Json> {
  const run = await runTask("localhost", name, args, { ...env, ...extraEnv });
  if (!succeeded(run)) throw taskFailure(run);
  console.log(`  ✓ ${`${name} ${args.join(" ")}`.padEnd(100).slice(0, 100)} ${run.seconds.toFixed(1).padStart(5)} s`);
  return run.json;
}

let failed = false;
let node: LocalNode | undefined;
const completed = await settle(
  async () => {
    node = await startNode(port);
    console.log(`e2e: node up after ${((Date.now() - started) / 1000).toFixed(1)} s; running the tasks`);
    const deployed = await task("mg:deploy", ["--registrar", "1"]);
    await task("mg:create-program", [
      "--file",
      "programs/guiyang-htz-blockchain-2017.json",
      "--managers",
      "2",
      "--reviewers",
      "6,7,8,9",
      "--treasurer",
      "3",
      "--guardian",
      "4",
      "--treasury",
      "5",
    ]);
    await task("mg:fund", ["--from", "3", "--amount", "20,000,000.00", "--mint"]);
    await task("mg:register-entity", ["--from", "1", "--uscc", SAMPLE_USCC, "--wallet", "10"]);
    const block = (await rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
    const award = await task("mg:award", ["--from", "2", ...sampleAwardArgs(Number(BigInt(block.timestamp)))]);
    const grant = String(award.grantId);
    const evidenceFile = writeSampleEvidence(work);
    await task("mg:evidence", ["--from", "10", "--file", evidenceFile, "--grant", grant, "--milestone", "0"]);
    await task("mg:vote", ["--from", "6", "--grant", grant, "--decision", "approve", "--reason", "licence verified"]);
    await task("mg:vote", ["--from", "7", "--grant", grant, "--decision", "approve", "--evidence", evidenceFile]);
    const voteFile = path.join(work, "vote-8.json");
    await task("mg:sign-vote", ["--from", "8", "--grant", grant, "--decision", "approve", "--out", voteFile]);
    await task("mg:submit-votes", ["--from", "11", voteFile]);
    await task("mg:advance-time", ["--days", "8"]);
    const claim = await task("mg:claim", ["--from", "10", "--grant", grant]);
    const status = await task("mg:status", ["--grant", grant]);
    const report = await task("mg:report", []);
    // The same report through an endpoint that caps log queries as hosted ones do (here small: 4 blocks,
    // 25 logs, so this short chain hits the limits): mg:report must chunk, halve and still reconcile.
    const proxy = await startCappingProxy(forwardTo(url), { maxRange: 4, maxLogs: 25 });
    let capped: Json;
    try {
      capped = await task("mg:report", [], { LOCALHOST_RPC_URL: proxy.url });
    } finally {
      await proxy.close();
    }
    const queries = capped.logQueries as { requests: number; refused: number };
    // The administration's published directory beside the book names entity 1 of Guiyang's registry (numbers
    // are per registry: names are kept by jurisdiction); the export shows it.
    writeFileSync(
      String(deployed.addressBook).replace(/\.json$/, ".portal.json"),
      JSON.stringify({
        entities: { guiyang: { "1": { name: "E2E Lab Co., Ltd.", nameZh: "端到端实验室有限公司" } } },
        accounts: [],
      }),
    );
    const exported = await task("mg:export", ["--out", path.join(work, "exports")]);
    const named = await task("mg:status", ["--grant", grant]);
    const paged = await task("mg:status", ["--page-size", "1", "--newest"]);
    const namedReport = await task("mg:report", []);
    const register = readFileSync((exported.files as string[])[0], "utf8");

    // Governance on the same node, one process per step, the proposal file carried between them: the
    // bureau's Safes and timelock, the admin role handed over, then an unpause that needs 3 of 5
    // officials and waits out the 2-day delay.
    const governance = await task("mg:deploy-governance", []);
    await task("mg:hand-over", []);
    await task("mg:pause", ["--from", "4"]);
    const unpause = path.join(work, "unpause-proposal.json");
    const proposal = ["--proposal", unpause];
    await task("mg:pause", [
      "--from",
      "0",
      "--unpause",
      "--via-safe",
      "bureau",
      "--via-timelock",
      "timelock",
      ...proposal,
    ]);
    await task("mg:safe-confirm", ["--from", "20", ...proposal]);
    await task("mg:safe-confirm", ["--from", "23", ...proposal]);
    const scheduled = await task("mg:safe-execute", ["--from", "11", ...proposal]);
    await task("mg:advance-time", ["--days", "2"]);
    const unpaused = await task("mg:timelock-execute", ["--from", "11", ...proposal]);
    const afterGovernance = await task("mg:status", []);

    const summary = status.summary as Record<string, { yuan: string; units: string }>;
    const grants = status.grants as Array<{ milestones: string[] }>;
    const checks: Array<[string, boolean]> = [
      ["claim paid 3,000,000.00 yuan (300000000 units)", (claim.amount as { units: string }).units === "300000000"],
      ["summary: paid 3,000,000.00", summary.paid.units === "300000000" && summary.paid.yuan === "3000000.00"],
      ["summary: reserved 2,000,000.00", summary.reserved.units === "200000000"],
      ["milestone #0 paid, #1 pending", grants[0].milestones.join(", ") === "#0 paid, #1 pending"],
      ["ledger identity holds", status.identityHolds === true],
      ["--json states its amounts' unit (yuan, 2 decimals)", (status.amounts as { decimals: number }).decimals === 2],
      ["events reconcile with summary()", report.reconciled === true],
      [
        `through a capping endpoint too (${queries.requests} chunked queries, ${proxy.counters.refusedRange} ranges and ${proxy.counters.refusedSize} answers refused)`,
        capped.reconciled === true && proxy.counters.refusedRange > 0 && queries.refused > 0,
      ],
      [
        "mg:export: the register names the company from the directory and reconciles with summary()",
        register.includes("端到端实验室有限公司 E2E Lab Co., Ltd.") && exported.reconciled === true,
      ],
      [
        "mg:status and mg:report name the company as mg:export does",
        (named.grants as Array<{ entityName: string | null }>)[0].entityName ===
          "端到端实验室有限公司 E2E Lab Co., Ltd." &&
          JSON.stringify(namedReport.history).includes("entity 1 (E2E Lab Co., Ltd.)"),
      ],
      ["the capped report read the same history", JSON.stringify(capped.history) === JSON.stringify(report.history)],
      [
        "mg:status pages its grants: page 1 of 1 per page, 1 grant in all",
        paged.page === "1" &&
          paged.pageSize === "1" &&
          paged.total === "1" &&
          (paged.grants as Array<{ grantId: string }>).map((g) => g.grantId).join() === grant,
      ],
      [
        "governance: 3 of 5 signed the unpause in a file, the timelock ran it after 2 days, the program runs again",
        (scheduled.signatures as string[]).length === 3 &&
          unpaused.timelock === governance.timelock &&
          afterGovernance.paused === false,
      ],
    ];
    for (const [label, ok] of checks) {
      console.log(`  ${ok ? "✓" : "✗"} ${label}`);
      if (!ok) failed = true;
    }
  },
  () => {
    node?.stop();
    scratch.remove();
  },
);
if (!completed) failed = true;

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failed) {
  console.error(`e2e: FAILED after ${seconds} s`);
  process.exitCode = 1;
} else {
  console.log(`e2e: the claim landed on a separate node; done in ${seconds} s`);
}
