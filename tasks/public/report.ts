/**
 * mg:report — rebuilds a program's ledger and history from its events alone (Funded, GrantAwarded,
 * MilestoneClaimed, MilestoneLapsed, MilestoneCancelled, GrantCancelled, RecoveryOrdered, Repaid,
 * Withdrawn, …) and checks it against summary() and the ledger identity. Exit code 1 on any mismatch.
 */
import { LEDGER_MODULUS, ledgerIdentityHolds } from "../../core/ledger.js";
import { formatYuan } from "../../core/money.js";
import { formatTimestamp } from "../../core/time.js";
import type { CommonArgs } from "../runtime/args.js";
import { bookProgram, summaryAmounts } from "../runtime/resolution.js";
import { defineAction, type ResultOf } from "../runtime/output.js";
import { eventsNamed, programEvents } from "../runtime/history.js";

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
  detail: string;
}

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
    detail: string,
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
    push(e, "Funded", null, null, e.args.amount, `by ${e.args.from}`);
  }
  for (const e of events("Withdrawn")) {
    rebuilt.withdrawn += e.args.amount;
    push(e, "Withdrawn", null, null, e.args.amount, `to ${e.args.treasury}`);
  }
  for (const e of events("SurplusSwept")) {
    rebuilt.swept += e.args.amount;
    push(e, "SurplusSwept", null, null, e.args.amount, `to ${e.args.treasury}`);
  }
  for (const e of events("GrantAwarded")) {
    rebuilt.reserved += e.args.amount;
    const g = grantOf(e.args.grantId);
    g.entityNo = e.args.entityNo;
    g.awarded += e.args.amount;
    push(
      e,
      "GrantAwarded",
      e.args.grantId,
      null,
      e.args.amount,
      `entity ${e.args.entityNo}, ${categoryName(e.args.categoryId)}, ${e.args.milestoneCount} milestone(s)`,
    );
  }
  for (const e of events("EvidenceSubmitted")) {
    push(e, "EvidenceSubmitted", e.args.grantId, e.args.index, null, `evidence ${e.args.evidenceHash}`);
  }
  for (const e of events("VoteCast")) {
    push(
      e,
      "VoteCast",
      e.args.grantId,
      e.args.index,
      null,
      `${e.args.approve ? "approve" : "reject"} by ${e.args.reviewer}, reason ${e.args.reasonHash}`,
    );
  }
  for (const e of events("MilestoneApproved")) {
    push(
      e,
      "MilestoneApproved",
      e.args.grantId,
      e.args.index,
      null,
      `notice until ${formatTimestamp(e.args.noticeEndsAt)}`,
    );
  }
  for (const e of events("MilestoneRejected")) {
    push(e, "MilestoneRejected", e.args.grantId, e.args.index, null, "");
  }
  for (const e of events("ObjectionFiled")) {
    push(
      e,
      "ObjectionFiled",
      e.args.grantId,
      e.args.index,
      null,
      `by ${e.args.objector}, document ${e.args.evidenceHash}`,
    );
  }
  for (const e of events("ObjectionRuled")) {
    push(
      e,
      "ObjectionRuled",
      e.args.grantId,
      e.args.index,
      null,
      `${e.args.upheld ? "upheld" : "dismissed"}, reason ${e.args.reasonHash}`,
    );
  }
  for (const e of events("DeadlineExtended")) {
    push(
      e,
      "DeadlineExtended",
      e.args.grantId,
      e.args.index,
      null,
      `deadline now ${formatTimestamp(e.args.deadline)} (time in notice and under objection given back)`,
    );
  }
  for (const e of events("MilestoneClaimed")) {
    rebuilt.reserved -= e.args.amount;
    rebuilt.paid += e.args.amount;
    grantOf(e.args.grantId).paid += e.args.amount;
    push(e, "MilestoneClaimed", e.args.grantId, e.args.index, e.args.amount, `to ${e.args.wallet}`);
  }
  for (const e of events("MilestoneLapsed")) {
    rebuilt.reserved -= e.args.amount;
    grantOf(e.args.grantId).released += e.args.amount;
    push(e, "MilestoneLapsed", e.args.grantId, e.args.index, e.args.amount, "back to the budget");
  }
  for (const e of events("MilestoneCancelled")) {
    rebuilt.reserved -= e.args.amount;
    grantOf(e.args.grantId).released += e.args.amount;
    push(e, "MilestoneCancelled", e.args.grantId, e.args.index, e.args.amount, "objection upheld; back to the budget");
  }
  for (const e of events("GrantCancelled")) {
    rebuilt.reserved -= e.args.released;
    grantOf(e.args.grantId).released += e.args.released;
    push(
      e,
      "GrantCancelled",
      e.args.grantId,
      null,
      e.args.released,
      `${e.args.awardKeyReleased ? "award key released; " : ""}reason ${e.args.reasonHash}`,
    );
  }
  for (const e of events("RecoveryOrdered")) {
    rebuilt.recoveryOutstanding += e.args.amount;
    grantOf(e.args.grantId).recoveryOrdered += e.args.amount;
    push(
      e,
      "RecoveryOrdered",
      e.args.grantId,
      null,
      e.args.amount,
      `entity ${e.args.entityNo} barred until repaid; reason ${e.args.reasonHash}`,
    );
  }
  for (const e of events("Repaid")) {
    rebuilt.repaid += e.args.amount;
    rebuilt.recoveryOutstanding -= e.args.amount;
    grantOf(e.args.grantId).repaid += e.args.amount;
    push(e, "Repaid", e.args.grantId, null, e.args.amount, `by ${e.args.payer}; still owed ${y(e.args.stillOwed)}`);
  }
  history.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
  const times = new Map(all.map((e) => [e.blockNumber, formatTimestamp(e.time)]));

  const available = rebuilt.funded + rebuilt.repaid - rebuilt.reserved - rebuilt.paid - rebuilt.withdrawn;
  const s = await c.summary();
  // The chain keeps the lifetime counters modulo 2^128 (core/ledger.ts); the events give exact sums.
  const lifetime = (sum: bigint) => sum % LEDGER_MODULUS;
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
  const identity = ledgerIdentityHolds(s);
  const rebuiltIdentity =
    rebuilt.funded + rebuilt.repaid === available + rebuilt.reserved + rebuilt.paid + rebuilt.withdrawn;

  const lines: Array<string | { table: Array<Record<string, string | number>> }> = [
    `Report of ${p.entry.title} (${p.name}, ${await c.getAddress()}), events from block ${from} to ${to}`,
    `  ${all.length} events read in ${stats.requests} log queries of at most ${stats.finalRange} blocks${stats.refused > 0 ? ` (the endpoint refused ${stats.refused} larger ranges)` : ""}`,
    "History:",
    {
      table: history.map((h) => ({
        block: h.block,
        time: times.get(h.block) ?? "",
        event: h.event,
        grant: h.grant,
        milestone: h.milestone,
        "amount (yuan)": h.amount === null ? "" : y(h.amount),
        detail: h.detail,
      })),
    },
    "Grants (yuan):",
    {
      table: [...grants.entries()].map(([id, g]) => ({
        grant: Number(id),
        entity: Number(g.entityNo),
        awarded: y(g.awarded),
        paid: y(g.paid),
        "released (lapsed/cancelled)": y(g.released),
        reserved: y(g.awarded - g.paid - g.released),
        "recovery ordered": y(g.recoveryOrdered),
        repaid: y(g.repaid),
      })),
    },
    "Ledger (yuan): rebuilt from events vs the contract's summary()",
    {
      table: compare.map(([field, events, chain]) => ({
        field,
        "from events": field === "grants" ? events.toString() : y(events),
        "summary()": field === "grants" ? chain.toString() : y(chain),
        check: events === chain ? "ok" : "MISMATCH",
      })),
    },
    `funded + repaid = available + reserved + paid + withdrawn: ${identity && rebuiltIdentity ? "holds" : "BROKEN"} (${y(s.funded)} + ${y(s.repaid)} = ${y(s.available)} + ${y(s.reserved)} + ${y(s.paid)} + ${y(s.withdrawn)})`,
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
      logQueries: stats,
      history: history.map((h) => ({
        ...h,
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
