/**
 * Deploying the suite and creating programs from definition files, shared by the demo, the tasks
 * and the tests (one code path: what the tests exercise is what operators run).
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionReceipt } from "ethers";

import type { EntityRegistry, IGrantProgram } from "../../typechain-types/index.js";
import { AwardMode, UpheldObjectionOutcome } from "../../core/enums.js";
import { fiscalCalendarParams } from "../../core/fiscal.js";
import { categoryDescription, exclusivityGroupOf, textHash } from "../../core/ids.js";
import { parseYuan } from "../../core/money.js";
import type { Program } from "../../typechain-types/contracts/interfaces/IGrantProgram.js";
import type { Core } from "./deploy.js";
import type { ProgramDefinition } from "./programs.js";

export const DAY = 24n * 60n * 60n;
export const YUAN_DECIMALS = 2;

export interface ProgramRoles {
  admin: HardhatEthersSigner;
  managers: string[];
  reviewers: string[];
  treasurer: string;
  guardian: string;
  treasury: string;
}

export interface CreatedProgram {
  program: IGrantProgram;
  categoryIds: Map<string, bigint>;
  receipt: ContractTransactionReceipt;
}

/**
 * Creates a program from its definition: clone + initialise in one transaction, authorise it on the
 * registry (the registry admin's decision), then add its categories.
 */
export async function createProgramFromDefinition(
  ethers: HardhatEthers,
  core: Pick<Core, "factory" | "token" | "version">,
  registry: EntityRegistry,
  registryAdmin: HardhatEthersSigner,
  definition: ProgramDefinition,
  roles: ProgramRoles,
  opensAt: bigint,
): Promise<CreatedProgram> {
  const params = {
    admin: roles.admin.address,
    managers: roles.managers,
    reviewers: roles.reviewers,
    treasurer: roles.treasurer,
    guardian: roles.guardian,
    quorum: definition.quorum,
    noticePeriod: BigInt(definition.noticePeriodDays) * DAY,
    windowOpensAt: opensAt,
    windowClosesAt: opensAt + BigInt(definition.applicationWindowDays) * DAY,
    upheldObjectionOutcome:
      definition.upheldObjection === "resubmit" ? UpheldObjectionOutcome.Resubmit : UpheldObjectionOutcome.Cancel,
    programFileHash: definition.fileHash,
    policyTextHash: definition.policyTextHash,
    fiscalCalendar: fiscalCalendarParams(definition.fiscalYear),
  };
  const factory = core.factory.connect(roles.admin);
  const address = await factory.createProgram.staticCall(
    core.version,
    definition.name,
    await core.token.getAddress(),
    await registry.getAddress(),
    roles.treasury,
    params,
  );
  const tx = await factory.createProgram(
    core.version,
    definition.name,
    await core.token.getAddress(),
    await registry.getAddress(),
    roles.treasury,
    params,
  );
  const receipt = (await tx.wait()) as ContractTransactionReceipt;
  // Imported lazily so the tasks that use this module load before the first compile (see tasks/lib/context.ts).
  const { programAt } = await import("../../core/program-abi.js");
  const program = programAt(address, roles.admin);
  await (await registry.connect(registryAdmin).grantRole(await registry.PROGRAM_ROLE(), address)).wait();
  // Named exclusivity groups belong to the registry admin: create each one the first time a program
  // names it, and admit this program to it, before the categories name it.
  const groups = new Set(
    definition.categories.flatMap((c) => (c.exclusivityGroup === null ? [] : [c.exclusivityGroup])),
  );
  for (const name of groups) {
    const group = exclusivityGroupOf(name);
    const asAdmin = registry.connect(registryAdmin);
    if (!(await registry.groupExists(group))) await (await asAdmin.createGroup(group)).wait();
    await (await asAdmin.admitToGroup(group, address)).wait();
  }

  const decimals = Number(await core.token.decimals());
  const categoryIds = new Map<string, bigint>();
  for (const category of definition.categories) {
    const id = await program.addCategory.staticCall(categoryParams(category, decimals));
    await (await program.addCategory(categoryParams(category, decimals))).wait();
    categoryIds.set(category.key, id);
  }
  return { program, categoryIds, receipt };
}

/**
 * The on-chain CategoryParams of a program file's category (amounts exact, in token units; the description
 * hash binds the key and both conditions).
 * @param category the category as the program file gives it
 * @param decimals the token's decimals
 */
export function categoryParams(category: ProgramDefinition["categories"][number], decimals: number) {
  return {
    mode: category.mode === "fixed" ? AwardMode.Fixed : AwardMode.Capped,
    amount: parseYuan(category.amount, decimals),
    maxAwards: category.maxAwards,
    maxTotal: category.maxTotal === null ? 0n : parseYuan(category.maxTotal, decimals),
    exclusivityGroup:
      category.exclusivityGroup === null ? `0x${"00".repeat(32)}` : exclusivityGroupOf(category.exclusivityGroup),
    descriptionHash: textHash(categoryDescription(category.key, category.condition, category.conditionZh)),
    tierGroup: category.tierGroupNo,
    tier: category.tier ?? 0,
    supervisionPeriod: BigInt(category.supervisionDays) * DAY,
    attestationInterval: BigInt(category.attestationIntervalDays) * DAY,
    eligibilityWindow: BigInt(category.eligibilityDays) * DAY,
  };
}
