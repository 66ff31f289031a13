/**
 * One output path for every task: a human summary, or JSON with `--json`; any error becomes one
 * sentence (scripts/lib/errors.ts) and exit code 1.
 */
import { existsSync } from "node:fs";
import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { ErrorContext } from "../../scripts/lib/errors.js";
import { noContractSentence } from "./address-book.js";
import type { CommonArgs, TaskOutcome } from "./args.js";
import { openEnv, type TaskEnv } from "./connection.js";

/** A plain text table: a header, a rule, and one line per row; numbers and amounts right-aligned. */
export function formatTable(rows: Array<Record<string, string | number>>): string {
  if (rows.length === 0) return "  (none)";
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (row: Record<string, string | number>, column: string) => String(row[column] ?? "");
  const numeric = columns.map((c) => rows.every((row) => /^-?[\d,]+(\.\d+)?( yuan)?$|^$/.test(cell(row, c))));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((row) => cell(row, c).length)));
  const line = (values: string[]) =>
    "  " +
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [
    line(columns),
    "  " + widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map((row) => line(columns.map((c) => cell(row, c)))),
  ].join("\n");
}

/** JSON with bigints as strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}

export interface TaskReport<R> {
  result: R;
  /** The human summary, printed line by line (tables via console.table). */
  lines: Array<string | { table: Array<Record<string, string | number>> }>;
  /** A task that ran but found a problem (e.g. a ledger mismatch) sets this; the exit code becomes 1. */
  failed?: string;
}

/** Builds a task action: connect, run, print; any error becomes one sentence and exit code 1. */
export function defineAction<A extends CommonArgs, T extends TaskReport<object>>(
  name: string,
  body: (args: A, env: TaskEnv) => Promise<T>,
  options: { build?: boolean; replaceStaleLocalBook?: boolean } = {},
): (args: A, hre: HardhatRuntimeEnvironment) => Promise<TaskOutcome<T["result"]>> {
  return async (args, hre) => {
    let errorContext: ErrorContext = {};
    try {
      const root = hre.config.paths.root;
      if (options.build === true || !existsSync(path.join(root, "typechain-types", "index.ts"))) {
        await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
      }
      const env = await openEnv(hre, args.from, { replaceStaleLocalBook: options.replaceStaleLocalBook });
      errorContext = env.errorContext;
      const report = await body(args, env);
      if (args.json) {
        console.log(toJson({ ok: report.failed === undefined, task: name, ...report.result, error: report.failed }));
      } else {
        for (const line of report.lines) {
          if (typeof line === "string") console.log(line);
          else console.log(formatTable(line.table));
        }
        if (report.failed !== undefined) console.error(report.failed);
      }
      if (report.failed !== undefined) {
        process.exitCode = 1;
        return { ok: false, error: report.failed };
      }
      return { ok: true, result: report.result };
    } catch (error) {
      const sentence =
        noContractCall(error) ?? (await import("../../scripts/lib/errors.js")).errorSentence(error, errorContext);
      if (args.json) console.log(toJson({ ok: false, task: name, error: sentence }));
      else console.error(sentence);
      process.exitCode = 1;
      return { ok: false, error: sentence };
    }
  };
}

/**
 * A call to an address without a contract makes ethers throw "could not decode result data" (BAD_DATA,
 * value 0x): that raw text never reaches operators; this sentence says what happened instead.
 */
export function noContractCall(error: unknown): string | null {
  const e = error as { code?: unknown; value?: unknown; info?: { method?: unknown } } | null;
  if (e === null || typeof e !== "object" || e.code !== "BAD_DATA" || e.value !== "0x") return null;
  return noContractSentence(typeof e.info?.method === "string" ? e.info.method : undefined).en;
}

/** The result type of an action built with defineAction (what `--json` prints beside ok and task). */
export type ResultOf<F> = F extends (...args: never[]) => Promise<TaskOutcome<infer R>> ? R : never;
