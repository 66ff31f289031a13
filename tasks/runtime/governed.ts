/**
 * Tasks whose power a Safe (and the bureau's timelock) holds: with `--via-safe <Safe> --proposal <file>`
 * an admin or treasury task does not send its call; it writes a Safe proposal file signed by `--from`
 * (an owner), which the other owners confirm (`mg:safe-confirm`) and anyone executes once the threshold
 * is met (`mg:safe-execute`). With `--via-timelock <timelock>` as well, the Safe's call schedules the
 * task's call on the timelock; `mg:timelock-execute` runs it after the delay. The files and the Safe
 * SDK are scripts/lib/safe-proposals.ts.
 */
import { existsSync } from "node:fs";

import type { Eip1193Provider } from "@safe-global/protocol-kit";
import { getAddress, isAddress } from "ethers";

import { formatBeijing, roleText } from "../../core/messages/labels.js";
import {
  confirmations,
  proposeSafeCalls,
  readProposal,
  timelockStatus,
  writeProposal,
  type ProposedCall,
  type SafeContext,
  type SafeProposalFile,
} from "../../scripts/lib/safe-proposals.js";
import { TaskInputError } from "./args.js";
import type { TaskEnv } from "./connection.js";
import { shownPath } from "./connection.js";
import { line, type SummaryLine } from "./output.js";

/** The options of a task that can go through a Safe. */
export interface GovernedArgs {
  viaSafe: string | undefined;
  viaTimelock: string | undefined;
  proposal: string | undefined;
}

/** Whether the operator asked for a proposal instead of a transaction (and gave what it needs). */
export function throughSafe(args: GovernedArgs): boolean {
  if (args.viaSafe === undefined) {
    if (args.viaTimelock !== undefined || args.proposal !== undefined) {
      throw new TaskInputError(
        "--via-timelock and --proposal need --via-safe <the Safe that proposes>.",
        "--via-timelock 和 --proposal 需与 --via-safe <提议的多签钱包> 一起使用。",
      );
    }
    return false;
  }
  if (args.proposal === undefined || args.proposal.trim() === "") {
    throw new TaskInputError(
      "--via-safe needs --proposal <file>: the Safe proposal file to write.",
      "--via-safe 需要 --proposal <文件>：要写入的多签提议文件。",
    );
  }
  return true;
}

function address(value: string | undefined, option: string, env: TaskEnv): string {
  const text = (value ?? "").trim();
  const known: Record<string, string | undefined> = {
    bureau: env.book.governance?.bureauSafe,
    treasurer: env.book.governance?.treasurerSafe,
    guardian: env.book.governance?.guardianSafe,
    timelock: env.book.governance?.timelock,
  };
  const named = known[text];
  if (named !== undefined) return named;
  if (!isAddress(text)) {
    throw new TaskInputError(
      `${option} must be an address, or bureau, treasurer, guardian or timelock as mg:deploy-governance recorded them, not "${text}".`,
      `${option} 必须是地址，或 mg:deploy-governance 记录的 bureau、treasurer、guardian、timelock 之一，不能是“${text}”。`,
    );
  }
  return getAddress(text.toLowerCase());
}

/** The Safe SDK's view of the task's chain (local chains: the Safe contracts recorded in the book). */
export async function safeContext(env: TaskEnv): Promise<SafeContext> {
  const connection = await env.hre.network.getOrCreate();
  const contracts = env.book.governance?.safeContracts;
  if (env.local && contracts === undefined) {
    throw new TaskInputError(
      "This local chain has no Safe contracts recorded: run mg:deploy-governance first.",
      "本地链上没有记录多签钱包合约：请先运行 mg:deploy-governance。",
    );
  }
  return { provider: connection.provider as unknown as Eip1193Provider, chainId: env.chainId, contracts };
}

/** A proposal file named by --proposal, read and checked against this chain. */
export function readProposalArg(env: TaskEnv, file: string | undefined): { file: SafeProposalFile; path: string } {
  if (file === undefined || file.trim() === "") {
    throw new TaskInputError("--proposal <file> is required.", "必须提供 --proposal <文件>。");
  }
  if (!existsSync(file)) {
    throw new TaskInputError(`The proposal file ${file} does not exist.`, `提议文件 ${file} 不存在。`);
  }
  return { file: readProposal(file, env.chainId), path: file };
}

/** "2 of 3 confirmations; …" in both languages, with what comes next. */
export async function confirmationLines(env: TaskEnv, file: SafeProposalFile, path: string): Promise<SummaryLine[]> {
  const c = await confirmations(await safeContext(env), file);
  const shown = shownPath(path);
  const ready = c.signed >= c.threshold;
  const delay = file.timelock?.action === "schedule" ? Number(file.timelock.delay) : 0;
  const days = delay / 86_400;
  const lines: SummaryLine[] = [
    ready
      ? line(
          `  ${c.signed} of ${c.threshold} confirmations (${c.owners} owners): executable now — anyone runs mg:safe-execute --proposal ${shown}.`,
          `  已有 ${c.signed} 个确认（需 ${c.threshold} 个，共 ${c.owners} 位所有者）：现在即可执行——任何人运行 mg:safe-execute --proposal ${shown}。`,
        )
      : line(
          `  ${c.signed} of ${c.threshold} confirmations (${c.owners} owners): ${c.threshold - c.signed} more owner(s) run mg:safe-confirm --proposal ${shown}.`,
          `  已有 ${c.signed} 个确认（需 ${c.threshold} 个，共 ${c.owners} 位所有者）：还需 ${c.threshold - c.signed} 位所有者运行 mg:safe-confirm --proposal ${shown}。`,
        ),
  ];
  if (file.timelock?.action === "schedule") {
    const status = await timelockStatus(env.ethers.provider, file.timelock);
    if (status.state === "unset") {
      lines.push(
        line(
          `  Then the timelock ${file.timelock.timelock} holds it ${days} days before anyone can run mg:timelock-execute; the bureau's Safe can cancel it meanwhile.`,
          `  之后时间锁 ${file.timelock.timelock} 将其冻结 ${days} 天，期满后任何人可运行 mg:timelock-execute；期间财政局多签钱包可取消。`,
        ),
      );
    } else {
      lines.push(timelockLine(file, status));
    }
  }
  return lines;
}

