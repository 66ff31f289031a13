/**
 * Resolving what operators name on the command line: the address book's token, factory, registries
 * and programs (by name or address), categories (by key or number) and entities (by USCC, number or id).
 *
 * Nothing here imports TypeChain values, so the tasks load (and can build the project) on a fresh clone.
 */
import { isAddress } from "ethers";

import type { EntityRegistry, IGrantProgram, GrantProgramFactory, MockYuan } from "../../typechain-types/index.js";
import { formatYuan, machineAmount, parseYuan, type MachineAmount } from "../../core/money.js";
import { companyId } from "../../core/ids.js";
import { parseUscc } from "../../core/identity.js";
import { standingOf, standingSentence, type Standing } from "../../core/jurisdiction.js";
import type { ProgramEntry, TokenEntry } from "./address-book.js";
import { parseHash, parseWhole, requireText, TaskInputError } from "./args.js";
import type { TaskEnv } from "./connection.js";

/** The token of the address book, with its decimals for exact amounts. */
export async function bookToken(env: TaskEnv): Promise<{ token: MockYuan; entry: TokenEntry }> {
  const entry = env.book.token;
  if (entry === undefined) {
    throw new TaskInputError(
      `Nothing is deployed on ${env.networkName} (chain ${env.chainId}) yet: run mg:deploy first.`,
    );
  }
  const token = (await env.ethers.getContractAt("MockYuan", entry.address, env.signer)) as unknown as MockYuan;
  return { token, entry };
}

export async function bookFactory(env: TaskEnv): Promise<GrantProgramFactory> {
  if (env.book.factory === undefined) {
    throw new TaskInputError(
      `Nothing is deployed on ${env.networkName} (chain ${env.chainId}) yet: run mg:deploy first.`,
    );
  }
  return (await env.ethers.getContractAt(
    "GrantProgramFactory",
    env.book.factory,
    env.signer,
  )) as unknown as GrantProgramFactory;
}

/** The registry of a jurisdiction; with one registry recorded, the jurisdiction may be omitted. */
export async function bookRegistry(
  env: TaskEnv,
  jurisdiction: string | undefined,
): Promise<{ registry: EntityRegistry; name: string }> {
  const names = Object.keys(env.book.registries);
  let name = jurisdiction?.trim() ?? "";
  if (name === "") {
    if (names.length !== 1) {
      throw new TaskInputError(
        names.length === 0
          ? "No entity registry is recorded on this network: run mg:deploy first."
          : `Several registries are recorded (${names.join(", ")}): name one with --jurisdiction.`,
      );
    }
    name = names[0];
  }
  const entry = env.book.registries[name];
  if (entry === undefined) {
    throw new TaskInputError(
      `No registry for jurisdiction "${name}" is recorded on this network; deploy one with mg:deploy --jurisdiction ${name}.`,
    );
  }
  const registry = (await env.ethers.getContractAt(
    "EntityRegistry",
    entry.address,
    env.signer,
  )) as unknown as EntityRegistry;
  return { registry, name };
}

export interface ProgramHandle {
  name: string;
  entry: ProgramEntry;
  program: IGrantProgram;
  decimals: number;
  money: (units: bigint) => string;
  /** The amount for --json: yuan and token units side by side. */
  amount: (units: bigint) => MachineAmount;
  parse: (text: string, option: string) => bigint;
}

