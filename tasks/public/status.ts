/**
 * mg:status — a program's settings, ledger, categories and one page of its grants (or one grant's
 * milestones). Read through the lens (contracts/GrantProgramLens.sol) in two rounds of concurrent calls,
 * the same number at 10 grants as at 10,000.
 */
import { existsSync } from "node:fs";

import { AwardMode } from "../../core/enums.js";
import { loadProgram, ProgramFileError } from "../../scripts/lib/programs.js";
import { balanceMatchesLedger, ledgerIdentityHolds } from "../../core/ledger.js";
import { formatBeijing, type Bilingual } from "../../core/messages/labels.js";
import { formatYuan } from "../../core/money.js";
import { formatDate, formatTimestamp } from "../../core/time.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { entityNames, nameText } from "../runtime/directory.js";
import { DEFAULT_PAGE_SIZE } from "../options.js";
import { counted, pageOfIds, pageRequest, type IdPage } from "../runtime/paging.js";
import { bookLens, bookProgram, bookStanding, bookToken, summaryAmounts } from "../runtime/resolution.js";
import { defineAction, line, table, type Cell, type ResultOf, type SummaryLine } from "../runtime/output.js";
import { grantId } from "../runtime/hashes.js";
import { countBits, stateText } from "../runtime/states.js";
import { readFiscalYears, yearEndWords } from "../../core/fiscal.js";
import { FISCAL_YEAR_COLUMNS, fiscalYearRow } from "../runtime/fiscal-table.js";

export interface StatusArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  /** Page of the grant list, 1 = first (ignored with --grant); default 1. */
  page: string | undefined;
  /** Grants per page; default DEFAULT_PAGE_SIZE. */
  pageSize: string | undefined;
  /** List the newest grants first. */
  newest: boolean;
}

type Row = Record<string, Cell>;

// The column headers of mg:status's tables, in both languages.
const CATEGORY_COLUMNS = {
  id: { en: "id", zh: "编号" },
  key: { en: "key", zh: "类别键" },
  mode: { en: "mode", zh: "方式" },
  level: { en: "tier group · level", zh: "级别组 · 级别" },
  amount: { en: "amount", zh: "金额" },
  awards: { en: "awards", zh: "已授予" },
  committed: { en: "committed", zh: "已承诺金额" },
};
const GRANT_COLUMNS = {
  grant: { en: "grant", zh: "资助" },
  entity: { en: "entity", zh: "主体" },
  name: { en: "name", zh: "名称" },
  category: { en: "category", zh: "类别" },
  awarded: { en: "awarded", zh: "资助金额" },
  reserved: { en: "reserved", zh: "预留" },
  milestones: { en: "milestones", zh: "里程碑" },
  status: { en: "status", zh: "状态" },
};
const MILESTONE_COLUMNS = {
  milestone: { en: "milestone", zh: "里程碑" },
  amount: { en: "amount", zh: "金额" },
  deadline: { en: "deadline", zh: "截止时间" },
  state: { en: "state", zh: "状态" },
  "notice ends": { en: "notice ends", zh: "公示期截止" },
  votes: { en: "votes", zh: "投票" },
  evidence: { en: "evidence", zh: "佐证材料" },
};
const LEDGER_COLUMNS = {
  funded: { en: "funded", zh: "拨入" },
  repaid: { en: "repaid", zh: "退回" },
  available: { en: "available", zh: "可用" },
  reserved: { en: "reserved", zh: "预留" },
  paid: { en: "paid", zh: "已支付" },
  withdrawn: { en: "withdrawn", zh: "已提取" },
  "recovery owed": { en: "recovery owed", zh: "应追回" },
  surplus: { en: "surplus", zh: "结余" },
  balance: { en: "balance", zh: "余额" },
};

/** An evidence hash as shown: empty when none was submitted. */
function evidenceText(value: string): string {
  return /^0x0+$/.test(value) ? "" : value;
}

