/**
 * Committee votes signed off chain (EIP-712): the Vote type and domain GrantProgram verifies, the
 * ballot built from what the chain holds, signing with any ethers signer, and the signed-vote file
 * that mg:sign-vote and the portal write and mg:submit-votes reads.
 */
import {
  getAddress,
  isAddress,
  isHexString,
  TypedDataEncoder,
  verifyTypedData,
  type ContractRunner,
  type TypedDataDomain,
  type TypedDataField,
} from "ethers";

import { CoreInputError } from "./input-error.ts";

/** The EIP-712 type string of a vote, as GrantProgram's Vote typehash spells it. */
export const VOTE_TYPE =
  "Vote(address reviewer,uint256 grantId,uint8 milestoneIndex,uint8 round,uint8 reviewerSlot,bytes32 termsHash,bytes32 evidenceHash,bool approve,bytes32 reasonHash,uint256 deadline)";

/** The EIP-712 types of a vote, in the form ethers' `signTypedData` takes. */
export const VOTE_TYPES: Record<string, TypedDataField[]> = {
  Vote: [
    { name: "reviewer", type: "address" },
    { name: "grantId", type: "uint256" },
    { name: "milestoneIndex", type: "uint8" },
    { name: "round", type: "uint8" },
    { name: "reviewerSlot", type: "uint8" },
    { name: "termsHash", type: "bytes32" },
    { name: "evidenceHash", type: "bytes32" },
    { name: "approve", type: "bool" },
    { name: "reasonHash", type: "bytes32" },
    { name: "deadline", type: "uint256" },
  ],
};

/** The EIP-712 domain name every program signs under. */
export const VOTE_DOMAIN_NAME = "MilestoneGrants GrantProgram";
/** The EIP-712 domain version. */
export const VOTE_DOMAIN_VERSION = "1";

/**
 * The EIP-712 domain of one program's votes. A vote signed under one program's (or one chain's)
 * domain does not verify in another.
 * @param program the program's address (verifyingContract)
 * @param chainId the chain id
 */
export function voteDomain(program: string, chainId: bigint | number | string): TypedDataDomain {
  return { name: VOTE_DOMAIN_NAME, version: VOTE_DOMAIN_VERSION, chainId: BigInt(chainId), verifyingContract: program };
}

/**
 * The full message a reviewer signs (every field of the Vote type). It names the milestone's review
 * round and the reviewer's slot: a vote counts once per slot and round, and rounds never repeat, so no
 * nonce is needed and a signature held back blocks no other vote.
 */
export interface Ballot {
  reviewer: string;
  grantId: bigint;
  milestoneIndex: number;
  round: bigint | number;
  /** The reviewer's current slot (1–16); a re-appointed reviewer signs again for the new slot. */
  reviewerSlot: bigint | number;
  termsHash: string;
  evidenceHash: string;
  approve: boolean;
  reasonHash: string;
  deadline: bigint;
}

/** What a reviewer decides; the rest of the ballot is read from the chain. */
export interface VoteChoice {
  grantId: bigint;
  milestoneIndex: number;
  approve: boolean;
  reasonHash: string;
  deadline: bigint;
}

/** One vote as `submitSignedVotes` takes it. */
export interface SignedVote {
  reviewer: string;
  approve: boolean;
  reasonHash: string;
  deadline: bigint;
  signature: string;
}

/** The reads of GrantProgram a ballot needs (a TypeChain GrantProgram satisfies it). */
export interface BallotSource {
  /** The grant: its terms hash. */
  grant(grantId: bigint): Promise<{ termsHash: string }>;
  /** The milestone: its current review round. */
  milestone(grantId: bigint, index: number): Promise<{ round: bigint }>;
  /** The milestone's current evidence hash. */
  evidenceOf(grantId: bigint, index: number): Promise<string>;
  /** A reviewer's current slot (zero for anyone who is not a current reviewer). */
  reviewerSlot(reviewer: string): Promise<bigint>;
}

/** Anything that signs EIP-712 data the ethers v6 way (a Wallet, a JsonRpcSigner, a Hardhat signer). */
export interface TypedDataSigner {
  /** Signs typed data and returns the 65-byte signature. */
  signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string>;
}

