/**
 * Shared fixtures: the seed's Guiyang programs on a fresh chain, with every role in its own account.
 * Each test file calls `guiyangFixture(connection)` once and passes the result to `loadFixture`.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import type { NetworkConnection } from "hardhat/types/network";
import { AssertionError } from "chai";
import { Contract } from "ethers";

import type { EntityRegistry, IGrantProgram, MockYuan } from "../../typechain-types/index.js";
import { EntityKind, milestoneStateBitmap } from "../../core/enums.js";
import { companyId, textHash } from "../../core/ids.js";
import { parseYuan } from "../../core/money.js";
import { loadProgram } from "../../scripts/lib/programs.js";
import { DAY, createProgramFromDefinition, type ProgramRoles } from "../../scripts/lib/suite.js";
import { programRoles } from "../../scripts/lib/scenario.js";
import { deployCore, deployDemoYuan, deployRegistry, type Core } from "../../scripts/lib/deploy.js";
import { NO_FISCAL_CALENDAR } from "../../core/fiscal.js";
import { awardOptions } from "../../core/award-options.js";

/**
 * The states each action accepts, judged before the deadline (which has its own error): the
 * `expectedStates` bitmap of GrantProgram_WrongMilestoneState when the action is refused.
 */
export const ACCEPTS = {
  submitEvidence: BigInt(milestoneStateBitmap(["Pending", "Rejected"])),
  vote: BigInt(milestoneStateBitmap(["Submitted"])),
  submitSignedVotes: BigInt(milestoneStateBitmap(["Submitted"])),
  settle: BigInt(milestoneStateBitmap(["Submitted"])),
  object: BigInt(milestoneStateBitmap(["InNotice"])),
  claim: BigInt(milestoneStateBitmap(["Payable"])),
  lapse: BigInt(milestoneStateBitmap(["Pending", "Submitted", "Rejected"])),
} as const;

export const DECIMALS = 2;
/** Yuan to token units (2 decimals), exact. */
export const yuan = (text: string): bigint => parseYuan(text, DECIMALS);
export const NOTICE = 7n * DAY;
export const WALLET_DELAY = 3n * DAY;
export const ZERO_HASH = `0x${"00".repeat(32)}`;

export interface Actors {
  deployer: HardhatEthersSigner;
  admin: HardhatEthersSigner;
  registryAdmin: HardhatEthersSigner;
  registrar: HardhatEthersSigner;
  manager: HardhatEthersSigner;
  treasurer: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  treasury: HardhatEthersSigner;
  reviewers: HardhatEthersSigner[];
  companyA: HardhatEthersSigner;
  companyB: HardhatEthersSigner;
  companyC: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  spare: HardhatEthersSigner[];
}

export interface GuiyangWorld {
  ethers: HardhatEthers;
  helpers: NetworkHelpers;
  actors: Actors;
  core: Core;
  token: MockYuan;
  registry: EntityRegistry;
  htz: IGrantProgram;
  city: IGrantProgram;
  htzCategories: Map<string, bigint>;
  cityCategories: Map<string, bigint>;
  /** Entity ids of the three demo companies. */
  ids: { a: string; b: string; c: string };
  /** Registry numbers of the three demo companies. */
  nos: { a: bigint; b: bigint; c: bigint };
  opensAt: bigint;
}

export const USCC = {
  a: "91520115MA6DK0001A",
  b: "91520115MA6DK0002B",
  c: "91520115MA6DK0003C",
};

/** Milestone terms helper: amounts in yuan, deadlines in days from `now`. */
export function terms(now: bigint, parts: Array<[string, number]>) {
  return parts.map(([amount, days], i) => ({
    amount: yuan(amount),
    deadline: now + BigInt(days) * DAY,
    descriptionHash: textHash(`milestone ${i + 1}`),
  }));
}

/**
 * Award options for the city's talent categories, whose eligibility window ("in the year introduced":
 * 365 days) needs the date the talent was introduced: here 30 days before `now`.
 */
export function introduced(now: bigint) {
  return awardOptions({ qualifyingDate: now - 30n * DAY, reasonHash: textHash("talent introduced this year") });
}

