/**
 * One output path for every task: a human summary, or JSON with `--json`; any error becomes one
 * sentence in Chinese and English (core/messages) and exit code 1.
 *
 * The summary is written in both languages (every line a {@link Bilingual}, every table header from a
 * bilingual column map) and printed in the one MG_LANG chooses: "zh" or "en" (the default). `--json`
 * is never translated.
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

import type { Bilingual, Lang } from "../../core/messages/labels.js";
import type { ErrorContext } from "../../core/messages/sentences.js";
import { noContractSentence } from "./address-book.js";
import { TaskInputError, type CommonArgs, type TaskOutcome } from "./args.js";
import { openEnv, type TaskEnv } from "./connection.js";

/** A table cell: a number, a value the same in both languages (an address, a hash), or a text in both. */
export type Cell = string | number | Bilingual;

/**
 * A summary table: every column's header in both languages (keyed like the rows), so a table cannot
 * have an English-only header; cells are plain values or {@link Bilingual} words.
 */
export interface Table<K extends string = string> {
  columns: Readonly<Record<K, Bilingual>>;
  rows: Array<Record<K, Cell>>;
}

/** One line of a task's human summary: a sentence in both languages, or a table. */
export type SummaryLine = Bilingual | { table: Table };

/**
 * One summary line in both languages. Both are required, so an English-only line does not compile.
 * @param en the English line (printed with MG_LANG=en or unset)
 * @param zh the same line in Chinese (printed with MG_LANG=zh)
 */
export function line(en: string, zh: string): Bilingual {
  return { en, zh };
}

/**
 * A table whose column headers are typed against its rows: every key a row uses needs a header in
 * both languages.
 * @param columns the header of each column, in both languages, in display order
 * @param rows the rows, keyed like `columns`
 */
export function table<K extends string>(
  columns: Readonly<Record<K, Bilingual>>,
  rows: Array<Record<K, Cell>>,
): { table: Table } {
  return { table: { columns, rows } as unknown as Table };
}

/** The environment variable that chooses the summary language. */
export const LANG_VARIABLE = "MG_LANG";

/**
 * The language of human summaries, from MG_LANG: "zh" or "en"; unset or empty is English (today's
 * output, which scripts and tests compare). Any other value is refused in both languages.
 * @param value the variable's value (default: process.env.MG_LANG)
 */
export function summaryLang(value: string | undefined = process.env[LANG_VARIABLE]): Lang {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "en") return "en";
  if (v === "zh") return "zh";
  throw new TaskInputError(
    `MG_LANG=${value} is not a language the tasks speak: use MG_LANG=zh (Chinese) or MG_LANG=en (English, the default).`,
    `MG_LANG=${value} 不是可用的输出语言：请使用 MG_LANG=zh（中文）或 MG_LANG=en（英文，默认）。`,
  );
}

// A CJK character or full-width punctuation takes two terminal columns.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/gu;

/** Terminal columns a text takes in Chinese output (wide characters count twice). */
function displayWidth(text: string): number {
  return text.length + (text.match(WIDE)?.length ?? 0);
}

/**
 * A plain text table: a header, a rule, and one line per row; numbers and amounts right-aligned.
 * English output measures by string length (unchanged from earlier releases); Chinese by terminal
 * columns, so headers and cells in Chinese stay aligned.
 * @param rows the rows; the first row's keys (and any later ones) are the headers
 * @param lang the language, which only decides how widths are measured and the empty-table text
 */
export function formatTable(rows: Array<Record<string, string | number>>, lang: Lang = "en"): string {
  if (rows.length === 0) return lang === "zh" ? "  （无）" : "  (none)";
  const width = lang === "zh" ? displayWidth : (text: string) => text.length;
  const pad = (text: string, w: number, start: boolean) => {
    const fill = " ".repeat(Math.max(0, w - width(text)));
    return start ? fill + text : text + fill;
  };
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (row: Record<string, string | number>, column: string) => String(row[column] ?? "");
  const numeric = columns.map((c) => rows.every((row) => /^-?[\d,]+(\.\d+)?( yuan| 元)?$|^$/.test(cell(row, c))));
  const widths = columns.map((c) => Math.max(width(c), ...rows.map((row) => width(cell(row, c)))));
  const render = (values: string[]) =>
    "  " +
    values
      .map((v, i) => pad(v, widths[i], numeric[i]))
      .join("  ")
      .trimEnd();
  return [
    render(columns),
    "  " + widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map((row) => render(columns.map((c) => cell(row, c)))),
  ].join("\n");
}

/**
 * A summary table in one language: headers from its column map, Bilingual cells in that language.
 * @param t the table
 * @param lang the language
 */
export function renderTable(t: Table, lang: Lang): string {
  const keys = Object.keys(t.columns);
  const rows = t.rows.map((row) =>
    Object.fromEntries(
      keys.map((key) => {
        const value = row[key];
        return [t.columns[key][lang], typeof value === "object" ? value[lang] : value];
      }),
    ),
  );
  return formatTable(rows, lang);
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
  /** The human summary, printed line by line in the language MG_LANG chooses (never in `--json`). */
  lines: SummaryLine[];
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
      // Chosen once, before any work: a mistyped MG_LANG is refused even with --json.
      const lang = summaryLang();
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
        for (const entry of report.lines) {
          console.log("table" in entry ? renderTable(entry.table, lang) : entry[lang]);
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
