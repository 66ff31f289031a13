/** Committee votes: what a reviewer binds (terms and evidence), EIP-712 signing and vote files. */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import type { IGrantProgram } from "../../../typechain-types/index.js";
import { VOTE_TYPES, voteDomain } from "../../lib/suite.js";
import { parseHash, TaskInputError } from "./context.js";
import { fileHash } from "./hashes.js";

/** A signed vote file, written by mg:sign-vote and read by mg:submit-votes. */
export interface SignedVoteFile {
  kind: "milestone-grants-signed-vote";
  chainId: string;
  program: string;
  grantId: string;
  milestone: number;
  termsHash: string;
  evidenceHash: string;
  vote: {
    reviewer: string;
    approve: boolean;
    reasonHash: string;
    nonce: string;
    deadline: string;
    signature: string;
  };
}

/** "approve" or "reject" (also "yes"/"no"). */
export function parseDecision(value: string | undefined): boolean {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "approve" || text === "yes") return true;
  if (text === "reject" || text === "no") return false;
  throw new TaskInputError('--decision must be "approve" or "reject".');
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
      );
    }
    return { evidenceHash: current, fromChain: true };
  }
  return {
    evidenceHash: text.startsWith("0x") ? parseHash(text, "--evidence") : fileHash(text, "--evidence"),
    fromChain: false,
  };
}

/** Signs a vote with a reviewer's key. */
export async function signVote(
  reviewer: HardhatEthersSigner,
  program: IGrantProgram,
  chainId: bigint,
  message: {
    grantId: bigint;
    milestoneIndex: number;
    termsHash: string;
    evidenceHash: string;
    approve: boolean;
    reasonHash: string;
    nonce: bigint;
    deadline: bigint;
  },
): Promise<string> {
  // The signed message also names the reviewer and the milestone's current review round.
  const { round } = await program.milestone(message.grantId, message.milestoneIndex);
  const full = { reviewer: reviewer.address, round, ...message };
  return reviewer.signTypedData(voteDomain(await program.getAddress(), chainId), VOTE_TYPES, full);
}