/** Valid initialisation parameters for a new program with the fixture's role holders. */
export async function validInitParams(w: GuiyangWorld) {
  const now = BigInt(await w.helpers.time.latest());
  return {
    admin: w.actors.admin.address,
    managers: [w.actors.manager.address],
    reviewers: w.actors.reviewers.map((r) => r.address),
    treasurer: w.actors.treasurer.address,
    guardian: w.actors.guardian.address,
    quorum: 3,
    noticePeriod: NOTICE,
    windowOpensAt: now,
    windowClosesAt: now + 365n * DAY,
    upheldObjectionOutcome: 0,
    programFileHash: textHash("test program file"),
    policyTextHash: textHash("test policy text"),
    fiscalCalendar: NO_FISCAL_CALENDAR,
  };
}
/** Parameters of a program's initialisation (IGrantProgram.initialize). */
export type InitParams = Awaited<ReturnType<typeof validInitParams>>;

/**
 * Deploys another implementation version for `factory` (an extension bound to it, and the hot-path
 * implementation over that extension), as the factory owner would before registering it.
 */
export async function deployImplementation(ethers: HardhatEthers, factory: string) {
  const extension = await ethers.deployContract("GrantProgramExtension", [factory]);
  return ethers.deployContract("GrantProgram", [await extension.getAddress()]);
}

/** The ProgramRoles of the fixture's programs: every role in its own account (scripts/lib/scenario.ts). */
export function fixtureRoles(a: Actors, admin: HardhatEthersSigner = a.admin): ProgramRoles {
  return programRoles({
    admin,
    managers: [a.manager],
    reviewers: a.reviewers,
    treasurer: a.treasurer,
    guardian: a.guardian,
    treasury: a.treasury,
  });
}

export function guiyangFixture(connection: NetworkConnection) {
  const { ethers, networkHelpers: helpers } = connection;
  return async function deployGuiyang(): Promise<GuiyangWorld> {
    const signers = await ethers.getSigners();
    const [
      deployer,
      admin,
      registryAdmin,
      registrar,
      manager,
      treasurer,
      guardian,
      treasury,
      r1,
      r2,
      r3,
      r4,
      a,
      b,
      c,
      stranger,
      ...spare
    ] = signers;
    const actors: Actors = {
      deployer,
      admin,
      registryAdmin,
      registrar,
      manager,
      treasurer,
      guardian,
      treasury,
      reviewers: [r1, r2, r3, r4],
      companyA: a,
      companyB: b,
      companyC: c,
      stranger,
      spare,
    };
    const token = await deployDemoYuan(connection, deployer);
    const core = await deployCore(connection, deployer, token);
    const registry = await deployRegistry(connection, registryAdmin, registrar.address, WALLET_DELAY);
    const opensAt = BigInt(await helpers.time.latest());
    const roles = fixtureRoles(actors);
    const htzDef = loadProgram("programs/guiyang-htz-blockchain-2017.json", DECIMALS);
    const cityDef = loadProgram("programs/guiyang-city-blockchain-2017.json", DECIMALS);
    const htzCreated = await createProgramFromDefinition(ethers, core, registry, registryAdmin, htzDef, roles, opensAt);
    const cityCreated = await createProgramFromDefinition(
      ethers,
      core,
      registry,
      registryAdmin,
      cityDef,
      roles,
      opensAt,
    );

    // Fund: the treasurer holds the budget and approves each program.
    for (const [program, budget] of [
      [htzCreated.program, htzDef.budget],
      [cityCreated.program, cityDef.budget],
    ] as const) {
      const amount = yuan(budget);
      await token.mint(treasurer.address, amount);
      await token.connect(treasurer).approve(await program.getAddress(), amount);
      await program.connect(treasurer).fund(amount);
    }

    const ids = { a: companyId(USCC.a), b: companyId(USCC.b), c: companyId(USCC.c) };
    await registry.connect(registrar).registerEntity(ids.a, EntityKind.Company, a.address);
    await registry.connect(registrar).registerEntity(ids.b, EntityKind.Company, b.address);
    await registry.connect(registrar).registerEntity(ids.c, EntityKind.Company, c.address);
    const nos = { a: 1n, b: 2n, c: 3n };

    return {
      ethers,
      helpers,
      actors,
      core,
      token,
      registry,
      htz: htzCreated.program.connect(manager),
      city: cityCreated.program.connect(manager),
      htzCategories: htzCreated.categoryIds,
      cityCategories: cityCreated.categoryIds,
      ids,
      nos,
      opensAt,
    };
  };
}

