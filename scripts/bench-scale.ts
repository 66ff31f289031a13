/**
 * `npm run bench:scale`: how the public tasks hold up as a program grows, measured in one run on a
 * fresh in-process Hardhat network.
 *
 * Seeds BENCH_SCALE_GRANTS grants (default 10,000) of the Guiyang city policy's innovation-talent award
 * (500,000 yuan, two milestones) with scripts/lib/scale-world.ts: the program is created and funded by
 * the tasks (mg:deploy, mg:create-program, mg:fund), the grantees registered and the grants awarded by
 * raw transactions, hundreds per block. Then it runs the tasks as operators do and prints, with units:
 *
 *   - the seeding time;
 *   - mg:status's first page of a program of 100 grants and of one of the full count: time (median of
 *     runs taking turns) and JSON-RPC requests. Targets: time ratio ≤ 1.5×, requests equal;
 *   - mg:report and mg:export over the full count, per 1,000 grants: time and requests;
 *   - the indexer's sync from start to caught up, per 1,000 grants;
 *   - the portal's public page (portal/src/lists.ts publicPage) at both sizes, on direct chain reads
 *     and with the indexer: time and requests. Targets: time ratio ≤ 1.5×, requests equal.
 *
 * Exits 1 when a target is missed. Each figure is one entry of MEASUREMENTS below: a new figure (the
 * indexer's time per 1,000 grants, the portal's first page) is one more entry there.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import hre from "hardhat";

import { BrowserProvider } from "ethers";

import { formatTable } from "../tasks/runtime/output.js";
import { addressBookDir, addressBookFile, chainIdentity } from "../tasks/runtime/address-book.js";
import { ChainListSource, publicPage, type ListSource, type ProgramRef } from "../portal/src/lists.js";
import { IndexerListSource } from "../portal/src/indexer-lists.js";
import { startIndexer, type RunningIndexer } from "./lib/indexer.js";
import { freePort } from "./lib/local-node.js";
import { countRequests, type RequestCounter } from "./lib/rpc-count.js";
import { createScaleProgram, quietTask, type ScaleProgram } from "./lib/scale-world.js";

const started = performance.now();
const SMALL = 100;
const GRANTS = grantsToSeed(process.env.BENCH_SCALE_GRANTS);
/** mg:status's time at GRANTS over its time at SMALL may be at most this. */
const STATUS_TIME_RATIO = 1.5;
/** Runs of mg:status per size; the median is kept (a shared machine's noise is not the program's). */
const STATUS_RUNS = 7;

/** BENCH_SCALE_GRANTS: a whole number above 100 (the small size), default 10,000. */
function grantsToSeed(text: string | undefined): number {
  if (text === undefined || text.trim() === "") return 10_000;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= SMALL) {
    throw new Error(`BENCH_SCALE_GRANTS must be a whole number above ${SMALL}, not "${text}".`);
  }
  return n;
}

/** One printed row: what was measured, the figure with its units, the target and whether it held. */
export interface MeasuredRow {
  figure: string;
  value: string;
  target?: string;
  /** undefined: a figure without a target (reported, never fails the run). */
  met?: boolean;
}

/** What a measurement works with: the two seeded programs and the request counter on their connection. */
interface Bench {
  /** A program of SMALL grants, and one of GRANTS grants (seeded before the measurements run). */
  small: ScaleProgram;
  large: ScaleProgram;
  counter: RequestCounter;
  /** The connection's EIP-1193 provider (counted), for the portal's list layer. */
  provider: { request(args: { method: string; params?: unknown[] }): Promise<unknown> };
  /** The node the run is on (the indexer reads it over HTTP) and its address book. */
  nodeUrl: string;
  bookFile: string;
  /** A temporary folder of the run (the indexer's PGlite). */
  work: string;
  lens: string;
  /** The indexer, once the indexer measurement started it. */
  indexer?: RunningIndexer;
}

/** One measurement: runs in order, returns its rows. Add a figure by adding an entry to MEASUREMENTS. */
interface Measurement {
  name: string;
  run(bench: Bench): Promise<MeasuredRow[]>;
}

