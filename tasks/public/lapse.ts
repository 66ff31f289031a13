/** mg:lapse — anyone lapses a milestone not approved by its deadline; its amount returns to the budget. */
import { milestoneRef } from "../../core/messages/labels.js";
import type { CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { grantId, milestoneIndex } from "../runtime/hashes.js";
import { sent, txLine } from "../runtime/tx.js";

export interface LapseArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestone: number;
}

const action = defineAction("mg:lapse", async (args: LapseArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const index = milestoneIndex(args.milestone);
  const { amount } = await p.program.milestone(id, index);
  const tx = await sent(p.program.lapse(id, index));
  return {
    result: { program: p.name, grantId: id, milestone: index, released: p.amount(amount), tx: tx.hash },
    lines: [
      line(
        `Milestone #${index} of grant ${id} in ${p.name} lapsed; ${p.money(amount)} returned to the available budget.`,
        `${p.name} ${milestoneRef(id, index, "zh")}已失效，${p.moneyZh(amount)} 退回可用预算。`,
      ),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:lapse returns (and prints with --json, beside ok and task). */
export type LapseResult = ResultOf<typeof action>;
