/** mg:settle — anyone decides a review round that a committee change (recusal, removal, quorum) already decided. */
import { MilestoneState } from "../../core/enums.js";
import { formatBeijing, milestoneRef } from "../../core/messages/labels.js";
import type { CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { grantId, milestoneIndex } from "../runtime/hashes.js";
import { sent, txLine } from "../runtime/tx.js";

export interface SettleArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestone: number;
}

const action = defineAction("mg:settle", async (args: SettleArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const index = milestoneIndex(args.milestone);
  const tx = await sent(p.program.settle(id, index));
  const { status, noticeEndsAt } = await p.program.milestone(id, index);
  const approved = status === BigInt(MilestoneState.InNotice); // stored status: approved, notice running or over
  return {
    result: { program: p.name, grantId: id, milestone: index, approved, noticeEndsAt, tx: tx.hash },
    lines: [
      approved
        ? line(
            `Milestone #${index} of grant ${id} in ${p.name} is approved; its public notice window runs until ${new Date(Number(noticeEndsAt) * 1000).toISOString()}.`,
            `${p.name} ${milestoneRef(id, index, "zh")}已通过评审，公示期至 ${formatBeijing(noticeEndsAt, "zh")}。`,
          )
        : line(
            `Milestone #${index} of grant ${id} in ${p.name} is rejected; the grantee may resubmit before the deadline.`,
            `${p.name} ${milestoneRef(id, index, "zh")}未通过评审；获奖主体可在截止时间前重新提交材料。`,
          ),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:settle returns (and prints with --json, beside ok and task). */
export type SettleResult = ResultOf<typeof action>;