/** The program's counters as a reader sees them (a test may wrap this to feed the check a tampered reading). */
export interface LedgerReader {
  ledger: IGrantProgram["ledger"];
  summary: IGrantProgram["summary"];
}

const TRANSFER_ABI = [
  "event Transfer(address indexed from, address indexed to, uint256 value)",
  "function balanceOf(address account) view returns (uint256)",
];

/**
 * Checks the program's ledger counters (`ledger()` and `summary()`) against facts tracked
 * independently of them: the program's events and the token transfers that actually happened,
 * both read back from the chain with `queryFilter`. Throws an AssertionError naming the first
 * counter that disagrees. `reader` defaults to the program itself.
 *
 * - funded = Σ Funded, withdrawn = Σ Withdrawn, paid = Σ MilestoneClaimed, repaid = Σ Repaid;
 * - reserved = Σ GrantAwarded − Σ MilestoneClaimed − Σ MilestoneLapsed − Σ MilestoneCancelled − Σ GrantCancelled.released;
 * - recoveryOutstanding = Σ RecoveryOrdered − Σ Repaid;
 * - available = funded + repaid − reserved − paid − withdrawn (from the event sums);
 * - token side: the program's balance equals the transfers into it minus those out of it; out to the
 *   treasury = withdrawn + swept; out to anyone else = paid, and every claim is matched by a
 *   transfer of its amount to its wallet in the same transaction; in, within fund and repay
 *   transactions = funded + repaid; surplus = balance − (funded + repaid − paid − withdrawn).
 */
