/**
 * One output path for every task: a human summary, or JSON with `--json`; any error becomes one
 * sentence in Chinese and English (core/messages) and exit code 1.
 *
 * A refusal is printed as two lines, Chinese first (the officials' language), each tagged so a reader
 * of either language finds theirs at a glance and a script can grep `^Error: `:
 *   错误：退回金额 700,000.00 元超过应退回的 600,000.00 元。
 *   Error: A repayment of 700,000.00 yuan is more than the 600,000.00 yuan owed.
 * `--json` keeps `error` English (scripts key on it) and adds `errorZh`.
 */
import { existsSync } from "node:fs";
import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { Bilingual } from "../../core/messages/labels.js";
import type { ErrorContext } from "../../core/messages/sentences.js";
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

/**
 * What `--json` says about its amounts once the token is known: every amount is an object
 * `{ "yuan": "3000000.00", "units": "300000000" }` (core/money.ts machineAmount).
 */
function amountsNote(ctx: ErrorContext): object {
  if (ctx.decimals === undefined) return {};
  return {
    amounts: {
      currency: "yuan",
      decimals: ctx.decimals,
      yuan: "a decimal string in yuan, no separators",
      units: `integer token units (1 yuan = 10^${ctx.decimals} units)`,
    },
  };
}

export interface TaskReport<R> {
  result: R;
  /** The human summary, printed line by line (tables via console.table). */
  lines: Array<string | { table: Array<Record<string, string | number>> }>;
  /** A task that ran but found a problem (e.g. a ledger mismatch) sets this; the exit code becomes 1. */
  failed?: Bilingual;
}

/**
 * The two lines a refusal prints in human mode, Chinese first.
 * @param sentence the refusal in both languages
 */
export function refusalLines(sentence: Bilingual): string[] {
  return [`错误：${sentence.zh}`, `Error: ${sentence.en}`];
}

/**
 * Builds a task action: connect, run, print; any error becomes one sentence in both languages and
 * exit code 1.
 * @param name the task's name, e.g. "mg:claim" (the `task` field of `--json`)
 * @param body the task's work: returns the result, the human lines and any problem found
 * @param options `build: true` compiles first
 */
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
        console.log(
          toJson({
            ok: report.failed === undefined,
            task: name,
            ...amountsNote(errorContext),
            ...report.result,
            error: report.failed?.en,
            errorZh: report.failed?.zh,
          }),
        );
      } else {
        for (const line of report.lines) {
          if (typeof line === "string") console.log(line);
          else console.log(formatTable(line.table));
        }
        if (report.failed !== undefined) for (const line of refusalLines(report.failed)) console.error(line);
      }
      if (report.failed !== undefined) {
        process.exitCode = 1;
        return { ok: false, error: report.failed.en, errorZh: report.failed.zh };
      }
      return { ok: true, result: report.result };
    } catch (error) {
      // Imported here, not at the top: the decoder loads every ABI, which only a failure needs.
      const { errorSentences } = await import("../../core/messages/decoder.js");
      const sentence = noContractCall(error) ?? errorSentences(error, errorContext);
      if (args.json) console.log(toJson({ ok: false, task: name, error: sentence.en, errorZh: sentence.zh }));
      else for (const line of refusalLines(sentence)) console.error(line);
      process.exitCode = 1;
      return { ok: false, error: sentence.en, errorZh: sentence.zh };
    }
  };
}

/**
 * A call to an address without a contract makes ethers throw "could not decode result data" (BAD_DATA,
 * value 0x): that raw text never reaches operators; this sentence says what happened instead.
 */
export function noContractCall(error: unknown): Bilingual | null {
  const e = error as { code?: unknown; value?: unknown; info?: { method?: unknown } } | null;
  if (e === null || typeof e !== "object" || e.code !== "BAD_DATA" || e.value !== "0x") return null;
  return noContractSentence(typeof e.info?.method === "string" ? e.info.method : undefined);
}

/** The result type of an action built with defineAction (what `--json` prints beside ok and task). */
export type ResultOf<F> = F extends (...args: never[]) => Promise<TaskOutcome<infer R>> ? R : never;