/**
 * Builds the ballot from what the chain holds now: the milestone's round, the grant's terms hash,
 * the milestone's evidence hash and the reviewer's current slot. `known` fields are used as given
 * (e.g. the evidence the reviewer actually reviewed).
 * @param program the program's reads
 * @param reviewer the reviewer's address (a contract wallet's address for ERC-1271 reviewers)
 * @param choice what the reviewer decides
 * @param known ballot fields already known, used instead of reading them
 */
export async function readBallot(
  program: BallotSource,
  reviewer: string,
  choice: VoteChoice,
  known: Partial<Pick<Ballot, "termsHash" | "evidenceHash" | "reviewerSlot">> = {},
): Promise<Ballot> {
  const [grant, milestone, evidenceHash, reviewerSlot] = await Promise.all([
    known.termsHash === undefined ? program.grant(choice.grantId) : { termsHash: known.termsHash },
    program.milestone(choice.grantId, choice.milestoneIndex),
    known.evidenceHash ?? program.evidenceOf(choice.grantId, choice.milestoneIndex),
    known.reviewerSlot ?? program.reviewerSlot(reviewer),
  ]);
  return {
    reviewer,
    grantId: choice.grantId,
    milestoneIndex: choice.milestoneIndex,
    round: milestone.round,
    reviewerSlot,
    termsHash: grant.termsHash,
    evidenceHash,
    approve: choice.approve,
    reasonHash: choice.reasonHash,
    deadline: choice.deadline,
  };
}

/** What {@link checkVoteCounts} reads of a milestone (a TypeChain `milestone()` result satisfies it). */
export interface MilestoneVotes {
  status: bigint | number;
  approvals: bigint | number;
  rejections: bigint | number;
}

/**
 * Refuses, before anything is signed, a vote the chain would not count: the signer is not a current
 * reviewer, the milestone is not under review, or the reviewer already voted in this round (a batch
 * would skip such a vote instead of counting it).
 * @param milestone the milestone as the chain holds it now
 * @param ballot the ballot about to be signed
 * @throws CoreInputError with one sentence in English and Chinese
 */
export function checkVoteCounts(milestone: MilestoneVotes, ballot: Ballot): void {
  const slot = BigInt(ballot.reviewerSlot);
  const at = `milestone #${ballot.milestoneIndex} of grant ${ballot.grantId}`;
  const atZh = `第 ${ballot.grantId} 号资助的第 ${ballot.milestoneIndex} 个里程碑`;
  if (slot === 0n) {
    throw new CoreInputError(
      `${ballot.reviewer} is not a current reviewer of this program, so its vote would not count.`,
      `${ballot.reviewer} 不是本项目现任评审专家，其投票不会被计入。`,
    );
  }
  if (BigInt(milestone.status) !== 2n) {
    throw new CoreInputError(
      `M${at.slice(1)} is not under review (no evidence awaiting votes, or its round is already decided).`,
      `${atZh}不在评审中（没有待投票的材料，或本轮已有结论）。`,
    );
  }
  const voted = BigInt(milestone.approvals) | BigInt(milestone.rejections);
  if (((voted >> (slot - 1n)) & 1n) === 1n) {
    throw new CoreInputError(
      `${ballot.reviewer} has already voted on ${at} in this review round.`,
      `${ballot.reviewer} 已在本轮评审中对${atZh}投过票。`,
    );
  }
}

/**
 * The EIP-712 digest of a ballot (what GrantProgram.voteDigest returns for it).
 * @param domain the program's domain ({@link voteDomain})
 * @param ballot the full message
 */
export function voteDigest(domain: TypedDataDomain, ballot: Ballot): string {
  return TypedDataEncoder.hash(domain, VOTE_TYPES, { ...ballot });
}

/**
 * Signs a ballot and returns the vote in the shape `submitSignedVotes` takes.
 * @param signer any ethers v6 signer
 * @param domain the program's domain ({@link voteDomain}); tests pass other domains on purpose
 * @param ballot the full message
 * @param reviewer the reviewer named in the submitted vote (defaults to the ballot's)
 */
export async function signBallot(
  signer: TypedDataSigner,
  domain: TypedDataDomain,
  ballot: Ballot,
  reviewer: string = ballot.reviewer,
): Promise<SignedVote> {
  const signature = await signer.signTypedData(domain, VOTE_TYPES, { ...ballot });
  return {
    reviewer,
    approve: ballot.approve,
    reasonHash: ballot.reasonHash,
    deadline: ballot.deadline,
    signature,
  };
}