const grouped = (n: number) => n.toLocaleString("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 3 : 1)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs a task once; its time in milliseconds and the JSON-RPC requests it sent. */
async function measured(
  bench: Bench,
  name: string,
  args: Record<string, unknown>,
): Promise<{ ms: number; requests: number }> {
  bench.counter.reset();
  const t0 = performance.now();
  await quietTask(hre, name, args);
  return { ms: performance.now() - t0, requests: bench.counter.total };
}

/**
 * mg:status's first page of each program, STATUS_RUNS times, the two taking turns (so a busy moment of
 * a shared machine falls on both): the median time of each and its requests (the same every run).
 */
async function statusFirstPages(bench: Bench): Promise<Array<{ ms: number; requests: number }>> {
  const programs = [bench.small, bench.large];
  const runs: Array<Array<{ ms: number; requests: number }>> = programs.map(() => []);
  for (let i = 0; i < STATUS_RUNS; i++) {
    for (const [j, program] of programs.entries()) {
      runs[j].push(await measured(bench, "mg:status", { program: program.name }));
    }
  }
  return runs.map((list, j) => {
    const requests = new Set(list.map((r) => r.requests));
    if (requests.size !== 1) {
      throw new Error(
        `mg:status sent ${[...requests].join(" / ")} requests in runs of ${programs[j].name}'s first page`,
      );
    }
    return { ms: median(list.map((r) => r.ms)), requests: list[0].requests };
  });
}

/** Per 1,000 grants: a figure measured over `grants` grants. */
const per1000 = (value: number, grants: number) => (value * 1000) / grants;

const MEASUREMENTS: Measurement[] = [
  {
    name: "mg:status first page, small and large",
    async run(bench) {
      // Once before timing: the first run loads the task's modules.
      await quietTask(hre, "mg:status", { program: bench.small.name });
      const [small, large] = await statusFirstPages(bench);
      const ratio = large.ms / small.ms;
      return [
        {
          figure: `mg:status first page (50 grants) at ${grouped(SMALL)} grants`,
          value: `${seconds(small.ms)}, ${small.requests} RPC requests`,
        },
        {
          figure: `mg:status first page (50 grants) at ${grouped(GRANTS)} grants`,
          value: `${seconds(large.ms)}, ${large.requests} RPC requests`,
        },
        {
          figure: `mg:status time, ${grouped(GRANTS)} vs ${grouped(SMALL)} grants`,
          value: `${ratio.toFixed(2)}×`,
          target: `≤ ${STATUS_TIME_RATIO}×`,
          met: ratio <= STATUS_TIME_RATIO,
        },
        {
          figure: `mg:status RPC requests, ${grouped(GRANTS)} vs ${grouped(SMALL)} grants`,
          value: `${large.requests} vs ${small.requests}`,
          target: "equal",
          met: large.requests === small.requests,
        },
      ];
    },
  },
  {
    name: "mg:report and mg:export per 1,000 grants",
    async run(bench) {
      const out = mkdtempSync(path.join(tmpdir(), "mg-bench-scale-"));
      try {
        // Each task fails the run if its ledger does not reconcile (quietTask throws its sentence).
        const figures = {
          "mg:report": await measured(bench, "mg:report", { program: bench.large.name }),
          "mg:export": await measured(bench, "mg:export", { program: bench.large.name, out }),
        };
        return Object.entries(figures).map(([name, { ms, requests }]) => ({
          figure: `${name} per 1,000 grants (run over ${grouped(GRANTS)})`,
          value: `${seconds(per1000(ms, GRANTS))}, ${per1000(requests, GRANTS).toFixed(1)} RPC requests (${seconds(ms)}, ${requests} in all)`,
        }));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  },
  {
    name: "indexer: sync of every grant",
    async run(bench) {
      const t0 = performance.now();
      bench.indexer = await startIndexer(
        {
          rpcUrl: bench.nodeUrl,
          bookFile: bench.bookFile,
          port: await freePort(),
          dataDir: path.join(bench.work, "pglite"),
        },
        600_000,
      );
      const ms = performance.now() - t0;
      const all = SMALL + GRANTS;
      return [
        {
          figure: `indexer (Ponder, PGlite): from start to caught up, ${grouped(all)} grants`,
          value: `${seconds(ms)} (${seconds(per1000(ms, all))} per 1,000 grants)`,
        },
      ];
    },
  },
  {
    name: "portal first page, small and large, direct reads and with the indexer",
    async run(bench) {
      // No request cache, as in the portal (portal/src/chain.ts): every read goes to the node.
      const provider = new BrowserProvider(bench.provider, undefined, { cacheTimeout: -1 });
      const lens = bench.lens;
      const sources: Array<[string, ListSource]> = [
        ["direct chain reads", new ChainListSource(provider, lens)],
        ["with the indexer", new IndexerListSource(provider, lens, bench.indexer!.url)],
      ];
      const rows: MeasuredRow[] = [];
      for (const [label, lists] of sources) {
        const refs: ProgramRef[] = [bench.small, bench.large].map((p) => ({ address: p.address, fromBlock: 0 }));
        const load = (ref: ProgramRef) =>
          publicPage(lists, ref, {
            pageSize: 20,
            awards: { page: 1, order: "newest" },
            noticesCursor: null,
            ledgerCursor: null,
          });
        await load(refs[0]); // once before timing: the provider learns the network
        // Block headers are read for the times of the rows shown: as many as the distinct blocks those
        // rows were mined in (at most the page's rows), which depends on how they were mined, not on
        // the program's size. They are counted apart; every other request must be the same.
        const runs = refs.map(() => [] as Array<{ ms: number; requests: number; headers: number }>);
        for (let i = 0; i < STATUS_RUNS; i++) {
          for (const [j, ref] of refs.entries()) {
            bench.counter.reset();
            const t0 = performance.now();
            const page = await load(ref);
            const headers = bench.counter.byMethod.eth_getBlockByNumber ?? 0;
            runs[j].push({ ms: performance.now() - t0, requests: bench.counter.total, headers });
            if (page.awards.total !== Number(j === 0 ? SMALL : GRANTS)) {
              throw new Error(`the portal's page counted ${page.awards.total} awards`);
            }
            // The indexer's figures are its own, not the chain fallback's (used while it is behind).
            if (lists instanceof IndexerListSource && lists.lastAnsweredBy !== "indexer") {
              throw new Error("the portal's lists fell back to direct reads: the indexer was behind the chain");
            }
          }
        }
        const [small, large] = runs.map((list) => ({
          ms: median(list.map((r) => r.ms)),
          requests: Math.max(...list.map((r) => r.requests)),
          headers: Math.max(...list.map((r) => r.headers)),
          steady: new Set(list.map((r) => `${r.requests}/${r.headers}`)).size === 1,
        }));
        const others = (r: { requests: number; headers: number }) => r.requests - r.headers;
        const ratio = large.ms / small.ms;
        rows.push(
          {
            figure: `portal public page (20 rows), ${label}, at ${grouped(SMALL)} grants`,
            value: `${seconds(small.ms)}, ${small.requests} RPC requests (${small.headers} block headers)`,
          },
          {
            figure: `portal public page (20 rows), ${label}, at ${grouped(GRANTS)} grants`,
            value: `${seconds(large.ms)}, ${large.requests} RPC requests (${large.headers} block headers)`,
          },
          {
            figure: `portal page time, ${label}, ${grouped(GRANTS)} vs ${grouped(SMALL)} grants`,
            value: `${ratio.toFixed(2)}×`,
            target: `≤ ${STATUS_TIME_RATIO}×`,
            met: ratio <= STATUS_TIME_RATIO,
          },
          {
            figure: `portal page RPC requests but block headers, ${label}, ${grouped(GRANTS)} vs ${grouped(SMALL)}`,
            value: `${others(large)} vs ${others(small)}`,
            target: "equal",
            met: others(large) === others(small) && small.steady && large.steady,
          },
          {
            figure: `portal page block headers, ${label}, at ${grouped(GRANTS)} grants`,
            value: `${large.headers}`,
            target: "≤ 25 (rows + 5)",
            met: large.headers <= 25,
          },
        );
      }
      await bench.indexer!.stop();
      return rows;
    },
  },
];

const connection = await hre.network.getOrCreate();
console.log(`bench:scale: seeding ${grouped(SMALL)} and ${grouped(GRANTS)} grants on ${process.env.MG_BENCH_NODE_URL}`);
const small = await createScaleProgram(hre, "bench-scale-small", SMALL);
const large = await createScaleProgram(hre, "bench-scale", GRANTS);
await small.seed(0, SMALL);
// Timed apart: the large program's seeding is the figure reported.
const seedStart = performance.now();
const seeding = await large.seed(SMALL, GRANTS);
const seedingMs = performance.now() - seedStart;
console.log(`  seeded in ${seconds(seedingMs)}; measuring`);
const nodeUrl = process.env.MG_BENCH_NODE_URL;
if (nodeUrl === undefined) {
  throw new Error("bench:scale runs on a node: start it with `npm run bench:scale` (scripts/bench-scale-run.ts).");
}
const identity = await chainIdentity((method, params) => connection.provider.request({ method, params }));
const bookFile = addressBookFile(addressBookDir(process.cwd()), identity);
const work = mkdtempSync(path.join(tmpdir(), "mg-bench-scale-indexer-"));
const bench: Bench = {
  small,
  large,
  counter: countRequests(connection.provider),
  provider: connection.provider,
  nodeUrl,
  bookFile,
  work,
  lens: (JSON.parse(readFileSync(bookFile, "utf8")) as { lens: string }).lens,
};

const rows: MeasuredRow[] = [];
for (const measurement of MEASUREMENTS) {
  const t0 = performance.now();
  rows.push(...(await measurement.run(bench)));
  console.log(`  ${measurement.name}: ${seconds(performance.now() - t0)}`);
}
bench.counter.stop();
await bench.indexer?.stop();
rmSync(work, { recursive: true, force: true });
rows.unshift({
  figure: `seeding ${grouped(GRANTS)} grants (${grouped(seeding.transactions)} transactions in ${grouped(seeding.blocks)} blocks)`,
  value: `${seconds(seedingMs)} (${seconds(per1000(seedingMs, GRANTS))} per 1,000 grants)`,
});
console.log(
  formatTable(
    rows.map((r) => ({
      figure: r.figure,
      measured: r.value,
      target: r.target ?? "",
      result: r.met === undefined ? "" : r.met ? "ok" : "MISSED",
    })),
  ),
);
const missed = rows.filter((r) => r.met === false);
console.log(`bench:scale: ${seconds(performance.now() - started)} in all (${grouped(GRANTS)} grants)`);
if (missed.length > 0) {
  console.error(`bench:scale: ${missed.length} target(s) missed: ${missed.map((r) => r.figure).join("; ")}`);
  process.exitCode = 1;
}
