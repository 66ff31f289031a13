/**
 * Deploying the suite and creating programs from definition files, shared by the demo, the tasks
 * and the tests (one code path: what the tests exercise is what operators run).
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionReceipt } from "ethers";

import type {
  EntityRegistry,
  GrantProgram,
  GrantProgramFactory,
  GrantProgramLens,
  MockYuan,
} from "../../typechain-types/index.js";
import { AwardMode, UpheldObjectionOutcome } from "../../core/enums.js";
import { exclusivityGroupOf, textHash } from "../../core/ids.js";
import { parseYuan } from "../../core/money.js";
import type { ProgramDefinition } from "./programs.js";

export const DAY = 24n * 60n * 60n;
export const YUAN_DECIMALS = 2;

export interface Core {
  token: MockYuan;
  factory: GrantProgramFactory;
  implementation: GrantProgram;
  lens: GrantProgramLens;
  version: bigint;
}

/** Deploys the factory, the program implementation (version 1) and the lens. */
export async function deployCore(ethers: HardhatEthers, owner: HardhatEthersSigner, token: MockYuan): Promise<Core> {
  const factory = await ethers.deployContract("GrantProgramFactory", [owner.address], owner);
  const implementation = await ethers.deployContract("GrantProgram", [await factory.getAddress()], owner);
  await (await factory.connect(owner).registerImplementation(await implementation.getAddress())).wait();
  const lens = await ethers.deployContract("GrantProgramLens", [], owner);
  return {
    token,
    factory: factory as unknown as GrantProgramFactory,
    implementation: implementation as unknown as GrantProgram,
    lens: lens as unknown as GrantProgramLens,
    version: await factory.latestVersion(),
  };
}

/** Deploys the demo yuan token (2 decimals). Local networks only. */
export async function deployDemoYuan(ethers: HardhatEthers, deployer: HardhatEthersSigner): Promise<MockYuan> {
  const token = await ethers.deployContract("MockYuan", ["Demo Yuan", "dCNY", YUAN_DECIMALS], deployer);
  return token as unknown as MockYuan;
}

/** Deploys an entity registry for one jurisdiction and grants REGISTRAR_ROLE to `registrar`. */
export async function deployRegistry(
  ethers: HardhatEthers,
  admin: HardhatEthersSigner,
  registrar: string,
  walletChangeDelay: bigint,
): Promise<EntityRegistry> {
  const registry = (await ethers.deployContract(
    "EntityRegistry",
    [admin.address, walletChangeDelay],
    admin,
  )) as unknown as EntityRegistry;
  await (await registry.connect(admin).grantRole(await registry.REGISTRAR_ROLE(), registrar)).wait();
  return registry;
}

export interface ProgramRoles {
  admin: HardhatEthersSigner;
  managers: string[];
  reviewers: string[];
  treasurer: string;
  guardian: string;
  treasury: string;
}

export interface CreatedProgram {
  program: GrantProgram;
  categoryIds: Map<string, bigint>;
  receipt: ContractTransactionReceipt;
}

/**
 * Creates a program from its definition: clone + initialise in one transaction, authorise it on the
 * registry (the registry admin's decision), then add its categories.
 */
export async function createProgramFromDefinition(
  ethers: HardhatEthers,
  core: Core,
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
  const program = (await ethers.getContractAt("GrantProgram", address, roles.admin)) as unknown as GrantProgram;
  await (await registry.connect(registryAdmin).grantRole(await registry.PROGRAM_ROLE(), address)).wait();

  const decimals = Number(await core.token.decimals());
  const categoryIds = new Map<string, bigint>();
  for (const category of definition.categories) {
    const id = await program.addCategory.staticCall(categoryParams(category, decimals));
    await (await program.addCategory(categoryParams(category, decimals))).wait();
    categoryIds.set(category.key, id);
  }
  return { program, categoryIds, receipt };
}

function categoryParams(category: ProgramDefinition["categories"][number], decimals: number) {
  return {
    mode: category.mode === "fixed" ? AwardMode.Fixed : AwardMode.Capped,
    amount: parseYuan(category.amount, decimals),
    maxAwards: category.maxAwards,
    maxTotal: category.maxTotal === null ? 0n : parseYuan(category.maxTotal, decimals),
    exclusivityGroup:
      category.exclusivityGroup === null ? `0x${"00".repeat(32)}` : exclusivityGroupOf(category.exclusivityGroup),
    descriptionHash: textHash(`${category.key}: ${category.condition}`),
  };
}