export async function expectLedgerMatchesChain(program: IGrantProgram, reader: LedgerReader = program): Promise<void> {
  const provider = program.runner?.provider;
  if (!provider) throw new Error("expectLedgerMatchesChain: the program has no provider");
  const address = (await program.getAddress()).toLowerCase();
  const sum = (values: bigint[]) => values.reduce((acc, v) => acc + v, 0n);
  const q = async <T>(filter: Parameters<IGrantProgram["queryFilter"]>[0]) =>
    (await program.queryFilter(filter, 0, "latest")) as unknown as T[];
  type Log<A> = { args: A; transactionHash: string };

  const funded = await q<Log<{ amount: bigint }>>(program.filters.Funded());
  const withdrawn = await q<Log<{ amount: bigint }>>(program.filters.Withdrawn());
  const swept = await q<Log<{ amount: bigint }>>(program.filters.SurplusSwept());
  const claimed = await q<Log<{ wallet: string; amount: bigint }>>(program.filters.MilestoneClaimed());
  const repaid = await q<Log<{ amount: bigint }>>(program.filters.Repaid());
  const awarded = await q<Log<{ amount: bigint }>>(program.filters.GrantAwarded());
  const lapsed = await q<Log<{ amount: bigint }>>(program.filters.MilestoneLapsed());
  const cancelled = await q<Log<{ amount: bigint }>>(program.filters.MilestoneCancelled());
  const grantsCancelled = await q<Log<{ released: bigint }>>(program.filters.GrantCancelled());
  const recoveries = await q<Log<{ amount: bigint }>>(program.filters.RecoveryOrdered());

  const facts = {
    funded: sum(funded.map((e) => e.args.amount)),
    withdrawn: sum(withdrawn.map((e) => e.args.amount)),
    paid: sum(claimed.map((e) => e.args.amount)),
    repaid: sum(repaid.map((e) => e.args.amount)),
    reserved:
      sum(awarded.map((e) => e.args.amount)) -
      sum(claimed.map((e) => e.args.amount)) -
      sum(lapsed.map((e) => e.args.amount)) -
      sum(cancelled.map((e) => e.args.amount)) -
      sum(grantsCancelled.map((e) => e.args.released)),
    recoveryOutstanding: sum(recoveries.map((e) => e.args.amount)) - sum(repaid.map((e) => e.args.amount)),
  };
  const sweptTotal = sum(swept.map((e) => e.args.amount));
  const available = facts.funded + facts.repaid - facts.reserved - facts.paid - facts.withdrawn;

  // Token side: what actually moved.
  const token = new Contract(await program.token(), TRANSFER_ABI, provider);
  const treasury = (await program.treasury()).toLowerCase();
  type Transfer = { args: { from: string; to: string; value: bigint }; transactionHash: string };
  const inbound = (await token.queryFilter(
    token.filters.Transfer(null, address),
    0,
    "latest",
  )) as unknown as Transfer[];
  const outbound = (await token.queryFilter(token.filters.Transfer(address), 0, "latest")) as unknown as Transfer[];
  const balance = (await token.balanceOf(address)) as bigint;
  const creditTxs = new Set([...funded, ...repaid].map((e) => e.transactionHash));

  const mismatches: string[] = [];
  const check = (name: string, actual: bigint, expected: bigint, source: string) => {
    if (actual !== expected) mismatches.push(`${name}: the program says ${actual}, ${source} says ${expected}`);
  };

  check(
    "token balance",
    balance,
    sum(inbound.map((t) => t.args.value)) - sum(outbound.map((t) => t.args.value)),
    "the Transfer log",
  );
  check(
    "transfers to the treasury",
    sum(outbound.filter((t) => t.args.to.toLowerCase() === treasury).map((t) => t.args.value)),
    facts.withdrawn + sweptTotal,
    "Σ Withdrawn + Σ SurplusSwept",
  );
  check(
    "transfers to grantee wallets",
    sum(outbound.filter((t) => t.args.to.toLowerCase() !== treasury).map((t) => t.args.value)),
    facts.paid,
    "Σ MilestoneClaimed",
  );
  check(
    "transfers in by fund and repay",
    sum(inbound.filter((t) => creditTxs.has(t.transactionHash)).map((t) => t.args.value)),
    facts.funded + facts.repaid,
    "Σ Funded + Σ Repaid",
  );
  for (const c of claimed) {
    const matched = outbound.some(
      (t) =>
        t.transactionHash === c.transactionHash &&
        t.args.to.toLowerCase() === c.args.wallet.toLowerCase() &&
        t.args.value === c.args.amount,
    );
    if (!matched) mismatches.push(`claim in ${c.transactionHash}: no transfer of ${c.args.amount} to ${c.args.wallet}`);
  }

  const ledger = await reader.ledger();
  const summary = await reader.summary();
  for (const name of ["funded", "withdrawn", "paid", "repaid", "reserved", "recoveryOutstanding"] as const) {
    check(`ledger.${name}`, ledger[name], facts[name], "the chain");
    check(`summary.${name}`, summary[name], facts[name], "the chain");
  }
  check("summary.available", summary.available, available, "the chain");
  const accounted = facts.funded + facts.repaid - facts.paid - facts.withdrawn;
  check("summary.surplus", summary.surplus, balance > accounted ? balance - accounted : 0n, "the token balance");

  if (mismatches.length > 0) {
    throw new AssertionError(`ledger does not match the chain:\n  ${mismatches.join("\n  ")}`);
  }
}

/** Company A's 5,000,000 national-lab grant on HTZ, one milestone due in 30 days, `evidence` submitted. */
export async function submittedNationalLab(
  helpers: NetworkHelpers,
  deployGuiyang: () => Promise<GuiyangWorld>,
  evidence: string,
) {
  const w = await helpers.loadFixture(deployGuiyang);
  const now = BigInt(await helpers.time.latest());
  await w.htz.award(w.ids.a, w.htzCategories.get("rd-platform-national")!, 0, terms(now, [["5,000,000", 30]]));
  const grantId = await w.htz.grantCount();
  const { termsHash } = await w.htz.grant(grantId);
  await w.htz.connect(w.actors.companyA).submitEvidence(grantId, 0, evidence);
  return { w, htz: w.htz, actors: w.actors, grantId, termsHash, deadline: now + 30n * DAY };
}
