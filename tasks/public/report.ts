/**
 * mg:report — rebuilds a program's ledger and history from its events alone (Funded, GrantAwarded,
 * MilestoneClaimed, MilestoneLapsed, MilestoneCancelled, GrantCancelled, RecoveryOrdered, Repaid,
 * Withdrawn, Appropriated, FiscalYearClosed, …) and checks it against summary(), the ledger identity and,
 * for a program with fiscal years, each year's fiscalYear() line. Exit code 1 on any mismatch.
 */
import { Compliance, enumNames, type ComplianceName } from "../../core/enums.js";
import { FISCAL_FIELDS, fiscalYearsFromEvents, readFiscalYears, yearEndWords } from "../../core/fiscal.js";
import { FISCAL_YEAR_COLUMNS, fiscalYearRow } from "../runtime/fiscal-table.js";
import { LEDGER_MODULUS, ledgerIdentityHolds } from "../../core/ledger.js";
import { formatBeijing, type Bilingual } from "../../core/messages/labels.js";
import { formatYuan } from "../../core/money.js";
import { formatTimestamp } from "../../core/time.js";
import type { CommonArgs } from "../runtime/args.js";
import { bookProgram, summaryAmounts } from "../runtime/resolution.js";
import { entityNames } from "../runtime/directory.js";
import { defineAction, line, table, type ResultOf, type SummaryLine } from "../runtime/output.js";
import { eventsNamed, programEvents } from "../runtime/history.js";

const COMPLIANCE_NAMES = enumNames(Compliance);

export interface ReportArgs extends CommonArgs {
  program: string | undefined;
}

interface HistoryRow {
  block: number;
  logIndex: number;
  event: string;
  grant: string;
  milestone: string;
  amount: bigint | null;
  detail: Bilingual;
}

// The events as the Chinese history names them (English keeps the contract's event names).
const EVENT_ZH: Readonly<Record<string, string>> = {
  Funded: "拨入资金",
  Withdrawn: "提取资金",
  SurplusSwept: "结余划转",
  GrantAwarded: "授予资助",
  EvidenceSubmitted: "提交佐证材料",
  VoteCast: "评审投票",
  MilestoneApproved: "里程碑通过评审",
  MilestoneRejected: "里程碑未通过",
  ObjectionFiled: "提出异议",
  ObjectionRuled: "异议裁决",
  DeadlineExtended: "截止时间顺延",
  MilestoneClaimed: "领取款项",
  MilestoneLapsed: "里程碑失效",
  MilestoneCancelled: "里程碑取消",
  GrantCancelled: "撤销资助",
  RecoveryOrdered: "责令追回",
  Repaid: "退回款项",
  SupervisionStarted: "监管期开始",
  AttestationFiled: "提交合规报告",
  RecoveryAfterSupervision: "监管期满后特批追回",
  Appropriated: "列入年度预算",
  FiscalYearClosed: "预算年度结账",
  AwardDecided: "授予决定",
};

// The column headers of mg:report's tables, in both languages.
const HISTORY_COLUMNS = {
  block: { en: "block", zh: "区块" },
  time: { en: "time", zh: "时间" },
  event: { en: "event", zh: "事件" },
  grant: { en: "grant", zh: "资助" },
  milestone: { en: "milestone", zh: "里程碑" },
  amount: { en: "amount (yuan)", zh: "金额（元）" },
  detail: { en: "detail", zh: "详情" },
};
const GRANT_COLUMNS = {
  grant: { en: "grant", zh: "资助" },
  entity: { en: "entity", zh: "主体" },
  awarded: { en: "awarded", zh: "资助金额" },
  paid: { en: "paid", zh: "已支付" },
  released: { en: "released (lapsed/cancelled)", zh: "已释放（失效/取消）" },
  reserved: { en: "reserved", zh: "预留" },
  recoveryOrdered: { en: "recovery ordered", zh: "责令追回" },
  repaid: { en: "repaid", zh: "已退回" },
};
const YEAR_COLUMNS = {
  ...FISCAL_YEAR_COLUMNS,
  check: { en: "events vs fiscalYear()", zh: "事件与 fiscalYear() 核对" },
};
const LEDGER_COLUMNS = {
  field: { en: "field", zh: "科目" },
  events: { en: "from events", zh: "按事件重算" },
  summary: { en: "summary()", zh: "summary()" },
  check: { en: "check", zh: "核对" },
};
// The ledger fields as the Chinese comparison names them.
const FIELD_ZH: Readonly<Record<string, string>> = {
  funded: "拨入",
  repaid: "退回",
  available: "可用",
  reserved: "预留",
  paid: "已支付",
  withdrawn: "已提取",
  "recovery owed": "应追回",
  grants: "资助笔数",
};

