/**
 * Shared set-up of the security checklist tests (test/security/*.test.ts): worlds built on the seed's
 * Guiyang fixture, programs on hostile tokens, the "nothing moved" check and EIP-712 signing.
 * No test lives here.
 */
import { expect } from "chai";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import type { NetworkConnection } from "hardhat/types/network";
import {
  AbiCoder,
  concat,
  dataSlice,
  getBytes,
  keccak256,
  toBeHex,
  toBigInt,
  type AddressLike,
  type TypedDataDomain,
} from "ethers";

import type { IGrantProgram, MockYuan } from "../../typechain-types/index.js";
import { formatYuan } from "../../core/money.js";
import type { AwardMode, CategoryDefinition, ProgramDefinition } from "../../scripts/lib/programs.js";
import { DAY, createProgramFromDefinition } from "../../scripts/lib/suite.js";
import { approveSubmitted, passNotice } from "../../scripts/lib/scenario.js";
import { EntityKind } from "../../core/enums.js";
import { companyId, textHash } from "../../core/ids.js";
import { signBallot, voteDomain, type Ballot, type SignedVote } from "../../core/votes.js";
import { fixtureRoles, guiyangFixture, NOTICE, terms, type GuiyangWorld } from "../utils/fixtures.js";

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

/**
 * Any mock token the tests use. All of them mint and approve like MockYuan (NoReturnToken's approve
 * returns nothing, which only changes its static-call type), so programOn drives them as MockYuan.
 */
export type MintableToken = Pick<MockYuan, "balanceOf" | "getAddress">;

export function categoryDef(key: string, mode: AwardMode, amount: bigint, decimals: number): CategoryDefinition {
  return {
    key,
    label: key,
    labelZh: key,
    mode,
    amount: formatYuan(amount, decimals),
    maxAwards: 0,
    maxTotal: null,
    exclusivityGroup: null,
    condition: `security test category ${key}`,
  };
}

function definition(name: string, categories: CategoryDefinition[]): ProgramDefinition {
  return {
    name,
    nameZh: name,
    administration: "Security test administration",
    jurisdiction: "guiyang",
    source: "test",
    noticePeriodDays: Number(NOTICE / DAY),
    applicationWindowDays: 365,
    quorum: 3,
    upheldObjection: "resubmit",
    budget: "0.01",
    categories,
  };
}

/**
 * Creates a program on `token` with the fixture's roles and registry; funds it with `budget` units
 * (0: not funded). Returns it connected as the manager.
 */
export async function programOn(
  ethers: HardhatEthers,
  w: GuiyangWorld,
  token: MintableToken,
  categories: CategoryDefinition[],
  budget: bigint,
): Promise<{ program: IGrantProgram; categoryIds: Map<string, bigint> }> {
  const a = w.actors;
  const asMock = token as unknown as MockYuan;
  // createProgramFromDefinition reads only the token's address and decimals.
  const core = { ...w.core, token: asMock };
  const created = await createProgramFromDefinition(
    ethers,
    core,
    w.registry,
    a.registryAdmin,
    definition(`Program on ${await asMock.symbol()}`, categories),
    fixtureRoles(a),
    w.opensAt,
  );
  if (budget > 0n) {
    await asMock.mint(a.treasurer.address, budget);
    await asMock.connect(a.treasurer).approve(await created.program.getAddress(), budget);
    await created.program.connect(a.treasurer).fund(budget);
  }
  return { program: created.program.connect(a.manager), categoryIds: created.categoryIds };
}

/** Registers a new company whose payout wallet is `wallet`; returns its entity id. */
export async function registerCompany(w: GuiyangWorld, uscc: string, wallet: AddressLike): Promise<string> {
  const id = companyId(uscc);
  await w.registry.connect(w.actors.registrar).registerEntity(id, EntityKind.Company, wallet);
  return id;
}

/** One-milestone terms with raw token units. */
export function rawTerms(t: bigint, amounts: bigint[]) {
  return amounts.map((amount, i) => ({
    amount,
    deadline: t + BigInt(i + 1) * 30n * DAY,
    descriptionHash: textHash(`milestone ${i + 1}`),
  }));
}

/** The terms hash IGrantProgram stores: keccak256(abi.encode(chainid, program, grantId, entityNo, categoryId, terms)). */
export function termsHashOf(
  chainId: bigint,
  program: string,
  grantId: bigint,
  entityNo: bigint,
  categoryId: bigint,
  milestones: Array<{ amount: bigint; deadline: bigint; descriptionHash: string }>,
): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      [
        "uint256",
        "address",
        "uint256",
        "uint64",
        "uint16",
        "tuple(uint128 amount,uint40 deadline,bytes32 descriptionHash)[]",
      ],
      [chainId, program, grantId, entityNo, categoryId, milestones],
    ),
  );
}

/* ------------------------------------------------------------------------------------------------
 * EIP-712 signed votes.
 * ---------------------------------------------------------------------------------------------- */

/** secp256k1 group order. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** A full vote message (every field of the EIP-712 Vote type). */
export type VoteMessage = Ballot;

export type { SignedVote };

/** The EIP-712 domain of `program`'s votes on `chainId` (tests spread it to sign under other domains). */
export async function domainOf(program: IGrantProgram, chainId: bigint): Promise<TypedDataDomain> {
  return voteDomain(await program.getAddress(), chainId);
}

/** Signs `message` under `domain`; `reviewer` is the one named in the submitted vote. */
export async function signVote(
  signer: HardhatEthersSigner,
  domain: TypedDataDomain,
  message: VoteMessage,
  reviewer: string = message.reviewer,
): Promise<SignedVote> {
  return signBallot(signer, domain, message, reviewer);
}

/** The same (r, s, v) signature in its malleable form: s' = n - s, v flipped. */
export function highS(signature: string): string {
  const r = dataSlice(signature, 0, 32);
  const s = toBigInt(dataSlice(signature, 32, 64));
  const v = getBytes(signature)[64];
  return concat([r, toBeHex(SECP256K1_N - s, 32), toBeHex(v === 27 ? 28 : 27, 1)]);
}
