/** Committee votes from the command line: the decision and the evidence reviewed (signing and vote files: core/votes.ts). */
import type { IGrantProgram } from "../../typechain-types/index.js";
import { parseHash, TaskInputError } from "../runtime/args.js";
import { fileHash } from "../runtime/hashes.js";

/** "approve" or "reject" (also "yes"/"no"). */
export function parseDecision(value: string | undefined): boolean {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "approve" || text === "yes") return true;
  if (text === "reject" || text === "no") return false;
  throw new TaskInputError(
    '--decision must be "approve" or "reject".',
    "--decision 必须是“approve”（通过）或“reject”（否决）。",
  );
}

/**
 * The evidence the reviewer reviewed: --evidence as a 0x hash or a file to hash. Without it, the
 * milestone's current evidence is used (and printed, so the reviewer sees what they vote on).
 */
export async function reviewedEvidence(
  program: IGrantProgram,
  grantId: bigint,
  index: number,
  evidence: string | undefined,
): Promise<{ evidenceHash: string; fromChain: boolean }> {
  const text = evidence?.trim() ?? "";
  if (text === "") {
    const current = await program.evidenceOf(grantId, index);
    if (/^0x0+$/.test(current)) {
      throw new TaskInputError(
        `Milestone #${index} of grant ${grantId} has no evidence yet, so there is nothing to vote on.`,
        `第 ${grantId} 号资助的第 ${index} 号里程碑尚未提交佐证材料，无可投票。`,
      );
    }
    return { evidenceHash: current, fromChain: true };
  }
  return {
    evidenceHash: text.startsWith("0x") ? parseHash(text, "--evidence") : fileHash(text, "--evidence"),
    fromChain: false,
  };
}
