/**
 * Programs the tests create besides the fixture's: definitions on any token, created through the
 * factory with the fixture's roles; companies registered on the fixture's registry; raw terms and
 * the terms hash the program stores.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { AbiCoder, keccak256, type AddressLike } from "ethers";

import type { IGrantProgram, MockYuan } from "../../typechain-types/index.js";
import { EntityKind } from "../../core/enums.js";
import { companyId, textHash } from "../../core/ids.js";
import { formatYuan } from "../../core/money.js";
import type { AwardMode, CategoryDefinition, ProgramDefinition } from "../../scripts/lib/programs.js";
import { DAY, createProgramFromDefinition } from "../../scripts/lib/suite.js";
import { fixtureRoles, NOTICE, type GuiyangWorld } from "./fixtures.js";

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
    tierGroup: null,
    tier: null,
    tierGroupNo: 0,
    supervisionDays: 0,
    attestationIntervalDays: 0,
    eligibilityDays: 0,
    article: null,
    condition: `security test category ${key}`,
    conditionZh: `安全测试类别 ${key}`,
  };
}

/** A program definition around `categories` (quorum 3, the fixture's notice period, resubmit on upheld objections). */
export function testDefinition(name: string, categories: CategoryDefinition[]): ProgramDefinition {
  return {
    name,
    nameZh: name,
    administration: "Security test administration",
    jurisdiction: "guiyang",
    source: "test",
    policyText: "test",
    noticePeriodDays: Number(NOTICE / DAY),
    applicationWindowDays: 365,
    quorum: 3,
    upheldObjection: "resubmit",
    budget: "0.01",
    fiscalYear: null,
    categories,
    tierGroups: [],
    fileHash: textHash(`test program file ${name}`),
    policyTextHash: textHash(`test policy text ${name}`),
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
    testDefinition(`Program on ${await asMock.symbol()}`, categories),
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
