/**
 * What every `mg:*` task shares: the network connection, the signer chosen with `--from`, the
 * address book (deploy/addresses/<chainId>.json), typed contracts, yuan amounts with the token's
 * decimals, and one output path (a human summary, or JSON with `--json`). Errors become one sentence.
 *
 * Nothing here imports TypeChain values, so the tasks load (and can build the project) on a fresh clone.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";

import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { getAddress, isAddress, isHexString } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { EntityRegistry, IGrantProgram, GrantProgramFactory, MockYuan } from "../../../typechain-types/index.js";
import type { ErrorContext } from "../../lib/errors.js";
import { formatYuan, parseYuan } from "../../../core/money.js";
import { companyId } from "../../../core/ids.js";

/** Thrown for bad task arguments: its message is the one sentence shown to the operator. */
export class TaskInputError extends Error {}

/** Options every task takes. */
export interface CommonArgs {
  from: string;
  json: boolean;
}

/** What a task returns when run programmatically (`hre.tasks.getTask(...).run(...)`). */
export type TaskOutcome<R> = { ok: true; result: R } | { ok: false; error: string };

export interface TokenEntry {
  address: string;
  symbol: string;
  decimals: number;
  /** The open-minting demo token, deployed by mg:deploy on local chains only. */
  demo: boolean;
}

export interface RegistryEntry {
  address: string;
  walletChangeDelay: string;
}

export interface ProgramEntry {
  address: string;
  title: string;
  file: string;
  jurisdiction: string;
  categories: Record<string, number>;
  createdAtBlock: number;
}

/** The address book of one chain: what mg:deploy and mg:create-program recorded. */
export interface AddressBook {
  chainId: string;
  network: string;
  token?: TokenEntry;
  factory?: string;
  implementation?: string;
  version?: string;
  lens?: string;
  factoryOwner?: string;
  registries: Record<string, RegistryEntry>;
  programs: Record<string, ProgramEntry>;
}

const LOCAL_CHAIN_IDS = new Set([31337n, 1337n]);
const memoryBooks = new Map<string, AddressBook>();

/**
 * The Ignition deployment id prefix of a chain: `chain-<chainId>` (Ignition's own default), or
 * MG_DEPLOYMENT_TAG (the e2e run uses its own, so it never touches a developer's local journals).
 */
export function deploymentTag(chainId: bigint): string {
  return process.env.MG_DEPLOYMENT_TAG ?? `chain-${chainId}`;
}

/** The folder of the address books; MG_ADDRESS_BOOK_DIR overrides it (the e2e run uses a temp folder). */
export function addressBookDir(root: string): string {
  return process.env.MG_ADDRESS_BOOK_DIR ?? path.join(root, "deploy", "addresses");
}

export interface TaskEnv {
  hre: HardhatRuntimeEnvironment;
  ethers: HardhatEthers;
  networkName: string;
  chainId: bigint;
  /** A development chain (in-process, or a local node with chain id 31337/1337). */
  local: boolean;
  /** The in-process network: its state and address book vanish with the process. */
  inProcess: boolean;
  signers: HardhatEthersSigner[];
  signer: HardhatEthersSigner;
  book: AddressBook;
  errorContext: ErrorContext;
  saveBook(): void;
  /** Forgets the address book and Ignition journals of a local chain that was restarted. */
  resetLocalDeployment(): void;
  time: { latest(): Promise<number>; increase(seconds: number): Promise<void> };
}

/** Connects to the network chosen with `--network` (one cached connection per network and process). */
export async function openEnv(hre: HardhatRuntimeEnvironment, from: string): Promise<TaskEnv> {
  const connection = await hre.network.getOrCreate();
  const ethers = connection.ethers;
  const { chainId } = await ethers.provider.getNetwork();
  const inProcess = connection.networkConfig.type === "edr-simulated";
  const local = inProcess || LOCAL_CHAIN_IDS.has(chainId);
  const signers = await ethers.getSigners();
  const signer = pickSigner(signers, from, "--from");
  const key = `${connection.networkName}:${chainId}`;
  const file = path.join(addressBookDir(hre.config.paths.root), `${chainId}.json`);
  const emptyBook = (): AddressBook => ({
    chainId: chainId.toString(),
    network: connection.networkName,
    registries: {},
    programs: {},
  });
  let book: AddressBook;
  if (inProcess) {
    book = memoryBooks.get(key) ?? emptyBook();
    memoryBooks.set(key, book);
  } else if (existsSync(file)) {
    book = JSON.parse(readFileSync(file, "utf8")) as AddressBook;
  } else {
    book = emptyBook();
  }
  const errorContext: ErrorContext = book.token === undefined ? {} : { decimals: book.token.decimals };
  const env: TaskEnv = {
    hre,
    ethers,
    networkName: connection.networkName,
    chainId,
    local,
    inProcess,
    signers,
    signer,
    book,
    errorContext,
    saveBook() {
      if (inProcess) return;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(env.book, null, 2) + "\n");
    },
    resetLocalDeployment() {
      if (!local) throw new TaskInputError("Refusing to forget a deployment on a non-local chain.");
      env.book = emptyBook();
      if (inProcess) {
        memoryBooks.set(key, env.book);
        return;
      }
      rmSync(file, { force: true });
      const journals = path.join(hre.config.paths.ignition, "deployments");
      if (existsSync(journals)) {
        for (const dir of readdirSync(journals)) {
          const tag = deploymentTag(chainId);
          if (dir === tag || dir.startsWith(`${tag}-`)) {
            rmSync(path.join(journals, dir), { recursive: true, force: true });
          }
        }
      }
    },
    time: {
      latest: () => connection.networkHelpers.time.latest(),
      increase: async (seconds) => {
        await connection.networkHelpers.time.increase(seconds);
      },
    },
  };
  return env;
}

