/** mg:vote — a reviewer votes on a submitted milestone, naming the terms and the evidence reviewed. */
import { reasonHash } from "../../core/ids.js";
import { milestoneRef } from "../../core/messages/labels.js";
import { countBits, stateText, stateWords } from "../runtime/states.js";
import type { CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { grantId, milestoneIndex } from "../runtime/hashes.js";
import { sent, txLine } from "../runtime/tx.js";
import { parseDecision, reviewedEvidence } from "./votes.js";

export interface VoteArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestone: number;
  decision: string | undefined;
  reason: string | undefined;
  evidence: string | undefined;
}

const action = defineAction("mg:vote", async (args: VoteArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const index = milestoneIndex(args.milestone);
  const approve = parseDecision(args.decision);
  const { termsHash } = await p.program.grant(id);
  const { evidenceHash, fromChain } = await reviewedEvidence(p.program, id, index, args.evidence);
  const reason = reasonHash(args.reason, approve ? "approve" : "reject");
  const tx = await sent(p.program.vote(id, index, termsHash, evidenceHash, approve, reason));
  const m = await p.program.milestone(id, index);
  const state = Number(await p.program.milestoneState(id, index));
  return {
    result: {
      program: p.name,
      grantId: id,
      milestone: index,
      reviewer: env.signer.address,
      approve,
      termsHash,
      evidenceHash,
      reasonHash: reason,
      state: stateWords(state),
      approvals: countBits(m.approvals),
      rejections: countBits(m.rejections),
      noticeEndsAt: m.noticeEndsAt,
      tx: tx.hash,
    },
    lines: [
      line(
        `${env.signer.address} voted to ${approve ? "approve" : "reject"} milestone #${index} of grant ${id} in ${p.name}.`,
        `评审专家 ${env.signer.address} 对 ${p.name} ${milestoneRef(id, index, "zh")}投了${approve ? "同意" : "不同意"}票。`,
      ),
      line(
        `  evidence ${evidenceHash}${fromChain ? " (the milestone's current evidence)" : ""}; terms ${termsHash}`,
        `  佐证材料 ${evidenceHash}${fromChain ? "（该里程碑当前的佐证材料）" : ""}；资助条款 ${termsHash}`,
      ),
      line(
        `  the milestone is now ${stateWords(state)} (${countBits(m.approvals)} approval(s), ${countBits(m.rejections)} rejection(s))`,
        `  该里程碑现为“${stateText(state).zh}”（同意 ${countBits(m.approvals)} 票，不同意 ${countBits(m.rejections)} 票）`,
      ),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:vote returns (and prints with --json, beside ok and task). */
export type VoteResult = ResultOf<typeof action>;
