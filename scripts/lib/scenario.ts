/**
 * Scenario builders shared by the demo, the bench, the portal seed and the tests: who holds which
 * role, and a milestone's review (evidence, then the committee's votes, then the notice window).
 * One implementation, so what the tests exercise is what the demo and the bench run.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import type { ContractTransactionReceipt, ContractTransactionResponse, Signer } from "ethers";

import type { IGrantProgram } from "../../typechain-types/index.js";
import { textHash } from "../../core/ids.js";
import { DAY, type ProgramRoles } from "./suite.js";
import { NO_FISCAL_CALENDAR } from "../../core/fiscal.js";

/** The accounts that hold a program's roles (index = role in the demo, bench, seed and fixtures). */
export interface RoleAccounts {
  admin: HardhatEthersSigner;
  managers: Array<{ address: string }>;
  reviewers: Array<{ address: string }>;
  treasurer: { address: string };
  guardian: { address: string };
  treasury: { address: string };
}

/** The ProgramRoles of createProgramFromDefinition, from the accounts that hold them. */
export function programRoles(accounts: RoleAccounts): ProgramRoles {
  return {
    admin: accounts.admin,
    managers: accounts.managers.map((m) => m.address),
    reviewers: accounts.reviewers.map((r) => r.address),
    treasurer: accounts.treasurer.address,
    guardian: accounts.guardian.address,
    treasury: accounts.treasury.address,
  };
}

/** A sent transaction and its receipt (the bench measures the response, the demo prints the receipt). */
export interface Sent {
  response: ContractTransactionResponse;
  receipt: ContractTransactionReceipt;
}

async function sent(send: Promise<ContractTransactionResponse>): Promise<Sent> {
  const response = await send;
  const receipt = await response.wait();
  if (receipt === null) throw new Error("no receipt");
  return { response, receipt };
}

export interface ReviewOptions {
  /** The reason hash of every vote (default: textHash("approve")). */
  reasonHash?: string;
  /** How many of `reviewers` vote, in order (default: 3, the programs' quorum). */
  votes?: number;
}

export interface Review {
  /** The evidence transaction (absent from approveSubmitted). */
  evidence?: Sent;
  votes: Sent[];
  /** The milestone's noticeEndsAt after the votes (0 if they did not reach quorum). */
  noticeEndsAt: bigint;
}

/** The first `votes` (default 3) of `reviewers` approve a submitted milestone whose evidence is `evidenceHash`. */
export async function approveSubmitted(
  program: IGrantProgram,
  reviewers: Signer[],
  grantId: bigint,
  index: number,
  evidenceHash: string,
  options: ReviewOptions = {},
): Promise<Review> {
  const reasonHash = options.reasonHash ?? textHash("approve");
  const { termsHash } = await program.grant(grantId);
  const votes: Sent[] = [];
  for (const reviewer of reviewers.slice(0, options.votes ?? 3)) {
    votes.push(await sent(program.connect(reviewer).vote(grantId, index, termsHash, evidenceHash, true, reasonHash)));
  }
  return { votes, noticeEndsAt: (await program.milestone(grantId, index)).noticeEndsAt };
}

/**
 * The grantee's wallet submits `evidenceHash` for the milestone, then the first `votes` (default 3) of
 * `reviewers` approve it. Returns every receipt in order and the milestone's noticeEndsAt.
 */
export async function submitAndApprove(
  program: IGrantProgram,
  grantee: Signer,
  reviewers: Signer[],
  grantId: bigint,
  index: number,
  evidenceHash: string,
  options: ReviewOptions = {},
): Promise<Review> {
  const evidence = await sent(program.connect(grantee).submitEvidence(grantId, index, evidenceHash));
  return { evidence, ...(await approveSubmitted(program, reviewers, grantId, index, evidenceHash, options)) };
}

/** Waits out the public notice window: the chain moves to `noticeEndsAt`, when the milestone is payable. */
export async function passNotice(helpers: Pick<NetworkHelpers, "time">, noticeEndsAt: bigint): Promise<void> {
  await helpers.time.increaseTo(noticeEndsAt);
}

/**
 * A milestone from evidence to payment: the grantee's wallet submits `evidenceHash`, the reviewers approve
 * (see {@link submitAndApprove}), the notice window passes, and the grantee's wallet claims it.
 */
export async function payMilestone(
  helpers: Pick<NetworkHelpers, "time">,
  program: IGrantProgram,
  grantee: Signer,
  reviewers: Signer[],
  grantId: bigint,
  index: number,
  evidenceHash: string,
  options: ReviewOptions = {},
): Promise<Sent> {
  const { noticeEndsAt } = await submitAndApprove(program, grantee, reviewers, grantId, index, evidenceHash, options);
  await passNotice(helpers, noticeEndsAt);
  return sent(program.connect(grantee).claim(grantId, [index]));
}

/**
 * The initialisation of a look-alike program: anyone may call the open factory's createProgram naming a
 * city's registry, token and treasury, with every role to themselves (and one outside reviewer). Such a
 * program is never one of the jurisdiction's: its registry did not authorise it (core/jurisdiction.ts).
 * @param impostor who creates it and holds its roles
 * @param reviewer its one reviewer (quorum 1)
 * @param opensAt start of its application window (one year long)
 */
export function lookAlikeInitParams(impostor: string, reviewer: string, opensAt: bigint) {
  return {
    admin: impostor,
    managers: [impostor],
    reviewers: [reviewer],
    treasurer: impostor,
    guardian: impostor,
    quorum: 1,
    noticePeriod: DAY,
    windowOpensAt: opensAt,
    windowClosesAt: opensAt + 365n * DAY,
    upheldObjectionOutcome: 0,
    // A look-alike can copy the published rules' hashes too: what tells it apart is who created it.
    programFileHash: textHash("a look-alike's program file"),
    policyTextHash: textHash("a look-alike's policy text"),
    fiscalCalendar: NO_FISCAL_CALENDAR,
  };
}
