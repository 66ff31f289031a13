/** mg:lapse — anyone lapses a milestone not approved by its deadline; its amount returns to the budget. */
import { bookProgram, defineAction, type CommonArgs } from "./lib/context.js";
import { grantId, milestoneIndex } from "./lib/hashes.js";
import { sent, txLine } from "./lib/tx.js";

export interface LapseArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestone: string;
}

export default defineAction<LapseArgs, Record<string, unknown>>("mg:lapse", async (args, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const index = milestoneIndex(args.milestone);
  const { amount } = await p.program.milestone(id, index);
  const tx = await sent(p.program.lapse(id, index));
  return {
    result: { program: p.name, grantId: id, milestone: index, released: amount, tx: tx.hash },
    lines: [
      `Milestone #${index} of grant ${id} in ${p.name} lapsed; ${p.money(amount)} returned to the available budget.`,
      txLine(tx),
    ],
  };
});