/** A signer of the network by index ("3") or address. */
export function pickSigner(signers: HardhatEthersSigner[], ref: string, option: string): HardhatEthersSigner {
  const text = ref.trim();
  if (/^\d+$/.test(text)) {
    const signer = signers[Number(text)];
    if (signer === undefined) {
      throw new TaskInputError(
        `${option} ${text}: this network has only ${signers.length} accounts (0 to ${signers.length - 1}).`,
      );
    }
    return signer;
  }
  if (isAddress(text)) {
    const found = signers.find((s) => s.address.toLowerCase() === text.toLowerCase());
    if (found === undefined) {
      throw new TaskInputError(`${option} ${text} is not one of this network's accounts, so it cannot sign here.`);
    }
    return found;
  }
  throw new TaskInputError(`${option} must be an account index (0, 1, …) or an address, not "${ref}".`);
}

/** An address given as an account index or a 0x address (which need not be an account here). */
export function pickAddress(signers: HardhatEthersSigner[], ref: string | undefined, option: string): string {
  if (ref === undefined || ref.trim() === "") throw new TaskInputError(`${option} is required.`);
  const text = ref.trim();
  if (/^\d+$/.test(text)) return pickSigner(signers, text, option).address;
  if (isAddress(text)) return getAddress(text.toLowerCase());
  throw new TaskInputError(`${option} must be an account index or an address, not "${ref}".`);
}

/** A list of addresses, comma separated. */
export function pickAddresses(signers: HardhatEthersSigner[], ref: string | undefined, option: string): string[] {
  if (ref === undefined || ref.trim() === "")
    throw new TaskInputError(`${option} is required (a comma-separated list).`);
  return ref.split(",").map((part) => pickAddress(signers, part, option));
}

export function requireText(value: string | undefined, option: string, what: string): string {
  if (value === undefined || value.trim() === "") throw new TaskInputError(`${option} is required: ${what}.`);
  return value.trim();
}

/** A whole number argument (grant ids, indexes). */
export function parseWhole(value: string | undefined, option: string): bigint {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) {
    throw new TaskInputError(`${option} must be a whole number, not "${value ?? ""}".`);
  }
  return BigInt(value.trim());
}

/** A 32-byte hash given as 0x…64 hex digits. */
export function parseHash(value: string, option: string): string {
  if (!isHexString(value, 32)) throw new TaskInputError(`${option} must be a 32-byte hash (0x and 64 hex digits).`);
  return value.toLowerCase();
}

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
  const { programAt } = await import("../../../core/program-abi.js");
  const program = programAt(entry.address, env.signer);
  const { entry: token } = await bookToken(env);
  const decimals = token.decimals;
  return {
    name,
    entry,
    program,
    decimals,
    money: (units) => `${formatYuan(units, decimals)} yuan`,
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
    const entityId = companyId(args.uscc);
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

/** A plain text table: a header, a rule, and one line per row; numbers and amounts right-aligned. */
export function formatTable(rows: Array<Record<string, string | number>>): string {
  if (rows.length === 0) return "  (none)";
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (row: Record<string, string | number>, column: string) => String(row[column] ?? "");
  const numeric = columns.map((c) => rows.every((row) => /^-?[\d,]+(\.\d+)?( yuan)?$|^$/.test(cell(row, c))));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((row) => cell(row, c).length)));
  const line = (values: string[]) =>
    "  " +
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [
    line(columns),
    "  " + widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map((row) => line(columns.map((c) => cell(row, c)))),
  ].join("\n");
}

/** JSON with bigints as strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}

export interface TaskReport<R> {
  result: R;
  /** The human summary, printed line by line (tables via console.table). */
  lines: Array<string | { table: Array<Record<string, string | number>> }>;
  /** A task that ran but found a problem (e.g. a ledger mismatch) sets this; the exit code becomes 1. */
  failed?: string;
}

/** Builds a task action: connect, run, print; any error becomes one sentence and exit code 1. */
export function defineAction<A extends CommonArgs, R>(
  name: string,
  body: (args: A, env: TaskEnv) => Promise<TaskReport<R>>,
  options: { build?: boolean } = {},
): (args: A, hre: HardhatRuntimeEnvironment) => Promise<TaskOutcome<R>> {
  return async (args, hre) => {
    let errorContext: ErrorContext = {};
    try {
      const root = hre.config.paths.root;
      if (options.build === true || !existsSync(path.join(root, "typechain-types", "index.ts"))) {
        await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
      }
      const env = await openEnv(hre, args.from);
      errorContext = env.errorContext;
      const report = await body(args, env);
      if (args.json) {
        console.log(toJson({ ok: report.failed === undefined, task: name, ...report.result, error: report.failed }));
      } else {
        for (const line of report.lines) {
          if (typeof line === "string") console.log(line);
          else console.log(formatTable(line.table));
        }
        if (report.failed !== undefined) console.error(report.failed);
      }
      if (report.failed !== undefined) {
        process.exitCode = 1;
        return { ok: false, error: report.failed };
      }
      return { ok: true, result: report.result };
    } catch (error) {
      const { errorSentence } = await import("../../lib/errors.js");
      const sentence = errorSentence(error, errorContext);
      if (args.json) console.log(toJson({ ok: false, task: name, error: sentence }));
      else console.error(sentence);
      process.exitCode = 1;
      return { ok: false, error: sentence };
    }
  };
}
