/**
 * Resolving what operators name on the command line: the address book's token, factory, registries
 * and programs (by name or address), categories (by key or number) and entities (by USCC, number or id).
 *
 * Nothing here imports TypeChain values, so the tasks load (and can build the project) on a fresh clone.
 */
import { isAddress } from "ethers";

import type {
  EntityRegistry,
  IGrantProgram,
  GrantProgramFactory,
  GrantProgramLens,
  MockYuan,
} from "../../typechain-types/index.js";
import { CoreInputError } from "../../core/input-error.js";
import { formatYuan, machineAmount, parseYuan, type MachineAmount } from "../../core/money.js";
import { formatMoney } from "../../core/messages/labels.js";
import { companyId } from "../../core/ids.js";
import type { LedgerFigures } from "../../core/ledger.js";
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
      `${env.networkName}（链 ${env.chainId}）上尚未部署任何合约：请先运行 mg:deploy。`,
    );
  }
  const token = (await env.ethers.getContractAt("MockYuan", entry.address, env.signer)) as unknown as MockYuan;
  return { token, entry };
}

export async function bookFactory(env: TaskEnv): Promise<GrantProgramFactory> {
  if (env.book.factory === undefined) {
    throw new TaskInputError(
      `Nothing is deployed on ${env.networkName} (chain ${env.chainId}) yet: run mg:deploy first.`,
      `${env.networkName}（链 ${env.chainId}）上尚未部署任何合约：请先运行 mg:deploy。`,
    );
  }
  return (await env.ethers.getContractAt(
    "GrantProgramFactory",
    env.book.factory,
    env.signer,
  )) as unknown as GrantProgramFactory;
}

/**
 * The lens of the address book (recorded by mg:deploy beside the factory): read-only pages of a
 * program's grants and categories, each one bounded call whatever the program's size.
 */
export async function bookLens(env: TaskEnv): Promise<GrantProgramLens> {
  if (env.book.lens === undefined || env.book.lens === "") {
    throw new TaskInputError(
      `The address book of ${env.networkName} records no lens (the read-only contract that pages a program's grants): run mg:deploy, which deploys it with the factory.`,
      `${env.networkName} 的地址簿未记录查询合约（分页读取资助的只读合约）：请运行 mg:deploy，它会与工厂合约一同部署查询合约。`,
    );
  }
  return (await env.ethers.getContractAt("GrantProgramLens", env.book.lens, env.signer)) as unknown as GrantProgramLens;
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
      throw names.length === 0
        ? new TaskInputError(
            "No entity registry is recorded on this network: run mg:deploy first.",
            "本网络未记录任何主体登记册：请先运行 mg:deploy。",
          )
        : new TaskInputError(
            `Several registries are recorded (${names.join(", ")}): name one with --jurisdiction.`,
            `本网络记录了多个登记册（${names.join("、")}）：请用 --jurisdiction 指定一个。`,
          );
    }
    name = names[0];
  }
  const entry = env.book.registries[name];
  if (entry === undefined) {
    throw new TaskInputError(
      `No registry for jurisdiction "${name}" is recorded on this network; deploy one with mg:deploy --jurisdiction ${name}.`,
      `本网络未记录辖区“${name}”的登记册；请用 mg:deploy --jurisdiction ${name} 部署。`,
    );
  }
  const registry = (await env.ethers.getContractAt(
    "EntityRegistry",
    entry.address,
    env.signer,
  )) as unknown as EntityRegistry;
  return { registry, name };
}

/** The ledger of `summary()` for --json: every figure as yuan and token units (mg:status, mg:report). */
export function summaryAmounts(
  handle: Pick<ProgramHandle, "amount">,
  s: LedgerFigures & { recoveryOutstanding: bigint },
) {
  return {
    funded: handle.amount(s.funded),
    repaid: handle.amount(s.repaid),
    available: handle.amount(s.available),
    reserved: handle.amount(s.reserved),
    paid: handle.amount(s.paid),
    withdrawn: handle.amount(s.withdrawn),
    recoveryOutstanding: handle.amount(s.recoveryOutstanding),
  };
}