/**
 * The address that signed a ballot (ECDSA recovery; ERC-1271 wallets are checked on chain instead).
 * @param domain the program's domain
 * @param ballot the full message
 * @param signature the signature
 */
export function voteSigner(domain: TypedDataDomain, ballot: Ballot, signature: string): string {
  return verifyTypedData(domain, VOTE_TYPES, { ...ballot }, signature);
}

/** A program contract as ethers gives it: its reads, its address and its runner (for the chain id). */
export interface VoteProgram extends BallotSource {
  /** The program's address. */
  getAddress(): Promise<string>;
  /** The runner the contract is connected to; its provider names the chain. */
  readonly runner: ContractRunner | null;
}

/**
 * Signs a committee vote on `program` with the reviewer's current slot and the milestone's current
 * round, terms and evidence (all read now), under the program's domain on the program's chain.
 * @param signer any ethers v6 signer
 * @param program the program contract (connected to a provider)
 * @param choice what the reviewer decides
 * @param reviewer the reviewer's address; defaults to the signer's, pass a contract wallet's for ERC-1271
 * @returns the vote in the shape `submitSignedVotes` takes
 */
export async function signVote(
  signer: TypedDataSigner & { getAddress(): Promise<string> },
  program: VoteProgram,
  choice: VoteChoice,
  reviewer?: string,
): Promise<SignedVote> {
  const who = reviewer ?? (await signer.getAddress());
  const provider = program.runner?.provider;
  if (provider === null || provider === undefined) {
    throw new CoreInputError(
      "The program contract is not connected to a provider, so the chain id of the vote is unknown.",
      "项目合约未连接到节点，无法确定投票的链 ID。",
    );
  }
  const [ballot, address, network] = await Promise.all([
    readBallot(program, who, choice),
    program.getAddress(),
    provider.getNetwork(),
  ]);
  return signBallot(signer, voteDomain(address, network.chainId), ballot);
}

/** The `kind` field that marks a signed vote file. */
export const SIGNED_VOTE_KIND = "milestone-grants-signed-vote";

/** A signed vote file, written by mg:sign-vote and the portal, read by mg:submit-votes. */
export interface SignedVoteFile {
  kind: typeof SIGNED_VOTE_KIND;
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
    /** The reviewer's slot the vote was signed for (1–16). */
    reviewerSlot: number;
    deadline: string;
    signature: string;
  };
}

/**
 * The file of one signed vote.
 * @param chainId the chain the vote was signed for
 * @param program the program's address
 * @param ballot the signed message
 * @param vote the signed vote ({@link signBallot})
 */
export function createVoteFile(
  chainId: bigint | number | string,
  program: string,
  ballot: Ballot,
  vote: SignedVote,
): SignedVoteFile {
  return {
    kind: SIGNED_VOTE_KIND,
    chainId: BigInt(chainId).toString(),
    program,
    grantId: ballot.grantId.toString(),
    milestone: ballot.milestoneIndex,
    termsHash: ballot.termsHash,
    evidenceHash: ballot.evidenceHash,
    vote: {
      reviewer: vote.reviewer,
      approve: vote.approve,
      reasonHash: vote.reasonHash,
      reviewerSlot: Number(ballot.reviewerSlot),
      deadline: vote.deadline.toString(),
      signature: vote.signature,
    },
  };
}

/**
 * A vote file as text: indented JSON and a final newline.
 * @param file the file
 */
export function serializeVoteFile(file: SignedVoteFile): string {
  return JSON.stringify(file, null, 2) + "\n";
}

function refuse(source: string, en: string, zh: string): never {
  throw new CoreInputError(`${source}: ${en}`, `${source}：${zh}`);
}

/**
 * Reads a vote file's text and checks every field.
 * @param text the file's contents
 * @param source how to name the file in an error (its path)
 * @throws CoreInputError naming the file and the first field that is wrong
 */