interface GrantBook {
  entityNo: bigint;
  awarded: bigint;
  paid: bigint;
  released: bigint;
  recoveryOrdered: bigint;
  repaid: bigint;
}

const action = defineAction("mg:report", async (args: ReportArgs, env) => {
  const p = await bookProgram(env, args.program);
  const c = p.program;
  const from = p.entry.createdAtBlock;
  // One chunked read of the program's logs (hosted endpoints cap ranges and answer sizes).
  const { events: all, toBlock: to, stats } = await programEvents(env.ethers.provider, c, from);
  const events = <K extends Parameters<typeof eventsNamed>[1]>(name: K) => eventsNamed(all, name);
  const y = (units: bigint) => formatYuan(units, p.decimals);
  // The same names mg:status prints: the program file's category keys, not bare numbers.
  const categoryKeys = new Map(Object.entries(p.entry.categories).map(([k, v]) => [BigInt(v), k]));
  const categoryName = (id: bigint) => categoryKeys.get(id) ?? `category ${id}`;
  // The name the administration publishes beside the book, as mg:status and mg:export show it.
  const names = entityNames(env, p.entry.jurisdiction);
  const named = (entityNo: bigint, lang: "en" | "zh") => {
    const published = names[entityNo.toString()];
    return published === undefined ? "" : lang === "en" ? ` (${published.name})` : `（${published.nameZh}）`;
  };
  const history: HistoryRow[] = [];
  const grants = new Map<bigint, GrantBook>();
  const grantOf = (id: bigint): GrantBook => {
    let g = grants.get(id);
    if (g === undefined) {
      g = { entityNo: 0n, awarded: 0n, paid: 0n, released: 0n, recoveryOrdered: 0n, repaid: 0n };
      grants.set(id, g);
    }
    return g;
  };
  const rebuilt = { funded: 0n, repaid: 0n, reserved: 0n, paid: 0n, withdrawn: 0n, recoveryOutstanding: 0n, swept: 0n };
  const push = (
    log: { blockNumber: number; index: number },
    event: string,
    grant: bigint | null,
    milestone: bigint | number | null,
    amount: bigint | null,
    detail: Bilingual,
  ) =>
    history.push({
      block: log.blockNumber,
      logIndex: log.index,
      event,
      grant: grant === null ? "" : grant.toString(),
      milestone: milestone === null ? "" : `#${milestone}`,
      amount,
      detail,
    });

  for (const e of events("Funded")) {
    rebuilt.funded += e.args.amount;
    push(e, "Funded", null, null, e.args.amount, { en: `by ${e.args.from}`, zh: `拨款人 ${e.args.from}` });
  }
  for (const e of events("Withdrawn")) {
    rebuilt.withdrawn += e.args.amount;
    push(e, "Withdrawn", null, null, e.args.amount, { en: `to ${e.args.treasury}`, zh: `至 ${e.args.treasury}` });
  }
  for (const e of events("SurplusSwept")) {
    rebuilt.swept += e.args.amount;
    push(e, "SurplusSwept", null, null, e.args.amount, { en: `to ${e.args.treasury}`, zh: `至 ${e.args.treasury}` });
  }
  for (const e of events("GrantAwarded")) {
    rebuilt.reserved += e.args.amount;
    const g = grantOf(e.args.grantId);
    g.entityNo = e.args.entityNo;
    g.awarded += e.args.amount;
    push(e, "GrantAwarded", e.args.grantId, null, e.args.amount, {
      en: `entity ${e.args.entityNo}${named(e.args.entityNo, "en")}, ${categoryName(e.args.categoryId)}, ${e.args.milestoneCount} milestone(s)`,
      zh: `第 ${e.args.entityNo} 号主体${named(e.args.entityNo, "zh")}，${categoryKeys.get(e.args.categoryId) ?? `第 ${e.args.categoryId} 类`}，${e.args.milestoneCount} 个里程碑`,
    });
  }
  for (const e of events("EvidenceSubmitted")) {
    push(e, "EvidenceSubmitted", e.args.grantId, e.args.index, null, {
      en: `evidence ${e.args.evidenceHash}`,
      zh: `佐证材料 ${e.args.evidenceHash}`,
    });
  }
  for (const e of events("VoteCast")) {
    push(e, "VoteCast", e.args.grantId, e.args.index, null, {
      en: `${e.args.approve ? "approve" : "reject"} by ${e.args.reviewer}, reason ${e.args.reasonHash}`,
      zh: `${e.args.reviewer} 投${e.args.approve ? "同意" : "不同意"}票，理由 ${e.args.reasonHash}`,
    });
  }
  for (const e of events("MilestoneApproved")) {
    push(e, "MilestoneApproved", e.args.grantId, e.args.index, null, {
      en: `notice until ${formatTimestamp(e.args.noticeEndsAt)}`,
      zh: `公示期至 ${formatBeijing(e.args.noticeEndsAt, "zh")}`,
    });
  }
  for (const e of events("MilestoneRejected")) {
    push(e, "MilestoneRejected", e.args.grantId, e.args.index, null, { en: "", zh: "" });
  }
  for (const e of events("ObjectionFiled")) {
    push(e, "ObjectionFiled", e.args.grantId, e.args.index, null, {
      en: `by ${e.args.objector}, document ${e.args.evidenceHash}`,
      zh: `异议人 ${e.args.objector}，材料 ${e.args.evidenceHash}`,
    });
  }
  for (const e of events("ObjectionRuled")) {
    push(e, "ObjectionRuled", e.args.grantId, e.args.index, null, {
      en: `${e.args.upheld ? "upheld" : "dismissed"}, reason ${e.args.reasonHash}`,
      zh: `${e.args.upheld ? "异议成立" : "驳回异议"}，理由 ${e.args.reasonHash}`,
    });
  }
  for (const e of events("DeadlineExtended")) {
    push(e, "DeadlineExtended", e.args.grantId, e.args.index, null, {
      en: `deadline now ${formatTimestamp(e.args.deadline)} (time in notice and under objection given back)`,
      zh: `截止时间顺延至 ${formatBeijing(e.args.deadline, "zh")}（补回公示和异议期间占用的时间）`,
    });
  }
  for (const e of events("MilestoneClaimed")) {
    rebuilt.reserved -= e.args.amount;
    rebuilt.paid += e.args.amount;
    grantOf(e.args.grantId).paid += e.args.amount;
    push(e, "MilestoneClaimed", e.args.grantId, e.args.index, e.args.amount, {
      en: `to ${e.args.wallet}`,
      zh: `付至 ${e.args.wallet}`,
    });
  }
  for (const e of events("MilestoneLapsed")) {
    rebuilt.reserved -= e.args.amount;
    grantOf(e.args.grantId).released += e.args.amount;
    push(e, "MilestoneLapsed", e.args.grantId, e.args.index, e.args.amount, {
      en: "back to the budget",
      zh: "退回预算",
    });
  }
  for (const e of events("MilestoneCancelled")) {
    rebuilt.reserved -= e.args.amount;
    grantOf(e.args.grantId).released += e.args.amount;
    push(e, "MilestoneCancelled", e.args.grantId, e.args.index, e.args.amount, {
      en: "objection upheld; back to the budget",
      zh: "异议成立，退回预算",
    });
  }
  for (const e of events("GrantCancelled")) {
    rebuilt.reserved -= e.args.released;
    grantOf(e.args.grantId).released += e.args.released;
    push(e, "GrantCancelled", e.args.grantId, null, e.args.released, {
      en: `${e.args.awardKeyReleased ? "award key released; " : ""}reason ${e.args.reasonHash}`,
      zh: `${e.args.awardKeyReleased ? "该主体可再次获得本类别资助；" : ""}理由 ${e.args.reasonHash}`,
    });
  }
  for (const e of events("RecoveryOrdered")) {
    rebuilt.recoveryOutstanding += e.args.amount;
    grantOf(e.args.grantId).recoveryOrdered += e.args.amount;
    push(e, "RecoveryOrdered", e.args.grantId, null, e.args.amount, {
      en: `entity ${e.args.entityNo} barred until repaid; reason ${e.args.reasonHash}`,
      zh: `第 ${e.args.entityNo} 号主体在退回前不得申领；理由 ${e.args.reasonHash}`,
    });
  }
  for (const e of events("Repaid")) {
    rebuilt.repaid += e.args.amount;
    rebuilt.recoveryOutstanding -= e.args.amount;
    grantOf(e.args.grantId).repaid += e.args.amount;
    push(e, "Repaid", e.args.grantId, null, e.args.amount, {
      en: `by ${e.args.payer}; still owed ${y(e.args.stillOwed)}`,
      zh: `退款人 ${e.args.payer}；尚欠 ${y(e.args.stillOwed)} 元`,
    });
  }
  for (const e of events("SupervisionStarted")) {
    push(e, "SupervisionStarted", e.args.grantId, null, null, {
      en: `until ${formatTimestamp(e.args.endsAt)}`,
      zh: `至 ${formatBeijing(e.args.endsAt, "zh")}`,
    });
  }
  for (const e of events("AttestationFiled")) {
    push(e, "AttestationFiled", e.args.grantId, null, null, {
      en: `window ${e.args.window}, document ${e.args.documentHash}`,
      zh: `第 ${e.args.window} 期，文件 ${e.args.documentHash}`,
    });
  }
  for (const e of events("RecoveryAfterSupervision")) {
    push(e, "RecoveryAfterSupervision", e.args.grantId, null, null, {
      en: `the admin's override by ${e.args.admin}, reason ${e.args.reasonHash}`,
      zh: `管理员 ${e.args.admin} 特批，理由 ${e.args.reasonHash}`,
    });
  }

  // Supervision after payment: every grant of a supervised category, by where it stands now (the chain's
  // supervisionOf: one read per such grant).
  const supervisedCategories = new Set(events("CategorySupervised").map((e) => e.args.categoryId));
  const compliance = Object.fromEntries(COMPLIANCE_NAMES.slice(1).map((name) => [name, [] as bigint[]])) as Record<
    Exclude<ComplianceName, "None">,
    bigint[]
  >;
  for (const e of events("GrantAwarded")) {
    if (!supervisedCategories.has(e.args.categoryId)) continue;
    const state = COMPLIANCE_NAMES[Number((await c.supervisionOf(e.args.grantId)).state)];
    if (state !== "None") compliance[state].push(e.args.grantId);
  }
  // Fiscal years: each year's budget line rebuilt from the events (core/fiscal.ts), against the chain's fiscalYear(…).
  const rebuiltYears = new Map(
    fiscalYearsFromEvents(all.map((e) => ({ name: e.name, values: e.args.toObject() }))).map((l) => [l.year, l]),
  );
  for (const e of events("Appropriated")) {
    push(e, "Appropriated", null, null, e.args.amount, {
      en: `to fiscal year ${e.args.year}`,
      zh: `列入 ${e.args.year} 年度`,
    });
  }
  for (const e of events("FiscalYearClosed")) {
    const rule = yearEndWords(e.args.yearEnd);
    push(e, "FiscalYearClosed", null, null, e.args.rest, {
      en: `fiscal year ${e.args.year} closed; its rest ${rule.en}`,
      zh: `${e.args.year} 年度结账，结余${rule.zh}`,
    });
  }
  for (const e of events("AwardDecided")) {
    push(e, "AwardDecided", e.args.grantId, null, null, {
      en: `${e.args.qualifyingDate === 0n ? "no qualifying date" : `qualified ${formatTimestamp(e.args.qualifyingDate).slice(0, 10)}`}; decision ${e.args.reasonHash}`,
      zh: `${e.args.qualifyingDate === 0n ? "未写明取得资格日期" : `取得资格 ${formatTimestamp(e.args.qualifyingDate).slice(0, 10)}`}；决定 ${e.args.reasonHash}`,
    });
  }
  history.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
  const latestBlock = await env.ethers.provider.getBlock(to);
  const fiscal = await readFiscalYears(c, BigInt(latestBlock?.timestamp ?? 0));
  const yearFields = FISCAL_FIELDS;
  // The chain keeps the lifetime counters (the ledger's and each year's) modulo 2^128 (core/ledger.ts); the
  // events give exact sums.
  const lifetime = (sum: bigint) => sum % LEDGER_MODULUS;
  const yearRows = (fiscal?.years ?? []).map((fy) => {
    const rebuiltYear = rebuiltYears.get(fy.year);
    const differs = yearFields.filter((field) => lifetime(rebuiltYear?.[field] ?? 0n) !== fy[field]);
    return { fy, differs };
  });
  const yearsAvailable = yearRows.reduce((sum, { fy }) => sum + fy.available, 0n);
  const times = new Map(all.map((e) => [e.blockNumber, formatTimestamp(e.time)]));
  const timesZh = new Map(all.map((e) => [e.blockNumber, formatBeijing(e.time, "zh")]));

  const available = rebuilt.funded + rebuilt.repaid - rebuilt.reserved - rebuilt.paid - rebuilt.withdrawn;
  const s = await c.summary();
  const compare: Array<[string, bigint, bigint]> = [
    ["funded", lifetime(rebuilt.funded), s.funded],
    ["repaid", lifetime(rebuilt.repaid), s.repaid],
    ["available", available, s.available],
    ["reserved", rebuilt.reserved, s.reserved],
    ["paid", lifetime(rebuilt.paid), s.paid],
    ["withdrawn", lifetime(rebuilt.withdrawn), s.withdrawn],
    ["recovery owed", rebuilt.recoveryOutstanding, s.recoveryOutstanding],
    ["grants", BigInt(grants.size), s.grantCount],
  ];
  const mismatches = compare.filter(([, events, chain]) => events !== chain).map(([field]) => field);
  for (const { fy, differs } of yearRows)
    for (const field of differs) mismatches.push(`fiscal year ${fy.year} ${field}`);
  // Every unit of the program's unreserved budget sits in one fiscal year.
  if (fiscal !== null && yearsAvailable !== s.available) mismatches.push("fiscal years' available");
  const identity = ledgerIdentityHolds(s);
  const rebuiltIdentity =
    rebuilt.funded + rebuilt.repaid === available + rebuilt.reserved + rebuilt.paid + rebuilt.withdrawn;

  const address = await c.getAddress();
  const holds = identity && rebuiltIdentity;
  const equation = `${y(s.funded)} + ${y(s.repaid)} = ${y(s.available)} + ${y(s.reserved)} + ${y(s.paid)} + ${y(s.withdrawn)}`;
  const refused = stats.refused > 0;
  const lines: SummaryLine[] = [
    line(
      `Report of ${p.entry.title} (${p.name}, ${address}), events from block ${from} to ${to}`,
      `${p.entry.titleZh ?? p.entry.title}（${p.name}，${address}）报告，事件范围：区块 ${from} 至 ${to}`,
    ),
    line(
      `  ${all.length} events read in ${stats.requests} log queries of at most ${stats.finalRange} blocks${refused ? ` (the endpoint refused ${stats.refused} larger ranges)` : ""}`,
      `  共读取 ${all.length} 条事件，日志查询 ${stats.requests} 次，每次至多 ${stats.finalRange} 个区块${refused ? `（节点拒绝了 ${stats.refused} 次更大范围的查询）` : ""}`,
    ),
    line("History:", "历史记录："),
    table(
      HISTORY_COLUMNS,
      history.map((h) => ({
        block: h.block,
        time: { en: times.get(h.block) ?? "", zh: timesZh.get(h.block) ?? "" },
        event: { en: h.event, zh: EVENT_ZH[h.event] ?? h.event },
        grant: h.grant,
        milestone: h.milestone,
        amount: h.amount === null ? "" : y(h.amount),
        detail: h.detail,
      })),
    ),
    line("Grants (yuan):", "资助（元）："),
    table(
      GRANT_COLUMNS,
      [...grants.entries()].map(([id, g]) => ({
        grant: Number(id),
        entity: Number(g.entityNo),
        awarded: y(g.awarded),
        paid: y(g.paid),
        released: y(g.released),
        reserved: y(g.awarded - g.paid - g.released),
        recoveryOrdered: y(g.recoveryOrdered),
        repaid: y(g.repaid),
      })),
    ),
    line(
      "Ledger (yuan): rebuilt from events vs the contract's summary()",
      "账目（元）：按事件重算与合约 summary() 对比",
    ),
    table(
      LEDGER_COLUMNS,
      compare.map(([field, events, chain]) => ({
        field: { en: field, zh: FIELD_ZH[field] ?? field },
        events: field === "grants" ? events.toString() : y(events),
        summary: field === "grants" ? chain.toString() : y(chain),
        check: events === chain ? { en: "ok", zh: "一致" } : { en: "MISMATCH", zh: "不一致" },
      })),
    ),
    line(
      `funded + repaid = available + reserved + paid + withdrawn: ${holds ? "holds" : "BROKEN"} (${equation})`,
      `拨入 + 退回 = 可用 + 预留 + 已支付 + 已提取：${holds ? "成立" : "不成立"}（${equation}）`,
    ),
    ...(fiscal === null
      ? []
      : [
          line(
            `Fiscal years (yuan; now ${fiscal.current}; oldest open ${fiscal.nextToClose === 0n ? "none yet" : fiscal.nextToClose}; at a close the rest is ${yearEndWords(fiscal.yearEnd).en}):`,
            `预算年度（元；当前 ${fiscal.current} 年度；最早未结账 ${fiscal.nextToClose === 0n ? "尚无" : `${fiscal.nextToClose} 年度`}；结账时结余${yearEndWords(fiscal.yearEnd).zh}）：`,
          ),
          table(
            YEAR_COLUMNS,
            yearRows.map(({ fy, differs }) => ({
              ...fiscalYearRow(fy, y),
              check:
                differs.length === 0
                  ? { en: "ok", zh: "一致" }
                  : { en: `MISMATCH: ${differs.join(", ")}`, zh: `不一致：${differs.join("、")}` },
            })),
          ),
          line(
            `  the years' unreserved budgets add up to ${y(yearsAvailable)}; the program's available is ${y(s.available)}: ${yearsAvailable === s.available ? "equal" : "NOT EQUAL"}`,
            `  各年度未预留预算合计 ${y(yearsAvailable)}；项目可用预算 ${y(s.available)}：${yearsAvailable === s.available ? "相等" : "不相等"}`,
          ),
        ]),
    line(
      `Supervision after payment: ${compliance.Supervising.length} under supervision, ${compliance.AttestationMissed.length} with an attestation missed (eligible for recovery${compliance.AttestationMissed.length === 0 ? "" : `: grants ${compliance.AttestationMissed.join(", ")}`}), ${compliance.ReadyToStart.length} paid but not started, ${compliance.AwaitingPayments.length} still paying, ${compliance.Closed.length} closed`,
      `资金拨付后监管：监管中 ${compliance.Supervising.length} 项，合规报告逾期 ${compliance.AttestationMissed.length} 项（可责令追回${compliance.AttestationMissed.length === 0 ? "" : `：第 ${compliance.AttestationMissed.join("、")} 号资助`}），已拨付完毕未启动监管 ${compliance.ReadyToStart.length} 项，尚在拨付 ${compliance.AwaitingPayments.length} 项，已结案 ${compliance.Closed.length} 项`,
    ),
  ];
  const failed =
    mismatches.length > 0 || !identity || !rebuiltIdentity
      ? {
          en: `The ledger of ${p.name} does not reconcile: ${mismatches.length > 0 ? `events and summary() differ on ${mismatches.join(", ")}` : "the identity fails"}.`,
          zh: `${p.name} 的账目无法核对一致：${mismatches.length > 0 ? `事件与 summary() 在 ${mismatches.join("、")} 上不一致` : "恒等式不成立"}。`,
        }
      : undefined;
  return {
    result: {
      program: p.name,
      fromBlock: from,
      toBlock: to,
      rebuilt: Object.fromEntries(Object.entries({ ...rebuilt, available }).map(([k, v]) => [k, p.amount(v)])),
      summary: summaryAmounts(p, s),
      reconciled: failed === undefined,
      mismatches,
      /** Grants of supervised categories, by compliance state (grant ids). */
      supervision: compliance,
      /** The budget by fiscal year (token units; null: the program keeps one undated budget), checked against the events. */
      fiscalYears:
        fiscal === null
          ? null
          : yearRows.map(({ fy, differs }) => ({
              year: Number(fy.year),
              closed: fy.closed,
              ...Object.fromEntries([...yearFields, "available" as const].map((f) => [f, p.amount(fy[f])])),
              reconciled: differs.length === 0,
            })),
      logQueries: stats,
      history: history.map((h) => ({
        ...h,
        // --json stays English, as before.
        detail: h.detail.en,
        amount: h.amount === null ? null : p.amount(h.amount),
        time: times.get(h.block) ?? "",
      })),
    },
    lines,
    failed,
  };
});

export default action;

/** What mg:report returns (and prints with --json, beside ok and task). */
export type ReportResult = ResultOf<typeof action>;