export interface ProgramHandle {
  name: string;
  entry: ProgramEntry;
  program: IGrantProgram;
  decimals: number;
  money: (units: bigint) => string;
  /** The same amount in Chinese summaries: "3,000,000.00 元". */
  moneyZh: (units: bigint) => string;
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
      throw names.length === 0
        ? new TaskInputError(
            "No program is recorded on this network: create one with mg:create-program.",
            "本网络未记录任何资助项目：请用 mg:create-program 创建。",
          )
        : new TaskInputError(
            `Several programs are recorded (${names.join(", ")}): name one with --program.`,
            `本网络记录了多个资助项目（${names.join("、")}）：请用 --program 指定一个。`,
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
      `本网络未记录资助项目“${text}”；已记录的项目：${names.length === 0 ? "无" : names.join("、")}。`,
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
    moneyZh: (units) => formatMoney(units, decimals, "zh"),
    amount: (units) => machineAmount(units, decimals),
    parse: (amount, option) => {
      try {
        return parseYuan(amount, decimals);
      } catch (error) {
        if (error instanceof CoreInputError)
          throw new TaskInputError(`${option}: ${error.message}`, `${option}：${error.zh}`);
        throw error;
      }
    },
  };
}

/** A category by key (from the program file) or by number. */
export function categoryId(handle: ProgramHandle, ref: string | undefined): bigint {
  const text = requireText(ref, "--category", {
    en: "a category key from the program file, or its number",
    zh: "项目文件中的类别键名或类别编号",
  });
  if (/^\d+$/.test(text)) return BigInt(text);
  const id = handle.entry.categories[text];
  if (id === undefined) {
    throw new TaskInputError(
      `Category "${text}" is not in ${handle.name}; its categories are ${Object.keys(handle.entry.categories).join(", ")}.`,
      `${handle.name} 中没有类别“${text}”；其类别为：${Object.keys(handle.entry.categories).join("、")}。`,
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
    throw new TaskInputError(
      "Name the entity with exactly one of --uscc, --entity-no or --entity-id.",
      "请用 --uscc、--entity-no、--entity-id 三者之一（且只用一个）指定主体。",
    );
  }
  if (args.uscc !== undefined && args.uscc.trim() !== "") {
    const entityId = companyId(parseUscc(args.uscc));
    const entityNo = await registry.entityNoOf(entityId);
    if (entityNo === 0n) {
      throw new TaskInputError(
        `No company with USCC ${args.uscc.trim()} is registered here.`,
        `本登记册未登记统一社会信用代码为 ${args.uscc.trim()} 的企业。`,
      );
    }
    return { entityNo, entityId };
  }
  if (args.entityNo !== undefined && args.entityNo.trim() !== "") {
    const entityNo = parseWhole(args.entityNo, "--entity-no");
    const entityId = await registry.entityIdOf(entityNo);
    if (/^0x0+$/.test(entityId)) {
      throw new TaskInputError(
        `No entity number ${entityNo} is registered here.`,
        `本登记册未登记编号为 ${entityNo} 的主体。`,
      );
    }
    return { entityNo, entityId };
  }
  const entityId = parseHash(args.entityId ?? "", "--entity-id");
  const entityNo = await registry.entityNoOf(entityId);
  if (entityNo === 0n) {
    throw new TaskInputError(
      `No entity with id ${entityId} is registered here.`,
      `本登记册未登记标识为 ${entityId} 的主体。`,
    );
  }
  return { entityNo, entityId };
}

/** How a recorded program stands with its jurisdiction's registry (see core/jurisdiction.ts). */
export async function bookStanding(
  env: TaskEnv,
  p: ProgramHandle,
): Promise<{ standing: Standing; jurisdiction: string; sentence: string; sentenceZh: string }> {
  const { registry, name } = await bookRegistry(env, p.entry.jurisdiction);
  const standing = await standingOf(p.program, registry);
  const sentence = standingSentence(standing, name, p.name);
  return { standing, jurisdiction: name, sentence: sentence.en, sentenceZh: sentence.zh };
}

/**
 * Refuses to add money or awards to a program its jurisdiction's registry has not authorised: anyone
 * can create a program naming a city's registry and treasury, and a wound-down program lost its role.
 */
export async function requireAuthorised(env: TaskEnv, p: ProgramHandle): Promise<void> {
  const { registry, name } = await bookRegistry(env, p.entry.jurisdiction);
  const standing = await standingOf(p.program, registry);
  if (standing !== "authorised") {
    const sentence = standingSentence(standing, name, p.name);
    throw new TaskInputError(`${sentence.en} Refused.`, `${sentence.zh}已拒绝。`);
  }
}
