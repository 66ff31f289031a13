/** mg:vote — a reviewer votes on a submitted milestone, naming the terms and the evidence reviewed. */
import { reasonHash } from "../../core/ids.js";
import { countBits, stateWords } from "./lib/states.js";
import { bookProgram, defineAction, type CommonArgs } from "./lib/context.js";
import { grantId, milestoneIndex } from "./lib/hashes.js";
import { sent, txLine } from "./lib/tx.js";
import { parseDecision, reviewedEvidence } from "./lib/votes.js";

export interface VoteArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestone: string;
  decision: string | undefined;
  reason: string | undefined;
  evidence: string | undefined;
}

export default defineAction<VoteArgs, Record<string, unknown>>("mg:vote", async (args, env) => {
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
      `${env.signer.address} voted to ${approve ? "approve" : "reject"} milestone #${index} of grant ${id} in ${p.name}.`,
      `  evidence ${evidenceHash}${fromChain ? " (the milestone's current evidence)" : ""}; terms ${termsHash}`,
      `  the milestone is now ${stateWords(state)} (${countBits(m.approvals)} approval(s), ${countBits(m.rejections)} rejection(s))`,
      txLine(tx),
    ],
  };
});
