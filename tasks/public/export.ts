/**
 * mg:export — a program's public record for auditors and the public, from its events alone: the award
 * register as a 公示 publishes it, every milestone's history, and the ledger movements, each as a CSV
 * file (UTF-8 with a byte order mark, so Excel shows the Chinese correctly) and together as one XLSX
 * workbook. `--year` limits the files to one fiscal year (the calendar year in Beijing time). Without it
 * the movements' totals are checked against `summary()`, and a difference exits 1.
 *
 * Amounts are exact: yuan as text with the token's decimals, and token units as integers (XLSX number
 * cells only while an integer is exact as one, else text). No floating point is written.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { toCsv } from "../../core/csv.js";
import { LEDGER_MODULUS } from "../../core/ledger.js";
import { formatYuan } from "../../core/money.js";
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

/** Which way money moved for the program's ledger. */
const MOVEMENTS: Record<string, { field: string; direction: string; directionZh: string }> = {
  Funded: { field: "amount", direction: "in: funded", directionZh: "拨入" },
  Repaid: { field: "amount", direction: "in: repaid", directionZh: "退回（追回款）" },
  MilestoneClaimed: { field: "amount", direction: "out: paid to the grantee", directionZh: "支付给受资助方" },
  Withdrawn: { field: "amount", direction: "out: withdrawn to the treasury", directionZh: "退回国库" },
  SurplusSwept: { field: "amount", direction: "out: surplus to the treasury", directionZh: "余额退回国库" },
  MilestoneLapsed: { field: "amount", direction: "reserve released (lapsed)", directionZh: "预留释放（逾期失效）" },
  MilestoneCancelled: {
    field: "amount",
    direction: "reserve released (objection upheld)",
    directionZh: "预留释放（异议成立）",
  },
  GrantCancelled: {
    field: "released",
    direction: "reserve released (grant cancelled)",
    directionZh: "预留释放（资助取消）",
  },
  RecoveryOrdered: { field: "amount", direction: "recovery ordered (owed)", directionZh: "责令追回（应退）" },
};

/** A spreadsheet cell for token units: an exact integer number, or text when a number could not hold it. */
function unitsCell(units: bigint): number | string {
  return units <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(units) : units.toString();
}

/** The account an event names, if any. */
function accountOf(e: ProgramEvent): string {
  for (const name of ["wallet", "payer", "objector", "reviewer", "from", "treasury"]) {
    const value = e.args.toObject()[name] as unknown;
    if (typeof value === "string") return value;
  }
  return "";
}

