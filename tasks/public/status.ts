/** mg:status — a program's settings, ledger, categories and grants (or one grant's milestones). */
import { AwardMode } from "../../core/enums.js";
import { balanceMatchesLedger, ledgerIdentityHolds } from "../../core/ledger.js";
import { formatYuan } from "../../core/money.js";
import { formatDate, formatTimestamp } from "../../core/time.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { bookProgram, bookStanding, bookToken, summaryAmounts } from "../runtime/resolution.js";
import { defineAction, type ResultOf } from "../runtime/output.js";
import { grantId } from "../runtime/hashes.js";
import { countBits, stateWords } from "../runtime/states.js";

export interface StatusArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
}

type Row = Record<string, string | number>;

async function evidenceText(hash: Promise<string>): Promise<string> {
  const value = await hash;
  return /^0x0+$/.test(value) ? "" : value;
}

const action = defineAction("mg:status", async (args: StatusArgs, env) => {
  const p = await bookProgram(env, args.program);
  const { token } = await bookToken(env);
  const program = p.program;
  const address = await program.getAddress();
  const [settings, s, balance, standing] = await Promise.all([
    program.settings(),
    program.summary(),
    token.balanceOf(address),
    bookStanding(env, p),
  ]);
  const y = (units: bigint) => formatYuan(units, p.decimals);
  const identity = ledgerIdentityHolds(s);
  const solvent = balanceMatchesLedger(s, balance);
  const categoryKeys = new Map(Object.entries(p.entry.categories).map(([k, v]) => [v, k]));

  const categories: Row[] = [];
  for (let id = 1; id <= Number(settings.categoryCount); id++) {
    const c = await program.category(id);
    categories.push({
      id,
      key: categoryKeys.get(id) ?? "",
      mode: Number(c.mode) === AwardMode.Fixed ? "fixed" : "capped",
      amount: y(c.amount),
      awards: `${c.awardsMade}${c.maxAwards === 0n ? "" : ` of ${c.maxAwards}`}`,
      committed: y(c.committed) + (c.maxTotal === 0n ? "" : ` of ${y(c.maxTotal)}`),
    });
  }

  const grants: Row[] = [];
  const grantDetails: Array<Record<string, unknown>> = [];
  const wanted = args.grant === undefined || args.grant.trim() === "" ? null : grantId(args.grant);
  const milestoneRows: Row[] = [];
  if (wanted !== null && (wanted < 1n || wanted > s.grantCount)) {
    throw s.grantCount === 0n
      ? new TaskInputError(
          `${p.name} has no grants yet, so there is no grant ${wanted}.`,
          `${p.name} 还没有任何资助，因此没有第 ${wanted} 号资助。`,
        )
      : new TaskInputError(
          `${p.name} has no grant ${wanted}: its grants are numbered 1 to ${s.grantCount} (run mg:status without --grant to list them).`,
          `${p.name} 没有第 ${wanted} 号资助：其资助编号为 1 至 ${s.grantCount}（不带 --grant 运行 mg:status 可列出全部）。`,
        );
  }
  for (let id = 1n; id <= s.grantCount; id++) {
    if (wanted !== null && id !== wanted) continue;
    const g = await program.grant(id);
    let total = 0n;
    const states: string[] = [];
    for (let i = 0; i < Number(g.milestoneCount); i++) {
      const m = await program.milestone(id, i);
      const state = stateWords(Number(await program.milestoneState(id, i)));
      total += m.amount;
      states.push(`#${i} ${state}`);
      if (wanted !== null) {
        milestoneRows.push({
          milestone: i,
          amount: y(m.amount),
          deadline: formatTimestamp(m.deadline),
          state,
          "notice ends": m.noticeEndsAt === 0n ? "" : formatTimestamp(m.noticeEndsAt),
          votes: `${countBits(m.approvals)} yes / ${countBits(m.rejections)} no`,
          evidence: await evidenceText(program.evidenceOf(id, i)),
        });
      }
    }
    grants.push({
      grant: Number(id),
      entity: Number(g.entityNo),
      category: categoryKeys.get(Number(g.categoryId)) ?? String(g.categoryId),
      awarded: y(total),
      reserved: y(g.reserved),
      milestones: states.join(", "),
      status: [g.cancelled ? "cancelled" : "", g.recoveryOwed > 0n ? `owes ${y(g.recoveryOwed)}` : ""]
        .filter((t) => t !== "")
        .join(", "),
    });
    grantDetails.push({
      grantId: id,
      entityNo: g.entityNo,
      categoryId: g.categoryId,
      category: categoryKeys.get(Number(g.categoryId)) ?? null,
      awarded: p.amount(total),
      reserved: p.amount(g.reserved),
      cancelled: g.cancelled,
      recoveryOwed: p.amount(g.recoveryOwed),
      recovered: p.amount(g.recovered),
      termsHash: g.termsHash,
      milestones: states,
    });
  }

  const ledger: Row = {
    funded: y(s.funded),
    repaid: y(s.repaid),
    available: y(s.available),
    reserved: y(s.reserved),
    paid: y(s.paid),
    withdrawn: y(s.withdrawn),
    "recovery owed": y(s.recoveryOutstanding),
    surplus: y(s.surplus),
    balance: y(balance),
  };
  const lines: Array<string | { table: Row[] }> = [
    `${p.entry.title}`,
    `  ${p.name} at ${address} on ${env.networkName}${settings.pausedAt !== 0n ? " — PAUSED" : ""}`,
    `  ${standing.standing === "authorised" ? "" : "FLAGGED: "}${standing.sentence}`,
    `  application window ${formatDate(settings.windowOpensAt)} to ${formatDate(settings.windowClosesAt)}; public notice ${Number(settings.noticePeriod) / 86400} days; quorum ${settings.quorum} of ${countBits(settings.activeReviewers)} reviewers`,
    `Ledger (yuan): funded + repaid = available + reserved + paid + withdrawn ${identity ? "holds" : "is BROKEN"}; balance ${solvent ? "matches" : "DOES NOT match"} the ledger`,
    { table: [ledger] },
    "Categories:",
    { table: categories },
    grants.length === 0 ? "No grants yet." : "Grants:",
  ];
  if (grants.length > 0) lines.push({ table: grants });
  if (milestoneRows.length > 0) lines.push(`Milestones of grant ${wanted}:`, { table: milestoneRows });
  return {
    result: {
      program: p.name,
      address,
      paused: settings.pausedAt !== 0n,
      standing: standing.standing,
      summary: {
        ...summaryAmounts(p, s),
        surplus: p.amount(s.surplus),
        grantCount: s.grantCount,
      },
      balance: p.amount(balance),
      identityHolds: identity,
      solvent,
      grants: grantDetails,
    },
    lines,
    failed:
      identity && solvent
        ? undefined
        : { en: `The ledger of ${p.name} does not balance.`, zh: `${p.name} 的账目不平衡。` },
  };
});

export default action;

/** What mg:status returns (and prints with --json, beside ok and task). */
export type StatusResult = ResultOf<typeof action>;
