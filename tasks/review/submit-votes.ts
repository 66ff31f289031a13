/** mg:submit-votes file… — submits reviewers' signed vote files for one milestone in one transaction. */
import { existsSync, readFileSync } from "node:fs";

import { fileVote, parseVoteFile, type SignedVoteFile } from "../../core/votes.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { milestoneRef } from "../../core/messages/labels.js";
import { countBits, stateText, stateWords } from "../runtime/states.js";
import { sent, txLine } from "../runtime/tx.js";

export interface SubmitVotesArgs extends CommonArgs {
  files: string[];
}

function readVote(file: string): SignedVoteFile {
  if (!existsSync(file)) throw new TaskInputError(`${file}: no such file.`, `${file}：文件不存在。`);
  return parseVoteFile(readFileSync(file, "utf8"), file);
}

const action = defineAction("mg:submit-votes", async (args: SubmitVotesArgs, env) => {
  if (args.files.length === 0) {
    throw new TaskInputError("Name at least one signed vote file.", "请至少指定一个签名投票文件。");
  }
  const votes = args.files.map(readVote);
  const first = votes[0];
  for (const [i, v] of votes.entries()) {
    const file = args.files[i];
    if (v.chainId !== env.chainId.toString()) {
      throw new TaskInputError(
        `${file}: was signed for chain ${v.chainId}, not this network's chain ${env.chainId}.`,
        `${file}：签名针对的是链 ${v.chainId}，而非本网络的链 ${env.chainId}。`,
      );
    }
    for (const field of ["program", "grantId", "milestone", "termsHash", "evidenceHash"] as const) {
      if (String(v[field]).toLowerCase() !== String(first[field]).toLowerCase()) {
        throw new TaskInputError(
          `${file}: its ${field} differs from ${args.files[0]}'s; a batch covers one milestone.`,
          `${file}：其 ${field} 与 ${args.files[0]} 不同；一批投票只能针对同一个里程碑。`,
        );
      }
    }
  }
  const p = await bookProgram(env, first.program);
  const id = BigInt(first.grantId);
  const batch = votes.map(fileVote);
  const tx = await sent(p.program.submitSignedVotes(id, first.milestone, first.termsHash, first.evidenceHash, batch));
  // A valid vote already counted in this round (or arriving after the round was decided) is skipped.
  const skipped = tx.receipt.logs
    .map((log) => p.program.interface.parseLog(log))
    .filter((event) => event?.name === "SignedVoteSkipped")
    .map((event) => String(event!.args.reviewer));
  const m = await p.program.milestone(id, first.milestone);
  const stateNumber = Number(await p.program.milestoneState(id, first.milestone));
  const state = stateWords(stateNumber);
  return {
    result: {
      program: p.name,
      grantId: id,
      milestone: first.milestone,
      reviewers: batch.map((b) => b.reviewer),
      skipped,
      state,
      approvals: countBits(m.approvals),
      rejections: countBits(m.rejections),
      tx: tx.hash,
    },
    lines: [
      line(
        `Submitted ${batch.length} signed vote(s) on milestone #${first.milestone} of grant ${id} in ${p.name}.`,
        `已提交对 ${p.name} ${milestoneRef(id, first.milestone, "zh")}的 ${batch.length} 张签名票。`,
      ),
      ...(skipped.length === 0
        ? []
        : [
            line(
              `  not counted again (already counted in this round, or the round was decided): ${skipped.join(", ")}`,
              `  未重复计票（本轮已计入，或本轮已有结论）：${skipped.join("、")}`,
            ),
          ]),
      line(
        `  the milestone is now ${state} (${countBits(m.approvals)} approval(s), ${countBits(m.rejections)} rejection(s))`,
        `  该里程碑现为“${stateText(stateNumber).zh}”（同意 ${countBits(m.approvals)} 票，不同意 ${countBits(m.rejections)} 票）`,
      ),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:submit-votes returns (and prints with --json, beside ok and task). */
export type SubmitVotesResult = ResultOf<typeof action>;