export function parseVoteFile(text: string, source: string): SignedVoteFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    refuse(source, "is not a JSON file.", "不是 JSON 文件。");
  }
  if (typeof raw !== "object" || raw === null) {
    refuse(source, "is not a signed vote written by mg:sign-vote.", "不是 mg:sign-vote 写出的签名投票。");
  }
  const f = raw as Record<string, unknown>;
  const v = f.vote as Record<string, unknown> | null | undefined;
  if (f.kind !== SIGNED_VOTE_KIND || typeof v !== "object" || v === null) {
    refuse(source, "is not a signed vote written by mg:sign-vote.", "不是 mg:sign-vote 写出的签名投票。");
  }
  const whole = (value: unknown) => typeof value === "string" && /^\d+$/.test(value);
  const hash = (value: unknown) => typeof value === "string" && isHexString(value, 32);
  const address = (value: unknown) => typeof value === "string" && isAddress(value);
  const checks: Array<[string, boolean, string, string]> = [
    ["chainId", whole(f.chainId), "a whole number written as a string", "以字符串书写的整数"],
    ["program", address(f.program), "an address", "地址"],
    ["grantId", whole(f.grantId), "a whole number written as a string", "以字符串书写的整数"],
    [
      "milestone",
      typeof f.milestone === "number" && Number.isInteger(f.milestone) && f.milestone >= 0 && f.milestone <= 15,
      "a milestone index from 0 to 15",
      "0 至 15 的里程碑序号",
    ],
    ["termsHash", hash(f.termsHash), "a 32-byte hash", "32 字节哈希"],
    ["evidenceHash", hash(f.evidenceHash), "a 32-byte hash", "32 字节哈希"],
    ["vote.reviewer", address(v.reviewer), "an address", "地址"],
    ["vote.approve", typeof v.approve === "boolean", "true or false", "true 或 false"],
    ["vote.reasonHash", hash(v.reasonHash), "a 32-byte hash", "32 字节哈希"],
    [
      "vote.reviewerSlot",
      typeof v.reviewerSlot === "number" &&
        Number.isInteger(v.reviewerSlot) &&
        v.reviewerSlot >= 1 &&
        v.reviewerSlot <= 16,
      "a reviewer slot from 1 to 16",
      "1 至 16 的评审席位号",
    ],
    ["vote.deadline", whole(v.deadline), "a whole number written as a string", "以字符串书写的整数"],
    [
      "vote.signature",
      typeof v.signature === "string" && isHexString(v.signature) && (v.signature.length - 2) % 2 === 0,
      "a 0x hex signature",
      "0x 开头的十六进制签名",
    ],
  ];
  for (const [field, ok, en, zh] of checks) {
    if (!ok) refuse(source, `field "${field}" must be ${en}.`, `字段“${field}”必须是${zh}。`);
  }
  return {
    kind: SIGNED_VOTE_KIND,
    chainId: f.chainId as string,
    program: getAddress(f.program as string),
    grantId: f.grantId as string,
    milestone: f.milestone as number,
    termsHash: f.termsHash as string,
    evidenceHash: f.evidenceHash as string,
    vote: {
      reviewer: getAddress(v.reviewer as string),
      approve: v.approve as boolean,
      reasonHash: v.reasonHash as string,
      reviewerSlot: v.reviewerSlot as number,
      deadline: v.deadline as string,
      signature: v.signature as string,
    },
  };
}

/**
 * The vote of a file in the shape `submitSignedVotes` takes.
 * @param file a parsed vote file
 */
export function fileVote(file: SignedVoteFile): SignedVote {
  return {
    reviewer: file.vote.reviewer,
    approve: file.vote.approve,
    reasonHash: file.vote.reasonHash,
    deadline: BigInt(file.vote.deadline),
    signature: file.vote.signature,
  };
}

/**
 * The ballot a file's signature covers, given the milestone's review round (not in the file: the
 * round is read from the chain when the vote is checked).
 * @param file a parsed vote file
 * @param round the milestone's review round the vote was signed in
 */
export function fileBallot(file: SignedVoteFile, round: bigint | number): Ballot {
  return {
    reviewer: file.vote.reviewer,
    grantId: BigInt(file.grantId),
    milestoneIndex: file.milestone,
    round,
    reviewerSlot: file.vote.reviewerSlot,
    termsHash: file.termsHash,
    evidenceHash: file.evidenceHash,
    approve: file.vote.approve,
    reasonHash: file.vote.reasonHash,
    deadline: BigInt(file.vote.deadline),
  };
}
