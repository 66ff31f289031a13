/**
 * mg:sign-vote — a reviewer signs a vote (EIP-712) without sending a transaction and writes it to a
 * JSON file; anyone submits a batch of such files with mg:submit-votes.
 */
import { writeFileSync } from "node:fs";

import { reasonHash } from "../../core/ids.js";
import { formatBeijing, milestoneRef } from "../../core/messages/labels.js";
import { formatTimestamp } from "../../core/time.js";
import {
  checkVoteCounts,
  createVoteFile,
  readBallot,
  serializeVoteFile,
  signBallot,
  voteDomain,
} from "../../core/votes.js";
import { wholeNumber, type CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { grantId, milestoneIndex } from "../runtime/hashes.js";
import { parseDecision, reviewedEvidence } from "./votes.js";

export interface SignVoteArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestone: number;
  decision: string | undefined;
  reason: string | undefined;
  evidence: string | undefined;
  validHours: number;
  out: string | undefined;
}

const action = defineAction("mg:sign-vote", async (args: SignVoteArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const index = milestoneIndex(args.milestone);
  const approve = parseDecision(args.decision);
  const reviewer = env.signer;
  const { termsHash } = await p.program.grant(id);
  const { evidenceHash } = await reviewedEvidence(p.program, id, index, args.evidence);
  const reason = reasonHash(args.reason, approve ? "approve" : "reject");
  const deadline = BigInt(await env.time.latest()) + wholeNumber(args.validHours, "--valid-hours") * 3600n;
  const address = await p.program.getAddress();
  const ballot = await readBallot(
    p.program,
    reviewer.address,
    { grantId: id, milestoneIndex: index, approve, reasonHash: reason, deadline },
    { termsHash, evidenceHash },
  );
  // Refuse now what the chain would not count later: not a reviewer, not under review, already voted…
  checkVoteCounts(await p.program.milestone(id, index), ballot);
  const vote = await signBallot(reviewer, voteDomain(address, env.chainId), ballot);
  // …and whatever else it would refuse (recused, the grantee's own wallet, past the deadline…).
  await p.program.submitSignedVotes.staticCall(id, index, termsHash, evidenceHash, [vote]);
  const file = createVoteFile(env.chainId, address, ballot, vote);
  const out =
    args.out === undefined || args.out.trim() === ""
      ? `vote-${p.name}-g${id}-m${index}-${reviewer.address.slice(2, 10).toLowerCase()}.json`
      : args.out.trim();
  writeFileSync(out, serializeVoteFile(file));
  return {
    result: { out, ...file },
    lines: [
      line(
        `${reviewer.address} signed a vote to ${approve ? "approve" : "reject"} milestone #${index} of grant ${id} in ${p.name}.`,
        `评审专家 ${reviewer.address} 已签署对 ${p.name} ${milestoneRef(id, index, "zh")}的${approve ? "同意" : "不同意"}票。`,
      ),
      line(
        `  evidence ${evidenceHash}; review round ${ballot.round}, reviewer slot ${ballot.reviewerSlot}; valid until ${formatTimestamp(deadline)}`,
        `  佐证材料 ${evidenceHash}；第 ${ballot.round} 轮评审，评审席位 ${ballot.reviewerSlot}；有效期至 ${formatBeijing(deadline, "zh")}`,
      ),
      line(
        `  written to ${out} — hand it to whoever submits the batch (mg:submit-votes).`,
        `  已写入 ${out}，请交给批量提交的人员（mg:submit-votes）。`,
      ),
    ],
  };
});

export default action;

/** What mg:sign-vote returns (and prints with --json, beside ok and task). */
export type SignVoteResult = ResultOf<typeof action>;
