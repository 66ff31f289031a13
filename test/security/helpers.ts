/**
 * Shared set-up of the security checklist tests (test/security/*.test.ts): worlds built on the seed's
 * Guiyang fixture, programs on hostile tokens, the "nothing moved" check and EIP-712 signing.
 * No test lives here.
 */
import { expect } from "chai";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import type { NetworkConnection } from "hardhat/types/network";
import { keccak256, type AddressLike } from "ethers";

import type { IGrantProgram, MockYuan } from "../../typechain-types/index.js";
import { approveSubmitted, passNotice } from "../../scripts/lib/scenario.js";
import { textHash } from "../../core/ids.js";
import { guiyangFixture, terms, type GuiyangWorld } from "../utils/fixtures.js";

export const EVIDENCE = textHash("security: national engineering lab licence");
export const EVIDENCE_1 = textHash("security: acceptance report, phase 2");
export const REASON = textHash("security: recorded in the committee minutes");
export const OBJECTION = textHash("security: the licence was issued to another company");
export const RULING = textHash("security: ruling of the programme office");
/** The pseudo-role named for grantees in GrantProgram_RoleConflict. */
export const GRANTEE_ROLE = keccak256(new TextEncoder().encode("GRANTEE"));
/** The pseudo-role named for committee members in GrantProgram_RoleConflict. */
export const REVIEWER_ROLE = keccak256(new TextEncoder().encode("REVIEWER"));
/** Explicit gas: the transaction is sent and mined even when it reverts (no estimateGas dry run). */
export const MINED = { gasLimit: 3_000_000n };

/** Anything with an ERC-20 balanceOf (every mock token's TypeChain type has this exact shape). */
export type BalanceReader = Pick<MockYuan, "balanceOf">;

/** What a refused call must leave untouched. */
export interface Watch {
  programs: IGrantProgram[];
  token: BalanceReader;
  /** Token holders whose balance must not move: the programs, grantees, treasury... */
  accounts: AddressLike[];
  /** Further state that must not change (milestones, nonces, registry records...). */
  extra?: () => Promise<unknown>;
}

export async function readWatch(watch: Watch) {
  return {
    summaries: await Promise.all(watch.programs.map((program) => program.summary())),
    balances: await Promise.all(watch.accounts.map((account) => watch.token.balanceOf(account))),
    extra: watch.extra === undefined ? null : await watch.extra(),
  };
}

/**
 * Runs `refusal` (which must itself assert the custom error) and asserts that no token balance moved
 * and that every program's summary (funded, reserved, paid, available, surplus, counts...) is unchanged.
 */
export async function expectNothingMoved(watch: Watch, refusal: () => Promise<void>): Promise<void> {
  const before = await readWatch(watch);
  await refusal();
  expect(await readWatch(watch)).to.deep.equal(before);
}

/** The seed's two programs, all role holders and the three companies, on the demo yuan. */
export function guiyangWatch(w: GuiyangWorld, extra?: () => Promise<unknown>): Watch {
  const a = w.actors;
  return {
    programs: [w.htz, w.city],
    token: w.token,
    accounts: [w.htz, w.city, a.companyA, a.companyB, a.companyC, a.treasury, a.treasurer, a.stranger, a.manager],
    extra,
  };
}

/** Milestones of a program, read for the "nothing changed" comparison. */
export function milestonesOf(program: IGrantProgram, grantId: bigint, count: number) {
  return () => Promise.all(Array.from({ length: count }, (_, i) => program.milestone(grantId, i)));
}

export async function now(helpers: NetworkHelpers): Promise<bigint> {
  return BigInt(await helpers.time.latest());
}

/* ------------------------------------------------------------------------------------------------
 * Review helpers.
 * ---------------------------------------------------------------------------------------------- */

/** The vote options of every approval in these tests (the builders are scripts/lib/scenario.ts). */
export const APPROVAL = { reasonHash: REASON } as const;

/* ------------------------------------------------------------------------------------------------
 * Company A's HTZ grant: national lab, 5,000,000 = 3,000,000 (90 days) + 2,000,000 (180 days).
 * ---------------------------------------------------------------------------------------------- */

export interface GrantWorld extends GuiyangWorld {
  lab: bigint;
  grantId: bigint;
  termsHash: string;
  deadlines: [bigint, bigint];
  /** noticeEndsAt of milestone 0 (0 until approved). */
  noticeEndsAt: bigint;
  watch: Watch;
}

export type Stage = "awarded" | "submitted" | "inNotice" | "payable";

export function securityFixtures(connection: NetworkConnection) {
  const { networkHelpers: helpers } = connection;
  const deployGuiyang = guiyangFixture(connection);

  async function build(stage: Stage): Promise<GrantWorld> {
    const w = await deployGuiyang();
    const lab = w.htzCategories.get("rd-platform-national")!;
    const t = await now(helpers);
    await w.htz.award(
      w.ids.a,
      lab,
      0,
      terms(t, [
        ["3,000,000", 90],
        ["2,000,000", 180],
      ]),
    );
    const grantId = await w.htz.grantCount();
    const { termsHash } = await w.htz.grant(grantId);
    const deadlines: [bigint, bigint] = [
      (await w.htz.milestone(grantId, 0)).deadline,
      (await w.htz.milestone(grantId, 1)).deadline,
    ];
    let noticeEndsAt = 0n;
    if (stage !== "awarded") await w.htz.connect(w.actors.companyA).submitEvidence(grantId, 0, EVIDENCE);
    if (stage === "inNotice" || stage === "payable") {
      ({ noticeEndsAt } = await approveSubmitted(w.htz, w.actors.reviewers, grantId, 0, EVIDENCE, APPROVAL));
    }
    if (stage === "payable") await passNotice(helpers, noticeEndsAt);
    const watch = guiyangWatch(w, milestonesOf(w.htz, grantId, 2));
    return { ...w, lab, grantId, termsHash, deadlines, noticeEndsAt, watch };
  }

  return {
    deployGuiyang,
    deployAwarded: () => build("awarded"),
    deploySubmitted: () => build("submitted"),
    deployInNotice: () => build("inNotice"),
    deployPayable: () => build("payable"),
  };
}

/* ------------------------------------------------------------------------------------------------
 * Programs on other tokens, created through the factory like any program, with the fixture's roles.
 * ---------------------------------------------------------------------------------------------- */

export {
  categoryDef,
  programOn,
  rawTerms,
  registerCompany,
  termsHashOf,
  type MintableToken,
} from "../utils/programs.js";

/* ------------------------------------------------------------------------------------------------
 * EIP-712 signed votes.
 * ---------------------------------------------------------------------------------------------- */

export { domainOf, highS, signVote, type SignedVote, type VoteMessage } from "../utils/signing.js";
