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
 *   - mg:report and mg:export over the full count, per 1,000 grants: time and requests.
 *
 * Exits 1 when a target is missed. Each figure is one entry of MEASUREMENTS below: a new figure (the
 * indexer's time per 1,000 grants, the portal's first page) is one more entry there.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import hre from "hardhat";

import { formatTable } from "../tasks/runtime/output.js";
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
  // Added by the team later, as entries here: the indexer's time per 1,000 grants, and the portal's
  // first page at SMALL vs GRANTS grants (both with a target, as mg:status's).
];

const connection = await hre.network.getOrCreate();
console.log(`bench:scale: seeding ${grouped(SMALL)} and ${grouped(GRANTS)} grants on the in-process network`);
const small = await createScaleProgram(hre, "bench-scale-small", SMALL);
const large = await createScaleProgram(hre, "bench-scale", GRANTS);
await small.seed(0, SMALL);
// Timed apart: the large program's seeding is the figure reported.
const seedStart = performance.now();
const seeding = await large.seed(SMALL, GRANTS);
const seedingMs = performance.now() - seedStart;
console.log(`  seeded in ${seconds(seedingMs)}; measuring`);
const bench: Bench = { small, large, counter: countRequests(connection.provider) };

const rows: MeasuredRow[] = [];
for (const measurement of MEASUREMENTS) {
  const t0 = performance.now();
  rows.push(...(await measurement.run(bench)));
  console.log(`  ${measurement.name}: ${seconds(performance.now() - t0)}`);
}
bench.counter.stop();
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