/** A program recorded in the address book, by name or address; with one program, it may be omitted. */
export async function bookProgram(env: TaskEnv, ref: string | undefined): Promise<ProgramHandle> {
  const names = Object.keys(env.book.programs);
  const text = ref?.trim() ?? "";
  let name: string | undefined;
  if (text === "") {
    if (names.length !== 1) {
      throw new TaskInputError(
        names.length === 0
          ? "No program is recorded on this network: create one with mg:create-program."
          : `Several programs are recorded (${names.join(", ")}): name one with --program.`,
      );
    }
    name = names[0];
  } else if (isAddress(text)) {
    name = names.find((n) => env.book.programs[n].address.toLowerCase() === text.toLowerCase());
  } else {
    name = names.find((n) => n === text);
  }
  if (name === undefined) {
    throw new TaskInputError(
      `Program "${text}" is not recorded on this network; known programs: ${names.length === 0 ? "none" : names.join(", ")}.`,
    );
  }
  const entry = env.book.programs[name];
  // Imported here, not at the top: the program ABI comes from TypeChain values, which exist only after
  // the first compile, and the tasks must load (and build) on a fresh clone.
  const { programAt } = await import("../../core/program-abi.js");
  const program = programAt(entry.address, env.signer);
  const { entry: token } = await bookToken(env);
  const decimals = token.decimals;
  return {
    name,
    entry,
    program,
    decimals,
    money: (units) => `${formatYuan(units, decimals)} yuan`,
    amount: (units) => machineAmount(units, decimals),
    parse: (amount, option) => {
      try {
        return parseYuan(amount, decimals);
      } catch (error) {
        throw new TaskInputError(`${option}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}

/** A category by key (from the program file) or by number. */
export function categoryId(handle: ProgramHandle, ref: string | undefined): bigint {
  const text = requireText(ref, "--category", "a category key from the program file, or its number");
  if (/^\d+$/.test(text)) return BigInt(text);
  const id = handle.entry.categories[text];
  if (id === undefined) {
    throw new TaskInputError(
      `Category "${text}" is not in ${handle.name}; its categories are ${Object.keys(handle.entry.categories).join(", ")}.`,
    );
  }
  return BigInt(id);
}

/** An entity of a registry by USCC (companies), entity number or entity id. */
export async function resolveEntity(
  registry: EntityRegistry,
  args: { uscc?: string; entityNo?: string; entityId?: string },
): Promise<{ entityNo: bigint; entityId: string }> {
  const given = [args.uscc, args.entityNo, args.entityId].filter((v) => v !== undefined && v.trim() !== "");
  if (given.length !== 1) {
    throw new TaskInputError("Name the entity with exactly one of --uscc, --entity-no or --entity-id.");
  }
  if (args.uscc !== undefined && args.uscc.trim() !== "") {
    const entityId = companyId(parseUscc(args.uscc));
    const entityNo = await registry.entityNoOf(entityId);
    if (entityNo === 0n) throw new TaskInputError(`No company with USCC ${args.uscc.trim()} is registered here.`);
    return { entityNo, entityId };
  }
  if (args.entityNo !== undefined && args.entityNo.trim() !== "") {
    const entityNo = parseWhole(args.entityNo, "--entity-no");
    const entityId = await registry.entityIdOf(entityNo);
    if (/^0x0+$/.test(entityId)) throw new TaskInputError(`No entity number ${entityNo} is registered here.`);
    return { entityNo, entityId };
  }
  const entityId = parseHash(args.entityId ?? "", "--entity-id");
  const entityNo = await registry.entityNoOf(entityId);
  if (entityNo === 0n) throw new TaskInputError(`No entity with id ${entityId} is registered here.`);
  return { entityNo, entityId };
}

/** How a recorded program stands with its jurisdiction's registry (see core/jurisdiction.ts). */
export async function bookStanding(
  env: TaskEnv,
  p: ProgramHandle,
): Promise<{ standing: Standing; jurisdiction: string; sentence: string }> {
  const { registry, name } = await bookRegistry(env, p.entry.jurisdiction);
  const standing = await standingOf(p.program, registry);
  return { standing, jurisdiction: name, sentence: standingSentence(standing, name, p.name).en };
}

/**
 * Refuses to add money or awards to a program its jurisdiction's registry has not authorised: anyone
 * can create a program naming a city's registry and treasury, and a wound-down program lost its role.
 */
export async function requireAuthorised(env: TaskEnv, p: ProgramHandle): Promise<void> {
  const { standing, sentence } = await bookStanding(env, p);
  if (standing !== "authorised") throw new TaskInputError(`${sentence} Refused.`);
}
