/** mg:award — a manager awards a grant to a registered entity in milestones. */
import { checkDeadlines, milestoneTerms } from "../../core/schedule.js";
import { formatBeijing } from "../../core/messages/labels.js";
import { awardOptions } from "../../core/award-options.js";
import { formatTimestamp, startOfDayBeijing } from "../../core/time.js";
import { citedReason } from "../runtime/citation.js";
import { fiscalYearArg, wholeNumber, type CommonArgs } from "../runtime/args.js";
import { bookProgram, bookRegistry, categoryId, requireAuthorised, resolveEntity } from "../runtime/resolution.js";
import { defineAction, line, table, type ResultOf } from "../runtime/output.js";
import { scheduleFromArgs } from "./milestones.js";
import { sent, txLine } from "../runtime/tx.js";

export interface AwardArgs extends CommonArgs {
  program: string | undefined;
  uscc: string | undefined;
  entityNo: string | undefined;
  entityId: string | undefined;
  category: string | undefined;
  milestones: string | undefined;
  milestonesFile: string | undefined;
  application: bigint;
  qualifyingDate: string | undefined;
  fiscalYear: string | undefined;
  reason: string | undefined;
  article: string | undefined;
}

const action = defineAction("mg:award", async (args: AwardArgs, env) => {
  const p = await bookProgram(env, args.program);
  await requireAuthorised(env, p);
  const { registry } = await bookRegistry(env, p.entry.jurisdiction);
  const entity = await resolveEntity(registry, args);
  const category = categoryId(p, args.category);
  const schedule = scheduleFromArgs(args.milestones, args.milestonesFile, p.decimals);
  // The contract only says a deadline is invalid; say which rule it breaks before sending.
  const latest = await env.ethers.provider.getBlock("latest");
  if (latest !== null) checkDeadlines(schedule, BigInt(latest.timestamp));
  const applicationId = wholeNumber(args.application, "--application");
  const terms = milestoneTerms(schedule);
  // A level of a tier group above one the entity holds is a top-up: what it keeps there before this award.
  const { tierGroup, tier } = await p.program.category(category);
  const before = tierGroup === 0n ? null : await p.program.tierHolding(entity.entityNo, tierGroup);
  // The award's options: its decision text (citing an article), qualifying date and fiscal year. Without
  // any, the plain award (current fiscal year, no date, no text).
  const decision =
    args.reason === undefined && args.article === undefined ? null : citedReason(p, args.reason, args.article, "award");
  const options = awardOptions({
    fiscalYear: args.fiscalYear === undefined ? 0 : fiscalYearArg(args.fiscalYear),
    qualifyingDate:
      args.qualifyingDate === undefined ? 0n : startOfDayBeijing(args.qualifyingDate, "--qualifying-date"),
    reasonHash: decision?.hash,
  });
  const plain = decision === null && args.qualifyingDate === undefined && args.fiscalYear === undefined;
  const id = plain
    ? await p.program.award.staticCall(entity.entityId, category, applicationId, terms)
    : await p.program.awardWithOptions.staticCall(entity.entityId, category, applicationId, terms, options);
  const tx = await sent(
    plain
      ? p.program.award(entity.entityId, category, applicationId, terms)
      : p.program.awardWithOptions(entity.entityId, category, applicationId, terms, options),
  );
  const g = await p.program.grant(id);
  const total = schedule.reduce((sum, m) => sum + m.amount, 0n);
  const topUp = before !== null && before.tiers !== 0n;
  return {
    result: {
      program: p.name,
      grantId: id,
      entityNo: entity.entityNo,
      category,
      total: p.amount(total),
      termsHash: g.termsHash,
      /** The fiscal year the award reserved against (null: the program keeps one undated budget). */
      fiscalYear: g.fiscalYear === 0n ? null : Number(g.fiscalYear),
      /** The date the entity qualified (unix seconds; null: none stated). */
      qualifyingDate: options.qualifyingDate === 0n ? null : options.qualifyingDate,
      /** The decision text as hashed on chain (null: none), and its hash. */
      reasonText: decision?.text ?? null,
      reasonHash: decision?.hash ?? null,
      /** For a level of a tier group: the group, the level, and what the entity kept there before (token units). */
      tier:
        before === null ? null : { group: Number(tierGroup), level: Number(tier), heldBefore: p.amount(before.held) },
      milestones: schedule.map((m, i) => ({
        index: i,
        amount: p.amount(m.amount),
        deadline: m.deadline,
        description: m.description,
      })),
      tx: tx.hash,
    },
    lines: [
      line(
        `Awarded grant ${id} in ${p.name}: ${p.money(total)} to entity number ${entity.entityNo}, category ${args.category}.`,
        `已在 ${p.name} 授予第 ${id} 号资助：向第 ${entity.entityNo} 号主体资助 ${p.moneyZh(total)}，类别 ${args.category}。`,
      ),
      ...(topUp
        ? [
            line(
              `  upgrade to level ${tier} of tier group ${tierGroup}: the difference over the ${p.money(before.held)} already awarded in the group`,
              `  晋级至第 ${tierGroup} 级别组第 ${tier} 级：补发差额（该级别组已获 ${p.moneyZh(before.held)}）`,
            ),
          ]
        : []),
      ...(g.fiscalYear === 0n
        ? []
        : [line(`  reserved against fiscal year ${g.fiscalYear}`, `  列支预算年度：${g.fiscalYear} 年度`)]),
      ...(options.qualifyingDate === 0n
        ? []
        : [
            line(
              `  qualifying date ${formatTimestamp(options.qualifyingDate).slice(0, 10)} (within the category's eligibility window)`,
              `  取得资格日期 ${formatTimestamp(options.qualifyingDate).slice(0, 10)}（在本类别资格期限内）`,
            ),
          ]),
      ...(decision === null
        ? []
        : [
            line(
              `  decision text (keep it on file; its hash ${decision.hash} is on chain): ${decision.text ?? "(given as a hash)"}`,
              `  决定文字（请存档；链上记录其哈希 ${decision.hash}）：${decision.text ?? "（以哈希给出）"}`,
            ),
          ]),
      line(
        `  terms hash ${g.termsHash} (reviewers' votes name it)`,
        `  资助条款哈希 ${g.termsHash}（评审专家投票时引用）`,
      ),
      txLine(tx),
      table(
        {
          milestone: { en: "milestone", zh: "里程碑" },
          amount: { en: "amount", zh: "金额" },
          deadline: { en: "deadline (evidence and votes until)", zh: "截止时间（提交材料和投票）" },
          description: { en: "description", zh: "说明" },
        },
        schedule.map((m, i) => ({
          milestone: i,
          amount: { en: p.money(m.amount), zh: p.moneyZh(m.amount) },
          deadline: { en: formatTimestamp(m.deadline), zh: formatBeijing(m.deadline, "zh") },
          description: m.description,
        })),
      ),
    ],
  };
});

export default action;

/** What mg:award returns (and prints with --json, beside ok and task). */
export type AwardResult = ResultOf<typeof action>;