/** The line above the grant table: which grants of how many it shows, in both languages. */
function grantsHeading(total: bigint, page: IdPage | null, shown: number): Bilingual {
  if (total === 0n) return line("No grants yet.", "尚无资助。");
  if (page === null || shown === 0) return line("Grants:", "资助：");
  const [from, to] = page.newest
    ? [page.firstId + page.rows - 1n, page.firstId]
    : [page.firstId, page.firstId + page.rows - 1n];
  const order = page.newest ? { en: "newest first", zh: "由新到旧" } : { en: "oldest first", zh: "由旧到新" };
  return line(
    `Grants ${counted(from)}–${counted(to)} of ${counted(total)} (page ${page.page} of ${page.pages}, ${order.en}):`,
    `资助：第 ${counted(from)}–${counted(to)} 笔，共 ${counted(total)} 笔（第 ${page.page}/${page.pages} 页，${order.zh}）：`,
  );
}

/** How to ask for the next page: the same options, one page on. */
function nextPageLine(page: IdPage): Bilingual {
  const options = [
    `--page ${page.page + 1n}`,
    page.pageSize === BigInt(DEFAULT_PAGE_SIZE) ? "" : `--page-size ${page.pageSize}`,
    page.newest ? "--newest" : "",
  ]
    .filter((o) => o !== "")
    .join(" ");
  return line(`  next page: mg:status ${options}`, `  下一页：mg:status ${options}`);
}

