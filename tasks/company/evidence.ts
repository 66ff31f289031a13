/**
 * mg:evidence --file path — hashes a local file (keccak256) and prints the hash; with --grant it also
 * submits the hash as the milestone's evidence from the grantee's payout wallet.
 */
import { requireText, type CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, type ResultOf } from "../runtime/output.js";
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
      lines: [`keccak256(${file}) = ${hash}`, "  (not submitted: add --grant and --milestone to submit it)"],
    };
  }
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const index = milestoneIndex(args.milestone);
  const tx = await sent(p.program.submitEvidence(id, index, hash));
  return {
    result: { file, hash, submitted: true, program: p.name, grantId: id, milestone: index, tx: tx.hash },
    lines: [
      `keccak256(${file}) = ${hash}`,
      `Submitted as the evidence of milestone #${index} of grant ${id} in ${p.name}; the committee can now vote.`,
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:evidence returns (and prints with --json, beside ok and task). */
export type EvidenceResult = ResultOf<typeof action>;
