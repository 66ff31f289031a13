/**
 * mg:evidence --file path — hashes a local file (keccak256) and prints the hash; with --grant it also
 * submits the hash as the milestone's evidence from the grantee's payout wallet.
 */
import { milestoneRef } from "../../core/messages/labels.js";
import { requireText, type CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { fileHash, grantId, milestoneIndex } from "../runtime/hashes.js";
import { sent, txLine } from "../runtime/tx.js";

export interface EvidenceArgs extends CommonArgs {
  file: string | undefined;
  program: string | undefined;
  grant: string | undefined;
  milestone: number;
}

const action = defineAction("mg:evidence", async (args: EvidenceArgs, env) => {
  const file = requireText(args.file, "--file", { en: "the evidence document to hash", zh: "需计算哈希的佐证材料" });
  const hash = fileHash(file, "--file");
  if (args.grant === undefined || args.grant.trim() === "") {
    return {
      result: { file, hash, submitted: false },
      lines: [
        line(`keccak256(${file}) = ${hash}`, `keccak256(${file}) = ${hash}`),
        line(
          "  (not submitted: add --grant and --milestone to submit it)",
          "  （未提交：加上 --grant 和 --milestone 即可提交）",
        ),
      ],
    };
  }
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const index = milestoneIndex(args.milestone);
  const tx = await sent(p.program.submitEvidence(id, index, hash));
  return {
    result: { file, hash, submitted: true, program: p.name, grantId: id, milestone: index, tx: tx.hash },
    lines: [
      line(`keccak256(${file}) = ${hash}`, `keccak256(${file}) = ${hash}`),
      line(
        `Submitted as the evidence of milestone #${index} of grant ${id} in ${p.name}; the committee can now vote.`,
        `已作为 ${p.name} ${milestoneRef(id, index, "zh")}的佐证材料提交，评审委员会现可投票。`,
      ),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:evidence returns (and prints with --json, beside ok and task). */
export type EvidenceResult = ResultOf<typeof action>;