const action = defineAction("mg:status", async (args: StatusArgs, env) => {
  // A typo in --page or --page-size is refused before the program is read.
  const request = pageRequest(args.page, args.pageSize, args.newest);
  const p = await bookProgram(env, args.program);
  const { token } = await bookToken(env);
  const lens = await bookLens(env);
  const program = p.program;
  const address = await program.getAddress();
  // Two rounds of concurrent reads whatever the program's size: the program's figures, then one page.
  const [settings, s, balance, standing, categoryList, maxRows, programFileHash, policyTextHash] = await Promise.all([
    program.settings(),
    program.summary(),
    token.balanceOf(address),
    bookStanding(env, p),
    lens.categories(address),
    lens.MAX_PAGE_ROWS(),
    program.programFileHash(),
    program.policyTextHash(),
  ]);
  const rules = publishedRules(p.entry.file, p.decimals, programFileHash, policyTextHash);
  // A program with fiscal years: each year's line, from the first appropriated to the current one (bounded).
  const head = await env.ethers.provider.getBlock("latest");
  const fiscal = await readFiscalYears(program, BigInt(head?.timestamp ?? 0));
  const y = (units: bigint) => formatYuan(units, p.decimals);
  const identity = ledgerIdentityHolds(s);
  const solvent = balanceMatchesLedger(s, balance);
  const categoryKeys = new Map(Object.entries(p.entry.categories).map(([k, v]) => [v, k]));
  const names = entityNames(env, p.entry.jurisdiction);

  const categories: Row[] = categoryList.map((c, i) => ({
    id: i + 1,
    key: categoryKeys.get(i + 1) ?? "",
    mode: Number(c.mode) === AwardMode.Fixed ? { en: "fixed", zh: "定额" } : { en: "capped", zh: "限额" },
    // A level of a tier group is awarded, above a lower level, for the difference only (晋级补差).
    level:
      c.tierGroup === 0n
        ? "-"
        : { en: `group ${c.tierGroup} · level ${c.tier}`, zh: `第 ${c.tierGroup} 组 · 第 ${c.tier} 级` },
    amount: y(c.amount),
    awards: {
      en: `${c.awardsMade}${c.maxAwards === 0n ? "" : ` of ${c.maxAwards}`}`,
      zh: `${c.awardsMade}${c.maxAwards === 0n ? "" : ` / ${c.maxAwards}`}`,
    },
    committed: {
      en: y(c.committed) + (c.maxTotal === 0n ? "" : ` of ${y(c.maxTotal)}`),
      zh: y(c.committed) + (c.maxTotal === 0n ? "" : ` / ${y(c.maxTotal)}`),
    },
  }));

  const wanted = args.grant === undefined || args.grant.trim() === "" ? null : grantId(args.grant);
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
  const page =
    wanted === null
      ? pageOfIds(s.grantCount, request, maxRows, {
          en: `${p.name} has`,
          zh: `${p.name} 共有`,
        })
      : null;
  const [firstId, rows] = page === null ? [wanted ?? 0n, 1n] : [page.firstId, page.rows];
  const records = rows === 0n ? [] : await lens.grantPage(address, firstId, rows);
  // The lens returns ascending ids; a newest-first page is shown highest id first.
  const shown = page?.newest === true ? [...records].reverse() : records;

  const grants: Row[] = [];
  const grantDetails: Array<Record<string, unknown>> = [];
  const milestoneRows: Row[] = [];
  for (const { id, grant: g, milestones } of shown) {
    let total = 0n;
    const states: string[] = [];
    const statesZh: string[] = [];
    milestones.forEach((m, i) => {
      const state = stateText(Number(m.state));
      total += m.amount;
      states.push(`#${i} ${state.en}`);
      statesZh.push(`${i} 号${state.zh}`);
      if (wanted !== null) {
        milestoneRows.push({
          milestone: i,
          amount: y(m.amount),
          deadline: { en: formatTimestamp(m.deadline), zh: formatBeijing(m.deadline, "zh") },
          state,
          "notice ends":
            m.noticeEndsAt === 0n
              ? ""
              : { en: formatTimestamp(m.noticeEndsAt), zh: formatBeijing(m.noticeEndsAt, "zh") },
          votes: {
            en: `${countBits(m.approvals)} yes / ${countBits(m.rejections)} no`,
            zh: `同意 ${countBits(m.approvals)} / 不同意 ${countBits(m.rejections)}`,
          },
          evidence: evidenceText(m.evidenceHash),
        });
      }
    });
    grants.push({
      grant: Number(id),
      entity: Number(g.entityNo),
      // The name the administration publishes beside the book (the chain has only the number).
      name: { en: names[g.entityNo.toString()]?.name ?? "", zh: names[g.entityNo.toString()]?.nameZh ?? "" },
      category: categoryKeys.get(Number(g.categoryId)) ?? String(g.categoryId),
      awarded: y(total),
      reserved: y(g.reserved),
      milestones: { en: states.join(", "), zh: statesZh.join("，") },
      status: {
        en: [g.cancelled ? "cancelled" : "", g.recoveryOwed > 0n ? `owes ${y(g.recoveryOwed)}` : ""]
          .filter((t) => t !== "")
          .join(", "),
        zh: [g.cancelled ? "已撤销" : "", g.recoveryOwed > 0n ? `应退回 ${y(g.recoveryOwed)}` : ""]
          .filter((t) => t !== "")
          .join("，"),
      },
    });
    grantDetails.push({
      grantId: id,
      entityNo: g.entityNo,
      entityName: nameText(names, g.entityNo) || null,
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

  const ledger: Record<keyof typeof LEDGER_COLUMNS, Cell> = {
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
  const paused = settings.pausedAt !== 0n;
  const noticeDays = Number(settings.noticePeriod) / 86400;
  const reviewers = countBits(settings.activeReviewers);
  const lines: SummaryLine[] = [
    line(p.entry.title, p.entry.titleZh ?? p.entry.title),
    line(
      `  ${p.name} at ${address} on ${env.networkName}${paused ? " — PAUSED" : ""}`,
      `  ${p.name}，地址 ${address}，网络 ${env.networkName}${paused ? " —— 已暂停" : ""}`,
    ),
    line(
      `  ${standing.standing === "authorised" ? "" : "FLAGGED: "}${standing.sentence}`,
      `  ${standing.standing === "authorised" ? "" : "警示："}${standing.sentenceZh}`,
    ),
    line(
      `  application window ${formatDate(settings.windowOpensAt)} to ${formatDate(settings.windowClosesAt)}; public notice ${noticeDays} days; quorum ${settings.quorum} of ${reviewers} reviewers`,
      `  申报期 ${formatDate(settings.windowOpensAt)} 至 ${formatDate(settings.windowClosesAt)}；公示期 ${noticeDays} 天；${reviewers} 名评审专家中需 ${settings.quorum} 票通过`,
    ),
    line(
      `  rules: program file ${programFileHash} (${rules.fileMatches === null ? `${p.entry.file} missing or not valid here` : rules.fileMatches ? `matches ${p.entry.file}` : `DIFFERS from ${p.entry.file}`}); policy text ${policyTextHash} (${rules.policyTextMatches === null ? "its file missing here" : rules.policyTextMatches ? `matches ${rules.policyText}` : `DIFFERS from ${rules.policyText}`})`,
      `  规则：项目文件哈希 ${programFileHash}（${rules.fileMatches === null ? `本机缺少 ${p.entry.file} 或其无效` : rules.fileMatches ? `与 ${p.entry.file} 一致` : `与 ${p.entry.file} 不一致`}）；政策文本哈希 ${policyTextHash}（${rules.policyTextMatches === null ? "本机缺少其文件" : rules.policyTextMatches ? `与 ${rules.policyText} 一致` : `与 ${rules.policyText} 不一致`}）`,
    ),
    line(
      `Ledger (yuan): funded + repaid = available + reserved + paid + withdrawn ${identity ? "holds" : "is BROKEN"}; balance ${solvent ? "matches" : "DOES NOT match"} the ledger`,
      `账目（元）：拨入 + 退回 = 可用 + 预留 + 已支付 + 已提取 ${identity ? "成立" : "不成立"}；余额与账目${solvent ? "相符" : "不符"}`,
    ),
    table(LEDGER_COLUMNS, [ledger]),
    ...(fiscal === null
      ? []
      : [
          line(
            `Fiscal years (yuan; now ${fiscal.current}; at a close the rest is ${yearEndWords(fiscal.yearEnd).en}):`,
            `预算年度（元；当前 ${fiscal.current} 年度；结账时结余${yearEndWords(fiscal.yearEnd).zh}）：`,
          ),
          table(
            FISCAL_YEAR_COLUMNS,
            fiscal.years.map((fy) => fiscalYearRow(fy, y)),
          ),
        ]),
    line("Categories:", "资助类别："),
    table(CATEGORY_COLUMNS, categories),
    grantsHeading(s.grantCount, page, shown.length),
  ];
  if (grants.length > 0) lines.push(table(GRANT_COLUMNS, grants));
  if (page !== null && page.page < page.pages) lines.push(nextPageLine(page));
  if (milestoneRows.length > 0) {
    lines.push(
      line(`Milestones of grant ${wanted}:`, `第 ${wanted} 号资助的里程碑：`),
      table(MILESTONE_COLUMNS, milestoneRows),
    );
  }
  return {
    result: {
      program: p.name,
      address,
      paused: settings.pausedAt !== 0n,
      /** The budget by fiscal year (token units; null: one undated budget). */
      fiscalYears:
        fiscal === null
          ? null
          : fiscal.years.map((fy) => ({
              year: Number(fy.year),
              closed: fy.closed,
              appropriated: p.amount(fy.appropriated),
              carriedIn: p.amount(fy.carriedIn),
              released: p.amount(fy.released),
              committed: p.amount(fy.committed),
              withdrawn: p.amount(fy.withdrawn),
              carriedOut: p.amount(fy.carriedOut),
              available: p.amount(fy.available),
            })),
      standing: standing.standing,
      summary: {
        ...summaryAmounts(p, s),
        surplus: p.amount(s.surplus),
        grantCount: s.grantCount,
      },
      balance: p.amount(balance),
      /** The hashes the program fixed at creation, and whether the recorded files here still have them. */
      rules: { programFileHash, policyTextHash, ...rules },
      identityHolds: identity,
      solvent,
      // The page shown (null with --grant, which shows that grant alone); total is the program's grants.
      page: page === null ? null : page.page,
      pageSize: page === null ? null : page.pageSize,
      pages: page === null ? null : page.pages,
      order: page === null ? null : page.newest ? "newest" : "oldest",
      total: s.grantCount,
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

/**
 * Whether the program file the book recorded for a program, and the policy text it names, still hash to
 * what the program fixed at creation (null: the file is not on this machine, or no longer a valid file).
 */
function publishedRules(file: string, decimals: number, programFileHash: string, policyTextHash: string) {
  let definition;
  try {
    definition = existsSync(file) ? loadProgram(file, decimals) : null;
  } catch (error) {
    if (!(error instanceof ProgramFileError)) throw error;
    definition = null;
  }
  return {
    file,
    fileMatches: definition === null ? null : definition.fileHash === programFileHash,
    policyText: definition?.policyText ?? null,
    policyTextMatches: definition === null ? null : definition.policyTextHash === policyTextHash,
  };
}
