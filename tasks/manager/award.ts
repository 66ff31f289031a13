/** mg:award — a manager awards a grant to a registered entity in milestones. */
import { checkDeadlines, milestoneTerms } from "../../core/schedule.js";
import { formatBeijing } from "../../core/messages/labels.js";
import { formatTimestamp } from "../../core/time.js";
import { wholeNumber, type CommonArgs } from "../runtime/args.js";
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
  const id = await p.program.award.staticCall(entity.entityId, category, applicationId, terms);
  const tx = await sent(p.program.award(entity.entityId, category, applicationId, terms));
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