/** The document or reason hash an event names, if any. */
function hashOf(e: ProgramEvent): string {
  for (const name of ["evidenceHash", "reasonHash", "descriptionHash", "termsHash"]) {
    const value = e.args.toObject()[name] as unknown;
    if (typeof value === "string") return value;
  }
  return "";
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
  // The fiscal year is the calendar year in Beijing time, as the budget is appropriated.
  const inYear = (e: ProgramEvent) => year === null || formatTimestamp(e.time).startsWith(`${year}-`);
  const events = all.filter(inYear);
  const y = (units: bigint) => formatYuan(units, p.decimals);
  const categoryKeys = new Map(Object.entries(p.entry.categories).map(([k, v]) => [BigInt(v), k]));
  // Company names come from the off-chain directory beside the address book, where one is published.
  const names = entityNames(env);

  const unitsHeader = `amount (token units, 1 yuan = 10^${p.decimals}) 金额（最小单位）`;
  // Each grant's events, gathered in one pass: filtering the whole history once per grant grew with
  // grants × events (minutes at 10,000 grants).
  const byGrant = new Map<bigint, ProgramEvent[]>();
  for (const x of all) {
    const id = x.args.toObject().grantId as bigint | undefined;
    if (id === undefined) continue;
    const list = byGrant.get(id);
    if (list === undefined) byGrant.set(id, [x]);
    else list.push(x);
  }
  const register: Array<Array<string | number>> = [];
  for (const e of events.filter((x) => x.name === "GrantAwarded")) {
    const a = e.args.toObject() as { grantId: bigint; entityNo: bigint; categoryId: bigint; amount: bigint };
    const later = byGrant.get(a.grantId) ?? [];
    const status = later.some((x) => x.name === "RecoveryOrdered")
      ? "recovery ordered 已责令追回"
      : later.some((x) => x.name === "GrantCancelled")
        ? "cancelled 已取消"
        : "awarded 已资助";
    const notices = later
      .filter((x) => x.name === "MilestoneApproved")
      .map((x) => {
        const m = x.args.toObject() as { index: bigint; noticeEndsAt: bigint };
        return `#${m.index} ${formatTimestamp(x.time)} – ${formatTimestamp(m.noticeEndsAt)}`;
      });
    register.push([
      a.grantId.toString(),
      a.entityNo.toString(),
      nameText(names, a.entityNo),
      categoryKeys.get(a.categoryId) ?? `category ${a.categoryId}`,
      y(a.amount),
      unitsCell(a.amount),
      formatTimestamp(e.time),
      notices.join("; "),
      status,
      e.txHash,
    ]);
  }

  const milestones: Array<Array<string | number>> = events
    .filter((e) => e.args.toObject().grantId !== undefined)
    .map((e) => {
      const a = e.args.toObject() as { grantId: bigint; index?: bigint; amount?: bigint; released?: bigint };
      const amount = a.amount ?? a.released;
      return [
        a.grantId.toString(),
        a.index === undefined ? "" : a.index.toString(),
        e.name,
        formatTimestamp(e.time),
        e.blockNumber,
        amount === undefined ? "" : y(amount),
        amount === undefined ? "" : unitsCell(amount),
        accountOf(e),
        hashOf(e),
        e.txHash,
      ];
    });

  const totals = new Map<string, bigint>();
  const ledger: Array<Array<string | number>> = [];
  for (const e of events) {
    const movement = MOVEMENTS[e.name];
    if (movement === undefined) continue;
    const o = e.args.toObject() as Record<string, unknown>;
    const amount = o[movement.field] as bigint;
    totals.set(e.name, (totals.get(e.name) ?? 0n) + amount);
    ledger.push([
      formatTimestamp(e.time),
      e.blockNumber,
      e.name,
      `${movement.direction} ${movement.directionZh}`,
      o.grantId === undefined ? "" : String(o.grantId),
      y(amount),
      unitsCell(amount),
      accountOf(e),
      e.txHash,
    ]);
  }
  const total = (name: string) => totals.get(name) ?? 0n;
  for (const [name, label] of [
    ["Funded", "total funded 拨入合计"],
    ["Repaid", "total repaid 退回合计"],
    ["MilestoneClaimed", "total paid 支付合计"],
    ["Withdrawn", "total withdrawn 退回国库合计"],
  ] as const) {
    ledger.push(["", "", "", label, "", y(total(name)), unitsCell(total(name)), "", ""]);
  }

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

  const sheets = [
    {
      key: "register",
      title: "Register 资助名单",
      header: [
        "grant 资助编号",
        "entity number 主体编号",
        "name 名称",
        "category 类别",
        "amount (yuan) 金额（元）",
        unitsHeader,
        "awarded (UTC+8) 资助时间",
        "public notice windows 公示期",
        "status 状态",
        "transaction 交易哈希",
      ],
      rows: register,
    },
    {
      key: "milestones",
      title: "Milestones 里程碑",
      header: [
        "grant 资助编号",
        "milestone 里程碑",
        "event 事件",
        "time (UTC+8) 时间",
        "block 区块",
        "amount (yuan) 金额（元）",
        unitsHeader,
        "account 账户",
        "document or reason hash 文件或理由哈希",
        "transaction 交易哈希",
      ],
      rows: milestones,
    },
    {
      key: "ledger",
      title: "Ledger 资金流水",
      header: [
        "time (UTC+8) 时间",
        "block 区块",
        "event 事件",
        "movement 资金方向",
        "grant 资助编号",
        "amount (yuan) 金额（元）",
        unitsHeader,
        "account 账户",
        "transaction 交易哈希",
      ],
      rows: ledger,
    },
  ];

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
      grants: register.length,
      events: milestones.length,
      movements: ledger.length - 4,
      totals: Object.fromEntries([...totals].map(([name, units]) => [name, p.amount(units)])),
      reconciled: failed === undefined,
    },
    lines: [
      line(
        `Exported ${p.name}${year === null ? "" : ` for fiscal year ${year}`}: ${register.length} grant(s), ${milestones.length} grant event(s), ${ledger.length - 4} money movement(s).`,
        `已导出 ${p.name}${year === null ? "" : ` ${year} 财政年度`}：资助 ${register.length} 笔，资助事件 ${milestones.length} 条，资金变动 ${ledger.length - 4} 笔。`,
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