/** Where a scheduled operation stands, in one line. */
export function timelockLine(
  file: SafeProposalFile,
  status: { state: "unset" | "waiting" | "ready" | "done"; readyAt: number },
): SummaryLine {
  const at = { en: formatBeijing(status.readyAt, "en"), zh: formatBeijing(status.readyAt, "zh") };
  const lock = file.timelock!.timelock;
  if (status.state === "done")
    return line(`  The timelock ${lock} has executed it.`, `  时间锁 ${lock} 已执行该操作。`);
  if (status.state === "unset") {
    return line(
      `  The timelock ${lock} holds no such operation (cancelled).`,
      `  时间锁 ${lock} 中没有该操作（已取消）。`,
    );
  }
  return line(
    `  Scheduled on the timelock ${lock}: executable after ${at.en} (mg:timelock-execute, anyone); the bureau's Safe can cancel it until then.`,
    `  已在时间锁 ${lock} 排期：${at.zh}之后可执行（mg:timelock-execute，任何人均可）；此前财政局多签钱包可取消。`,
  );
}

/**
 * Writes the Safe proposal a task asked for instead of sending its calls, and says what comes next.
 * @param env the task's environment (`--from` must own the Safe: it signs first)
 * @param args --via-safe, --via-timelock, --proposal
 * @param calls the calls the task would have sent
 * @param description what they do, in both languages
 */
export async function proposeInstead(
  env: TaskEnv,
  args: GovernedArgs,
  calls: ProposedCall[],
  description: { en: string; zh: string },
): Promise<{ result: Record<string, unknown>; lines: SummaryLine[] }> {
  const safe = address(args.viaSafe, "--via-safe", env);
  const timelock = args.viaTimelock === undefined ? undefined : address(args.viaTimelock, "--via-timelock", env);
  const path = args.proposal!.trim();
  if (existsSync(path)) {
    throw new TaskInputError(
      `The proposal file ${path} already exists: choose a new name (a proposal is never overwritten).`,
      `提议文件 ${path} 已存在：请换一个文件名（不会覆盖已有提议）。`,
    );
  }
  const file = await proposeSafeCalls(await safeContext(env), safe, env.signer.address, calls, description, {
    timelock,
    ethers: env.ethers.provider,
    now: await env.time.latest(),
  });
  writeProposal(path, file);
  const lines: SummaryLine[] = [
    line(
      `Proposed to the Safe ${safe}${timelock === undefined ? "" : `, through the timelock ${timelock}`}: ${description.en}.`,
      `已向多签钱包 ${safe}${timelock === undefined ? "" : `（经时间锁 ${timelock}）`}提议：${description.zh}。`,
    ),
    line(
      `  Written to ${shownPath(path)} (Safe transaction ${file.transaction.nonce}, hash ${file.safeTxHash}), signed by ${env.signer.address}.`,
      `  已写入 ${shownPath(path)}（多签第 ${file.transaction.nonce} 号交易，哈希 ${file.safeTxHash}），由 ${env.signer.address} 签名。`,
    ),
    ...(await confirmationLines(env, file, path)),
  ];
  return {
    result: {
      proposal: path,
      safe,
      timelock: timelock ?? null,
      safeTxHash: file.safeTxHash,
      nonce: file.transaction.nonce,
      signatures: file.signatures.map((s) => s.signer),
    },
    lines,
  };
}

/**
 * Refuses a proposal that could never pass: the account that would make the call (the timelock with
 * --via-timelock, else the Safe) must hold the role the call needs.
 * @param env the task's environment
 * @param args --via-safe and --via-timelock
 * @param hasRole whether an address holds the role (e.g. program.hasRole(TREASURER_ROLE, …))
 * @param roleId the role's id (for its name, core/messages/labels.ts)
 */
export async function requireActingRole(
  env: TaskEnv,
  args: GovernedArgs,
  hasRole: (account: string) => Promise<boolean>,
  roleId: string,
): Promise<void> {
  const account = actingAccount(env, args);
  const option = args.viaTimelock === undefined ? "--via-safe" : "--via-timelock";
  if (!(await hasRole(account))) {
    throw new TaskInputError(
      `${account} (${option}) does not hold ${roleText(roleId, "en")} here, so this proposal could never pass: name the Safe or timelock that holds it.`,
      `${account}（${option}）在此并不持有${roleText(roleId, "zh")}，该提议永远无法生效：请指定持有该角色的多签钱包或时间锁。`,
    );
  }
}

/**
 * The account that will make the task's call: the timelock with --via-timelock, else the Safe (names
 * such as "treasurer" resolved through the address book).
 * @param env the task's environment
 * @param args --via-safe and --via-timelock
 */
export function actingAccount(env: TaskEnv, args: GovernedArgs): string {
  return args.viaTimelock === undefined
    ? address(args.viaSafe, "--via-safe", env)
    : address(args.viaTimelock, "--via-timelock", env);
}
