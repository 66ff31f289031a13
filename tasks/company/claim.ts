/** mg:claim — the grantee's payout wallet claims payable milestones (all of them unless named). */
import { MilestoneState, milestoneStateName } from "../../core/enums.js";
import { MILESTONE_STATE_BADGES } from "../../core/messages/labels.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, type ResultOf } from "../runtime/output.js";
import { grantId, milestoneIndex } from "../runtime/hashes.js";
import { stateWords } from "../runtime/states.js";
import { sent, txLine } from "../runtime/tx.js";

export interface ClaimArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestones: string | undefined;
}

const action = defineAction("mg:claim", async (args: ClaimArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const g = await p.program.grant(id);
  let indexes: number[];
  if (args.milestones === undefined || args.milestones.trim() === "") {
    indexes = [];
    const states: string[] = [];
    const statesZh: string[] = [];
    for (let i = 0; i < Number(g.milestoneCount); i++) {
      const state = Number(await p.program.milestoneState(id, i));
      states.push(`#${i} ${stateWords(state)}`);
      statesZh.push(`第 ${i} 号${MILESTONE_STATE_BADGES[milestoneStateName(state)].zh}`);
      if (state === MilestoneState.Payable) indexes.push(i);
    }
    if (indexes.length === 0) {
      throw new TaskInputError(
        `Grant ${id} has no payable milestone yet (${states.join(", ")}).`,
        `第 ${id} 号资助目前没有可领取的里程碑（${statesZh.join("，")}）。`,
      );
    }
  } else {
    indexes = args.milestones.split(",").map((part) => milestoneIndex(part, "--milestones"));
  }
  const amount = await p.program.claim.staticCall(id, indexes);
  const tx = await sent(p.program.claim(id, indexes));
  return {
    result: {
      program: p.name,
      grantId: id,
      milestones: indexes,
      amount: p.amount(amount),
      wallet: env.signer.address,
      tx: tx.hash,
    },
    lines: [
      `Claimed ${p.money(amount)} for milestone(s) ${indexes.map((i) => `#${i}`).join(", ")} of grant ${id} in ${p.name}, paid to ${env.signer.address}.`,
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:claim returns (and prints with --json, beside ok and task). */
export type ClaimResult = ResultOf<typeof action>;
