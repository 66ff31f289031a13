/**
 * mg:export — a program's public record for auditors and the public, from its events alone: the award
 * register as a 公示 publishes it, every milestone's history, and the ledger movements, each as a CSV
 * file (UTF-8 with a byte order mark, so Excel shows the Chinese correctly) and together as one XLSX
 * workbook; a program with fiscal years adds each year's budget line (appropriated, carried over, released,
 * awarded, returned, available), rebuilt from the events. `--year` limits the files to one fiscal year (the
 * program's own fiscal year where it keeps them, else the calendar year in Beijing time). Without it
 * the movements' totals are checked against `summary()`, and a difference exits 1.
 *
 * Amounts are exact: yuan as text with the token's decimals, and token units as integers (XLSX number
 * cells only while an integer is exact as one, else text). No floating point is written.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { toCsv } from "../../core/csv.js";
import { LEDGER_MODULUS } from "../../core/ledger.js";
import { publicRecord, type RecordEvent } from "../../core/public-record.js";
import { formatTimestamp } from "../../core/time.js";
import { entityNames, nameText } from "../runtime/directory.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { programEvents, type ProgramEvent } from "../runtime/history.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { bookProgram } from "../runtime/resolution.js";

export interface ExportArgs extends CommonArgs {
  program: string | undefined;
  out: string | undefined;
  year: string | undefined;
}

/** A task-side event as the public record reads it. */
function recordEvent(e: ProgramEvent): RecordEvent {
  return { name: e.name, values: e.args.toObject(), block: e.blockNumber, txHash: e.txHash, time: e.time };
}

const action = defineAction("mg:export", async (args: ExportArgs, env) => {
  const p = await bookProgram(env, args.program);
  const out = args.out === undefined || args.out.trim() === "" ? "exports" : args.out;
  const year = args.year === undefined || args.year.trim() === "" ? null : args.year.trim();
  if (year !== null && !/^\d{4}$/.test(year)) {
    throw new TaskInputError(
      `--year "${year}" is not a year: write the fiscal year as four digits, e.g. 2027.`,
      `--year“${year}”不是年份：请以四位数字写出财政年度，例如 2027。`,
    );
  }
  const { events: all, toBlock } = await programEvents(env.ethers.provider, p.program, p.entry.createdAtBlock);
  // The fiscal year: the program's own (its calendar fixed on chain) where it keeps fiscal years, else the
  // calendar year in Beijing time, as the budget is appropriated.
  const { startMonth } = await p.program.fiscalBook();
  const bounds = year === null || startMonth === 0n ? null : await p.program.fiscalYear(Number(year));
  const inYear = (e: ProgramEvent) =>
    year === null ||
    (bounds === null
      ? formatTimestamp(e.time).startsWith(`${year}-`)
      : BigInt(e.time) >= bounds.startsAt && BigInt(e.time) < bounds.endsAt);
  const events = all.filter(inYear);
  const categoryKeys = new Map(Object.entries(p.entry.categories).map(([k, v]) => [BigInt(v), k]));
  // Company names come from the off-chain directory beside the address book, where one is published.
  const names = entityNames(env, p.entry.jurisdiction);

  const record = publicRecord(events.map(recordEvent), all.map(recordEvent), {
    decimals: p.decimals,
    categoryKeys,
    entityName: (no) => nameText(names, no),
  });
  const { sheets, totals } = record;
  const total = (name: string) => totals.get(name) ?? 0n;

  // The whole history must give summary()'s lifetime counters (kept modulo 2^128, core/ledger.ts).
  let failed: { en: string; zh: string } | undefined;
  if (year === null) {
    // At the block the events were read to: a transaction mined meanwhile must not look like a gap.
    const s = await p.program.summary({ blockTag: toBlock });
    const differs = [
      ["funded", total("Funded"), s.funded],
      ["repaid", total("Repaid"), s.repaid],
      ["paid", total("MilestoneClaimed"), s.paid],
      ["withdrawn", total("Withdrawn"), s.withdrawn],
    ].filter(([, events, chain]) => (events as bigint) % LEDGER_MODULUS !== chain);
    if (differs.length > 0) {
      const fields = differs.map(([field]) => field).join(", ");
      failed = {
        en: `The exported movements of ${p.name} do not add up to summary() on ${fields}.`,
        zh: `${p.name} 导出的资金流水与 summary() 在 ${fields} 上不一致。`,
      };
    }
  }

  mkdirSync(out, { recursive: true });
  const stem = path.join(out, `${p.name}${year === null ? "" : `-${year}`}`);
  const files: string[] = [];
  for (const sheet of sheets) {
    const file = `${stem}-${sheet.key}.csv`;
    writeFileSync(file, toCsv([sheet.header, ...sheet.rows.map((row) => row.map(String))], { bom: true }));
    files.push(file);
  }
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Milestone Grants mg:export";
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.title);
    ws.addRow(sheet.header).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row);
  }
  const xlsx = `${stem}.xlsx`;
  await workbook.xlsx.writeFile(xlsx);
  files.push(xlsx);

  return {
    result: {
      program: p.name,
      year,
      files,
      grants: record.grants,
      events: record.grantEvents,
      movements: record.movements,
      totals: Object.fromEntries([...totals].map(([name, units]) => [name, p.amount(units)])),
      reconciled: failed === undefined,
    },
    lines: [
      line(
        `Exported ${p.name}${year === null ? "" : ` for fiscal year ${year}`}: ${record.grants} grant(s), ${record.grantEvents} grant event(s), ${record.movements} money movement(s).`,
        `已导出 ${p.name}${year === null ? "" : ` ${year} 财政年度`}：资助 ${record.grants} 笔，资助事件 ${record.grantEvents} 条，资金变动 ${record.movements} 笔。`,
      ),
      ...files.map((f) => line(`  ${f}`, `  ${f}`)),
      ...(year === null
        ? failed === undefined
          ? [
              line(
                "  The movements add up to summary(): funded, repaid, paid and withdrawn match.",
                "  资金变动合计与 summary() 一致：拨入、退回、支付和提取均相符。",
              ),
            ]
          : []
        : [
            line(
              "  One fiscal year: totals are the year's, not compared with the lifetime summary().",
              "  仅一个财政年度：合计为该年度数额，不与累计的 summary() 比较。",
            ),
          ]),
    ],
    failed,
  };
});

export default action;

/** What mg:export returns (and prints with --json, beside ok and task). */
export type ExportResult = ResultOf<typeof action>;
