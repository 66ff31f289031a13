/** mg:rule — a manager rules on an open objection: dismiss (payable after the window) or uphold. */
import { reasonHash } from "../../core/ids.js";
import { bookProgram, defineAction, TaskInputError, type CommonArgs } from "./lib/context.js";
import { grantId, milestoneIndex } from "./lib/hashes.js";
import { stateWords } from "./lib/states.js";
import { sent, txLine } from "./lib/tx.js";

export interface RuleArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestone: string;
  decision: string | undefined;
  reason: string | undefined;
}

export default defineAction<RuleArgs, Record<string, unknown>>("mg:rule", async (args, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const index = milestoneIndex(args.milestone);
  const decision = (args.decision ?? "").trim().toLowerCase();
  if (decision !== "uphold" && decision !== "dismiss")
    throw new TaskInputError('--decision must be "uphold" or "dismiss".');
  const reason = reasonHash(args.reason, `objection ${decision === "uphold" ? "upheld" : "dismissed"}`);
  const tx = await sent(p.program.ruleOnObjection(id, index, decision === "uphold", reason));
  const state = stateWords(Number(await p.program.milestoneState(id, index)));
  return {
    result: {
      program: p.name,
      grantId: id,
      milestone: index,
      upheld: decision === "uphold",
      reasonHash: reason,
      state,
      tx: tx.hash,
    },
    lines: [
      `Objection to milestone #${index} of grant ${id} in ${p.name} ${decision === "uphold" ? "upheld" : "dismissed"}; the milestone is now ${state}.`,
      txLine(tx),
    ],
  };
});
