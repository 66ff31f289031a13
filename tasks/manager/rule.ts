/** mg:rule — a manager rules on an open objection: dismiss (payable after the window) or uphold. */
import { milestoneRef } from "../../core/messages/labels.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { citedReason } from "../runtime/citation.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { grantId, milestoneIndex } from "../runtime/hashes.js";
import { stateText, stateWords } from "../runtime/states.js";
import { sent, txLine } from "../runtime/tx.js";

export interface RuleArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestone: number;
  decision: string | undefined;
  reason: string | undefined;
  article: string | undefined;
}

const action = defineAction("mg:rule", async (args: RuleArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const index = milestoneIndex(args.milestone);
  const decision = (args.decision ?? "").trim().toLowerCase();
  if (decision !== "uphold" && decision !== "dismiss")
    throw new TaskInputError(
      '--decision must be "uphold" or "dismiss".',
      "--decision 必须是“uphold”（异议成立）或“dismiss”（驳回异议）。",
    );
  const cited = citedReason(
    p,
    args.reason,
    args.article,
    `objection ${decision === "uphold" ? "upheld" : "dismissed"}`,
  );
  const reason = cited.hash;
  const tx = await sent(p.program.ruleOnObjection(id, index, decision === "uphold", reason));
  const stateNumber = Number(await p.program.milestoneState(id, index));
  const state = stateWords(stateNumber);
  return {
    result: {
      program: p.name,
      grantId: id,
      milestone: index,
      upheld: decision === "uphold",
      reasonHash: reason,
      /** The reason text hashed (keep it on file; publish it with the decision), and the article it cites. */
      reasonText: cited.text,
      article: cited.article,
      state,
      tx: tx.hash,
    },
    lines: [
      line(
        `Objection to milestone #${index} of grant ${id} in ${p.name} ${decision === "uphold" ? "upheld" : "dismissed"}; the milestone is now ${state}.`,
        `对 ${p.name} ${milestoneRef(id, index, "zh")}的异议${decision === "uphold" ? "成立" : "已驳回"}；该里程碑现为“${stateText(stateNumber).zh}”。`,
      ),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:rule returns (and prints with --json, beside ok and task). */
export type RuleResult = ResultOf<typeof action>;
