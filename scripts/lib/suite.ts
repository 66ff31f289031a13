/**
 * Deploying the suite and creating programs from definition files, shared by the demo, the tasks
 * and the tests (one code path: what the tests exercise is what operators run).
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { AbiCoder, keccak256, toUtf8Bytes, type ContractTransactionReceipt } from "ethers";

import type {
  EntityRegistry,
  GrantProgram,
  GrantProgramFactory,
  GrantProgramLens,
  MockYuan,
} from "../../typechain-types/index.js";
import type { IGrantProgram } from "../../typechain-types/interfaces/IGrantProgram.js";
import { parseYuan } from "../../core/money.js";
import type { ProgramDefinition } from "./programs.js";

export const DAY = 24n * 60n * 60n;
export const YUAN_DECIMALS = 2;

/** Award modes as the contract numbers them. */
export const AwardMode = { None: 0, Fixed: 1, Capped: 2 } as const;
/** Entity kinds as the contract numbers them. */
export const EntityKind = { None: 0, Company: 1, Individual: 2 } as const;
/** Derived milestone states as the contract numbers them. */
export const MilestoneState = {
  None: 0,
  Pending: 1,
  Submitted: 2,
  Rejected: 3,
  InNotice: 4,
  Contested: 5,
  Payable: 6,
  Paid: 7,
  Lapsable: 8,
  Lapsed: 9,
  Cancelled: 10,
} as const;

/** The EIP-712 type of a committee vote (GrantProgram's Vote typehash). */
export const VOTE_TYPES = {
  Vote: [
    { name: "reviewer", type: "address" },
    { name: "grantId", type: "uint256" },
    { name: "milestoneIndex", type: "uint8" },
    { name: "round", type: "uint8" },
    { name: "termsHash", type: "bytes32" },
    { name: "evidenceHash", type: "bytes32" },
    { name: "approve", type: "bool" },
    { name: "reasonHash", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** The EIP-712 domain of one program's votes. */
export function voteDomain(program: string, chainId: bigint) {
  return { name: "MilestoneGrants GrantProgram", version: "1", chainId, verifyingContract: program };
}

/** What a reviewer decides in a signed vote; the rest of the message is read from the chain. */
export interface VoteChoice {
  grantId: bigint;
  milestoneIndex: number;
  approve: boolean;
  reasonHash: string;
  deadline: bigint;
}

/**
 * Signs a committee vote for `program` (EIP-712) with the reviewer's next nonce and the milestone's
 * current round, terms and evidence, and returns it in the shape `submitSignedVotes` takes.
 * `reviewer` defaults to the signer; pass a contract wallet's address for ERC-1271 reviewers.
 */
export async function signVote(
  signer: HardhatEthersSigner,
  program: GrantProgram,
  choice: VoteChoice,
  reviewer: string = signer.address,
): Promise<IGrantProgram.SignedVoteStruct & { signature: string }> {
  const [grant, milestone, evidenceHash, nonce, address, network] = await Promise.all([
    program.grant(choice.grantId),
    program.milestone(choice.grantId, choice.milestoneIndex),
    program.evidenceOf(choice.grantId, choice.milestoneIndex),
    program.nonces(reviewer),
    program.getAddress(),
    program.runner!.provider!.getNetwork(),
  ]);
  const message = {
    reviewer,
    grantId: choice.grantId,
    milestoneIndex: choice.milestoneIndex,
    round: milestone.round,
    termsHash: grant.termsHash,
    evidenceHash,
    approve: choice.approve,
    reasonHash: choice.reasonHash,
    nonce,
    deadline: choice.deadline,
  };
  const signature = await signer.signTypedData(voteDomain(address, network.chainId), VOTE_TYPES, message);
  return {
    reviewer,
    approve: choice.approve,
    reasonHash: choice.reasonHash,
    nonce,
    deadline: choice.deadline,
    signature,
  };
}

/** A company's registry id: keccak256 of its unified social credit code. */
export function companyId(unifiedSocialCreditCode: string): string {
  return keccak256(toUtf8Bytes(`USCC:${unifiedSocialCreditCode.trim().toUpperCase()}`));
}

/** An individual's registry id: a salted commitment; the salt and ID number stay off chain. */
export function individualCommitment(salt: string, idNumber: string): string {
  return keccak256(AbiCoder.defaultAbiCoder().encode(["bytes32", "string"], [salt, idNumber]));
}

/** The registry award key of a named exclusivity group, as GrantProgram.addCategory derives it. */
export function groupAwardKey(exclusivityGroup: string): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["bytes32", "bytes32"],
      [keccak256(toUtf8Bytes("MilestoneGrants.exclusivityGroup")), exclusivityGroup],
    ),
  );
}

/** keccak256 of a UTF-8 text: document, evidence and reason hashes. */
export function textHash(text: string): string {
  return keccak256(toUtf8Bytes(text));
}

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
    upheldObjectionOutcome: definition.upheldObjection === "resubmit" ? 0 : 1,
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
      category.exclusivityGroup === null ? `0x${"00".repeat(32)}` : textHash(`group:${category.exclusivityGroup}`),
    descriptionHash: textHash(`${category.key}: ${category.condition}`),
  };
}
