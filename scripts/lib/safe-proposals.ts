/**
 * Safe proposals as files: a call (or a batch of calls) that a Safe is to make, the Safe transaction
 * that makes it, and the owners' signatures collected so far — written by the first owner
 * (`--via-safe … --proposal <file>` on the admin and treasury tasks), passed from desk to desk
 * (`mg:safe-confirm`: each owner adds a signature), and sent once the Safe's threshold is met
 * (`mg:safe-execute`, by any account). Like the signed vote files of core/votes.ts, nothing here needs
 * a server: the file is the whole record, and anyone can check it against the chain.
 *
 * Hashing and signing are the Safe SDK's (`@safe-global/protocol-kit`: EIP-712 SafeTx hash, typed-data
 * signatures, execTransaction), never hand-written. On a local chain the SDK is told where the Safe
 * contracts are (`contractNetworks`, from the SafeContracts Ignition module); on a public chain it knows
 * the canonical deployments.
 *
 * A proposal can go through the bureau's timelock: the Safe's call is then `timelock.schedule(...)` of
 * the wrapped call(s) with the timelock's minimum delay, and the file keeps the timelock operation, so
 * `mg:timelock-execute` can run it once the delay is over (anyone: the timelock's executor is open) and
 * `mg:timelock-cancel` can have the Safe cancel it before then.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

import * as ProtocolKit from "@safe-global/protocol-kit";
import {
  EthSafeSignature,
  EthSafeTransaction,
  calculateSafeTransactionHash,
  type ContractNetworksConfig,
  type Eip1193Provider,
} from "@safe-global/protocol-kit";
import { Interface, getAddress, hexlify, isAddress, isHexString, recoverAddress, type Provider } from "ethers";

import { CoreInputError } from "../../core/input-error.js";
import { formatBeijing, type Bilingual } from "../../core/messages/labels.js";
import type { SafeContractAddresses } from "../../tasks/runtime/address-book.js";

/** The Safe version the suite deploys and expects (`@safe-global/safe-contracts` 1.4.1). */
export const SAFE_VERSION = "1.4.1";

/** What a proposal file says it is. */
export const SAFE_PROPOSAL_KIND = "milestone-grants-safe-proposal";

/** Where the Safe contracts are on a local chain: the address book's record of them. */
export type { SafeContractAddresses };

/** One call a proposal makes: target, value in wei, calldata, and what it does in both languages. */
export interface ProposedCall {
  to: string;
  value: string;
  data: string;
  what: Bilingual;
}

/** A timelock operation (OpenZeppelin TimelockController): one call or a batch. */
export interface TimelockOperation {
  timelock: string;
  targets: string[];
  values: string[];
  payloads: string[];
  predecessor: string;
  salt: string;
  /** The delay asked for, in seconds (the timelock's minimum delay when proposed). */
  delay: string;
  /** The operation id (hashOperation / hashOperationBatch). */
  id: string;
}

/** The Safe transaction fields (EIP-712 SafeTx), as decimal strings and hex. */
export interface SafeTxFields {
  to: string;
  value: string;
  data: string;
  operation: number;
  safeTxGas: string;
  baseGas: string;
  gasPrice: string;
  gasToken: string;
  refundReceiver: string;
  nonce: number;
}

/** A proposal file. */
export interface SafeProposalFile {
  kind: typeof SAFE_PROPOSAL_KIND;
  chainId: string;
  safe: string;
  /** What the proposal does, in both languages (printed by every step). */
  description: Bilingual;
  /** The owner who proposed it (and signed first) and when (unix seconds, chain time). */
  proposedBy: string;
  proposedAt: number;
  /** The calls as the officials asked for them (before any timelock or MultiSend wrapping). */
  calls: ProposedCall[];
  /** Set when the Safe schedules the calls on the timelock (or cancels an operation there). */
  timelock?: TimelockOperation & { action: "schedule" | "cancel" };
  transaction: SafeTxFields;
  safeTxHash: string;
  /** The owners' EIP-712 signatures of safeTxHash, one per owner. */
  signatures: Array<{ signer: string; data: string }>;
  /** Set by mg:safe-execute. */
  executed?: { tx: string; block: number; by: string };
}

/** What a step needs to reach the chain through the Safe SDK. */
export interface SafeContext {
  /** An EIP-1193 provider that can sign for the signer (Hardhat's network provider). */
  provider: Eip1193Provider;
  chainId: bigint;
  /** The Safe contracts of a local chain; undefined on a chain with the canonical deployments. */
  contracts?: SafeContractAddresses;
}

const TIMELOCK_ABI = [
  "function getMinDelay() view returns (uint256)",
  "function schedule(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt, uint256 delay)",
  "function scheduleBatch(address[] targets, uint256[] values, bytes[] payloads, bytes32 predecessor, bytes32 salt, uint256 delay)",
  "function execute(address target, uint256 value, bytes payload, bytes32 predecessor, bytes32 salt) payable",
  "function executeBatch(address[] targets, uint256[] values, bytes[] payloads, bytes32 predecessor, bytes32 salt) payable",
  "function cancel(bytes32 id)",
  "function hashOperation(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt) pure returns (bytes32)",
  "function hashOperationBatch(address[] targets, uint256[] values, bytes[] payloads, bytes32 predecessor, bytes32 salt) pure returns (bytes32)",
  "function getTimestamp(bytes32 id) view returns (uint256)",
  "function getOperationState(bytes32 id) view returns (uint8)",
];
/** The TimelockController functions the proposals use. */
export const TIMELOCK_INTERFACE = new Interface(TIMELOCK_ABI);
const ZERO_HASH = "0x" + "00".repeat(32);

/** The `contractNetworks` the Safe SDK needs for a local chain. */
export function contractNetworks(chainId: bigint, contracts: SafeContractAddresses): ContractNetworksConfig {
  return {
    [chainId.toString()]: {
      safeSingletonAddress: contracts.singleton,
      safeProxyFactoryAddress: contracts.proxyFactory,
      fallbackHandlerAddress: contracts.fallbackHandler,
      multiSendAddress: contracts.multiSend,
      multiSendCallOnlyAddress: contracts.multiSendCallOnly,
      signMessageLibAddress: contracts.signMessageLib,
      createCallAddress: contracts.createCall,
      simulateTxAccessorAddress: contracts.simulateTxAccessor,
    },
  };
}

// The SDK's default export, the Safe class. Its type declarations are CommonJS-flavoured: under the
// project's node16 resolution TypeScript files the class under `.default.default`, under the portal's
// bundler resolution under `.default`; at run time (ESM) it is `.default`. This reads it either way.
type KitDefault = (typeof ProtocolKit)["default"];
type SafeClass = KitDefault extends { default: infer C } ? C : KitDefault;
const SafeSdk = ((ProtocolKit.default as { default?: unknown }).default ?? ProtocolKit.default) as unknown as SafeClass;
type Safe = InstanceType<SafeClass>;

/** The Safe SDK bound to a Safe, signing (and sending) as `signer`. */
async function openSafe(ctx: SafeContext, safe: string, signer: string): Promise<Safe> {
  return SafeSdk.init({
    provider: ctx.provider,
    signer,
    safeAddress: safe,
    contractNetworks: ctx.contracts === undefined ? undefined : contractNetworks(ctx.chainId, ctx.contracts),
  });
}

/** The owners and threshold of a Safe, read through the Safe SDK. */
export async function safeOwners(ctx: SafeContext, safe: string): Promise<{ owners: string[]; threshold: number }> {
  const kit = await openSafe(ctx, safe, safe);
  const owners = (await kit.getOwners()).map((o: string) => getAddress(o));
  return { owners, threshold: await kit.getThreshold() };
}

async function requireOwner(kit: Safe, safe: string, who: string, step: Bilingual): Promise<void> {
  if (!(await kit.isOwner(who))) {
    throw new CoreInputError(
      `${who} is not an owner of the Safe ${safe}, so it cannot ${step.en}.`,
      `${who} 不是多签钱包 ${safe} 的所有者，不能${step.zh}。`,
    );
  }
}

/** The proposal's Safe transaction as the Safe SDK holds it, with the signatures collected so far. */
function sdkTransaction(file: SafeProposalFile): EthSafeTransaction {
  const tx = new EthSafeTransaction({ ...file.transaction, nonce: file.transaction.nonce });
  for (const s of file.signatures) tx.addSignature(new EthSafeSignature(s.signer, s.data));
  return tx;
}

/** The SafeTx hash of a proposal's transaction, recomputed (EIP-712, the Safe SDK's hashing). */
export function proposalHash(file: SafeProposalFile): string {
  return calculateSafeTransactionHash(file.safe, file.transaction, SAFE_VERSION, BigInt(file.chainId));
}

/**
 * Checks a proposal against itself: the recorded hash is the hash of the recorded transaction and every
 * signature was made by the owner it names, over that hash (so an edited file is refused).
 * @param file the proposal
 * @param source how to name the file in an error
 */
export function checkProposal(file: SafeProposalFile, source: string): void {
  if (proposalHash(file).toLowerCase() !== file.safeTxHash.toLowerCase()) {
    refuse(
      source,
      "its Safe transaction does not match its recorded hash (the file was changed after it was proposed).",
      "其中的多签交易与记录的哈希不符（文件在提议后被修改过）。",
    );
  }
  const seen = new Set<string>();
  for (const s of file.signatures) {
    let recovered = "";
    try {
      recovered = recoverAddress(file.safeTxHash, s.data);
    } catch {
      recovered = "";
    }
    if (recovered.toLowerCase() !== s.signer.toLowerCase()) {
      refuse(
        source,
        `the signature recorded for ${s.signer} was not made by it.`,
        `记录的 ${s.signer} 的签名并非其本人所签。`,
      );
    }
    if (seen.has(recovered.toLowerCase())) {
      refuse(source, `${s.signer} has signed twice.`, `${s.signer} 签名了两次。`);
    }
    seen.add(recovered.toLowerCase());
  }
}

/** The wrapping of calls into a timelock operation (schedule, with the timelock's minimum delay). */
async function timelockSchedule(
  provider: Provider,
  timelock: string,
  calls: ProposedCall[],
): Promise<{ operation: TimelockOperation; call: { to: string; value: string; data: string } }> {
  const minDelay = BigInt(
    TIMELOCK_INTERFACE.decodeFunctionResult(
      "getMinDelay",
      await provider.call({ to: timelock, data: TIMELOCK_INTERFACE.encodeFunctionData("getMinDelay") }),
    )[0] as bigint,
  );
  const salt = hexlify(randomBytes(32));
  const targets = calls.map((c) => c.to);
  const values = calls.map((c) => c.value);
  const payloads = calls.map((c) => c.data);
  const single = calls.length === 1;
  const id = single
    ? TIMELOCK_INTERFACE.getFunction("hashOperation")!
    : TIMELOCK_INTERFACE.getFunction("hashOperationBatch")!;
  const args = single
    ? [targets[0], values[0], payloads[0], ZERO_HASH, salt]
    : [targets, values, payloads, ZERO_HASH, salt];
  const opId = TIMELOCK_INTERFACE.decodeFunctionResult(
    id,
    await provider.call({ to: timelock, data: TIMELOCK_INTERFACE.encodeFunctionData(id, args) }),
  )[0] as string;
  const data = single
    ? TIMELOCK_INTERFACE.encodeFunctionData("schedule", [...args, minDelay])
    : TIMELOCK_INTERFACE.encodeFunctionData("scheduleBatch", [...args, minDelay]);
  return {
    operation: {
      timelock,
      targets,
      values,
      payloads,
      predecessor: ZERO_HASH,
      salt,
      delay: minDelay.toString(),
      id: opId,
    },
    call: { to: timelock, value: "0", data },
  };
}

/**
 * Proposes calls for a Safe to make: builds the Safe transaction (one call as it is; several as a
 * MultiSendCallOnly batch; through the timelock as `schedule`/`scheduleBatch`), has the proposer sign it
 * and returns the proposal file. Nothing is sent.
 * @param ctx the chain
 * @param safe the Safe that is to make the calls
 * @param proposer an owner of the Safe (signs first)
 * @param calls the calls
 * @param description what the proposal does, in both languages
 * @param options `timelock`: schedule the calls on this timelock instead of making them directly
 * @throws CoreInputError when the proposer is not an owner of the Safe
 */
export async function proposeSafeCalls(
  ctx: SafeContext,
  safe: string,
  proposer: string,
  calls: ProposedCall[],
  description: Bilingual,
  options: { timelock?: string; ethers: Provider; now: number },
): Promise<SafeProposalFile> {
  const kit = await openSafe(ctx, safe, proposer);
  await requireOwner(kit, safe, proposer, { en: "propose a transaction", zh: "提议交易" });
  let timelock: SafeProposalFile["timelock"];
  let metaCalls = calls.map((c) => ({ to: c.to, value: c.value, data: c.data }));
  if (options.timelock !== undefined) {
    const wrapped = await timelockSchedule(options.ethers, options.timelock, calls);
    timelock = { ...wrapped.operation, action: "schedule" };
    metaCalls = [wrapped.call];
  }
  return proposeMeta(kit, ctx, safe, proposer, metaCalls, calls, description, timelock, options.now);
}

async function proposeMeta(
  kit: Safe,
  ctx: SafeContext,
  safe: string,
  proposer: string,
  metaCalls: Array<{ to: string; value: string; data: string }>,
  calls: ProposedCall[],
  description: Bilingual,
  timelock: SafeProposalFile["timelock"],
  now: number,
): Promise<SafeProposalFile> {
  const created = await kit.createTransaction({ transactions: metaCalls, onlyCalls: true });
  const signed = await kit.signTransaction(created, "eth_signTypedData_v4");
  const d = signed.data;
  const transaction: SafeTxFields = {
    to: getAddress(d.to),
    value: d.value.toString(),
    data: d.data,
    operation: Number(d.operation),
    safeTxGas: d.safeTxGas.toString(),
    baseGas: d.baseGas.toString(),
    gasPrice: d.gasPrice.toString(),
    gasToken: d.gasToken,
    refundReceiver: d.refundReceiver,
    nonce: Number(d.nonce),
  };
  const signature = signed.getSignature(proposer);
  if (signature === undefined) throw new Error("The Safe SDK returned no signature for the proposer.");
  const file: SafeProposalFile = {
    kind: SAFE_PROPOSAL_KIND,
    chainId: ctx.chainId.toString(),
    safe: getAddress(safe),
    description,
    proposedBy: getAddress(proposer),
    proposedAt: now,
    calls,
    ...(timelock === undefined ? {} : { timelock }),
    transaction,
    safeTxHash: await kit.getTransactionHash(signed),
    signatures: [{ signer: getAddress(proposer), data: signature.data }],
  };
  checkProposal(file, "the new proposal");
  return file;
}

/**
 * Proposes that the Safe cancel a timelock operation it scheduled (the Safe is the timelock's canceller).
 * @param ctx the chain
 * @param scheduled the proposal that scheduled the operation
 * @param proposer an owner of the Safe
 * @param now chain time (unix seconds)
 */
export async function proposeTimelockCancel(
  ctx: SafeContext,
  scheduled: SafeProposalFile,
  proposer: string,
  now: number,
): Promise<SafeProposalFile> {
  const op = scheduled.timelock;
  if (op === undefined || op.action !== "schedule") {
    throw new CoreInputError(
      "This proposal did not schedule anything on a timelock, so there is nothing to cancel.",
      "该提议并未在时间锁中排期任何操作，无可取消。",
    );
  }
  const kit = await openSafe(ctx, scheduled.safe, proposer);
  await requireOwner(kit, scheduled.safe, proposer, { en: "propose a cancellation", zh: "提议取消" });
  const call = { to: op.timelock, value: "0", data: TIMELOCK_INTERFACE.encodeFunctionData("cancel", [op.id]) };
  const description = {
    en: `Cancel the timelock operation ${op.id} (${scheduled.description.en})`,
    zh: `取消时间锁操作 ${op.id}（${scheduled.description.zh}）`,
  };
  const what = { en: `cancel timelock operation ${op.id}`, zh: `取消时间锁操作 ${op.id}` };
  return proposeMeta(
    kit,
    ctx,
    scheduled.safe,
    proposer,
    [call],
    [{ ...call, what }],
    description,
    { ...op, action: "cancel" },
    now,
  );
}

/**
 * An owner adds their signature to a proposal.
 * @param ctx the chain
 * @param file the proposal (checked first)
 * @param signer an owner who has not signed it yet
 * @param source how to name the file in an error
 * @throws CoreInputError when the file was changed, the signer is not an owner or has signed already,
 *   or the proposal was executed or overtaken (the Safe's nonce moved past it)
 */
export async function confirmSafeProposal(
  ctx: SafeContext,
  file: SafeProposalFile,
  signer: string,
  source: string,
): Promise<SafeProposalFile> {
  checkProposal(file, source);
  const kit = await openSafe(ctx, file.safe, signer);
  await requireOwner(kit, file.safe, signer, { en: "confirm this proposal", zh: "确认该提议" });
  await requireOpen(kit, file, source);
  if (file.signatures.some((s) => s.signer.toLowerCase() === signer.toLowerCase())) {
    refuse(source, `${signer} has already confirmed it.`, `${signer} 已经确认过该提议。`);
  }
  const signed = await kit.signTransaction(sdkTransaction(file), "eth_signTypedData_v4");
  const signature = signed.getSignature(signer);
  if (signature === undefined) throw new Error("The Safe SDK returned no signature.");
  const next = { ...file, signatures: [...file.signatures, { signer: getAddress(signer), data: signature.data }] };
  checkProposal(next, source);
  return next;
}

async function requireOpen(kit: Safe, file: SafeProposalFile, source: string): Promise<void> {
  const nonce = await kit.getNonce();
  if (file.executed !== undefined || nonce > file.transaction.nonce) {
    refuse(
      source,
      `the Safe has already used its transaction number ${file.transaction.nonce} (it is at ${nonce}): this proposal was executed or overtaken; propose it again.`,
      `该多签钱包已用过第 ${file.transaction.nonce} 号交易（当前为第 ${nonce} 号）：该提议已执行或已被替代，请重新提议。`,
    );
  }
}

/** How many owners have signed, of how many needed and how many there are. */
export async function confirmations(
  ctx: SafeContext,
  file: SafeProposalFile,
): Promise<{ signed: number; threshold: number; owners: number }> {
  const { owners, threshold } = await safeOwners(ctx, file.safe);
  const ownerSet = new Set(owners.map((o) => o.toLowerCase()));
  const signed = file.signatures.filter((s) => ownerSet.has(s.signer.toLowerCase())).length;
  return { signed, threshold, owners: owners.length };
}

/**
 * Sends a proposal's Safe transaction (any account may send it; the owners' signatures authorise it).
 * @param ctx the chain
 * @param file the proposal (checked first)
 * @param sender the account that pays the gas
 * @param source how to name the file in an error
 * @throws CoreInputError below the threshold (nothing is sent), when the file was changed, or when the
 *   proposal is not the Safe's next transaction
 */
export async function executeSafeProposal(
  ctx: SafeContext,
  file: SafeProposalFile,
  sender: string,
  source: string,
): Promise<{ file: SafeProposalFile; hash: string }> {
  checkProposal(file, source);
  const kit = await openSafe(ctx, file.safe, sender);
  await requireOpen(kit, file, source);
  const count = await confirmations(ctx, file);
  if (count.signed < count.threshold) {
    refuse(
      source,
      `it has ${count.signed} of the ${count.threshold} confirmations the Safe needs (${count.owners} owners): nothing was sent.`,
      `它只有 ${count.signed} 个确认，该多签钱包需要 ${count.threshold} 个（共 ${count.owners} 位所有者）：未发送任何交易。`,
    );
  }
  const nonce = await kit.getNonce();
  if (nonce !== file.transaction.nonce) {
    refuse(
      source,
      `it is the Safe's transaction number ${file.transaction.nonce}, and the Safe's next is ${nonce}: execute that one first.`,
      `它是该多签钱包的第 ${file.transaction.nonce} 号交易，而下一笔应是第 ${nonce} 号：请先执行那一笔。`,
    );
  }
  const result = await kit.executeTransaction(sdkTransaction(file));
  return { file, hash: result.hash };
}

/**
 * Sends the timelock operation a proposal scheduled, once its delay is over (the executor is open).
 * @param provider the chain
 * @param file the proposal whose Safe transaction scheduled the operation
 * @param send sends a transaction as the executing account and returns its hash
 * @param source how to name the file in an error
 * @throws CoreInputError when nothing was scheduled, it was cancelled or executed, or the delay is not over
 */
export async function executeTimelockOperation(
  provider: Provider,
  file: SafeProposalFile,
  send: (tx: { to: string; data: string }) => Promise<string>,
  source: string,
  now: number,
): Promise<string> {
  const op = file.timelock;
  if (op === undefined || op.action !== "schedule") {
    refuse(source, "it did not schedule anything on a timelock.", "它没有在时间锁中排期任何操作。");
  }
  const status = await timelockStatus(provider, op);
  if (status.state === "unset") {
    refuse(
      source,
      "its operation is not scheduled on the timelock (run mg:safe-execute first, or it was cancelled).",
      "其操作未在时间锁中排期（请先运行 mg:safe-execute，或该操作已被取消）。",
    );
  }
  if (status.state === "done") refuse(source, "its operation was already executed.", "其操作已经执行过。");
  if (status.state === "waiting" || now < status.readyAt) {
    refuse(
      source,
      `its operation is executable only after ${formatBeijing(status.readyAt, "en")}.`,
      `其操作须在 ${formatBeijing(status.readyAt, "zh")} 之后才能执行。`,
    );
  }
  const single = op.targets.length === 1;
  const data = single
    ? TIMELOCK_INTERFACE.encodeFunctionData("execute", [
        op.targets[0],
        op.values[0],
        op.payloads[0],
        op.predecessor,
        op.salt,
      ])
    : TIMELOCK_INTERFACE.encodeFunctionData("executeBatch", [
        op.targets,
        op.values,
        op.payloads,
        op.predecessor,
        op.salt,
      ]);
  return send({ to: op.timelock, data });
}

/** A timelock operation's state: not scheduled (or cancelled), waiting, ready, done; when it is ready. */
export async function timelockStatus(
  provider: Provider,
  op: TimelockOperation,
): Promise<{ state: "unset" | "waiting" | "ready" | "done"; readyAt: number }> {
  const read = async (fn: string) =>
    TIMELOCK_INTERFACE.decodeFunctionResult(
      fn,
      await provider.call({ to: op.timelock, data: TIMELOCK_INTERFACE.encodeFunctionData(fn, [op.id]) }),
    )[0] as bigint;
  const state = Number(await read("getOperationState"));
  const timestamp = Number(await read("getTimestamp"));
  return { state: (["unset", "waiting", "ready", "done"] as const)[state] ?? "unset", readyAt: timestamp };
}

/**
 * A proposal file as text: indented JSON and a final newline.
 * @param file the proposal
 */
export function serializeProposal(file: SafeProposalFile): string {
  return JSON.stringify(file, null, 2) + "\n";
}

/** Writes a proposal file. */
export function writeProposal(path: string, file: SafeProposalFile): void {
  writeFileSync(path, serializeProposal(file));
}

function refuse(source: string, en: string, zh: string): never {
  throw new CoreInputError(`${source}: ${en}`, `${source}：${zh}`);
}

/**
 * Reads a proposal file and checks its shape (addresses, hashes, numbers), its chain, and that it is
 * intact ({@link checkProposal}).
 * @param path the file
 * @param chainId the connected chain (a proposal for another chain is refused)
 * @throws CoreInputError naming the file and what is wrong
 */
export function readProposal(path: string, chainId: bigint): SafeProposalFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    refuse(path, "it cannot be read as a Safe proposal (JSON).", "无法作为多签提议（JSON）读取。");
  }
  const f = raw as Partial<SafeProposalFile>;
  if (typeof f !== "object" || f === null || f.kind !== SAFE_PROPOSAL_KIND) {
    refuse(
      path,
      `it is not a Safe proposal (kind must be "${SAFE_PROPOSAL_KIND}").`,
      `它不是多签提议（kind 须为“${SAFE_PROPOSAL_KIND}”）。`,
    );
  }
  const t = f.transaction;
  const fine =
    typeof f.safe === "string" &&
    isAddress(f.safe) &&
    typeof f.safeTxHash === "string" &&
    isHexString(f.safeTxHash, 32) &&
    typeof f.chainId === "string" &&
    Array.isArray(f.signatures) &&
    f.signatures.every((s) => typeof s?.signer === "string" && isAddress(s.signer) && isHexString(s.data, 65)) &&
    Array.isArray(f.calls) &&
    typeof f.description?.en === "string" &&
    typeof f.description?.zh === "string" &&
    t !== undefined &&
    isAddress(t.to) &&
    isHexString(t.data) &&
    (t.operation === 0 || t.operation === 1) &&
    Number.isSafeInteger(t.nonce) &&
    [t.value, t.safeTxGas, t.baseGas, t.gasPrice].every((v) => typeof v === "string" && /^\d+$/.test(v));
  if (!fine) refuse(path, "a field is missing or malformed.", "有字段缺失或格式错误。");
  if (f.chainId !== chainId.toString()) {
    refuse(
      path,
      `it was proposed on chain ${f.chainId}, not on this chain (${chainId}).`,
      `它是在链 ${f.chainId} 上提议的，不是本链（${chainId}）。`,
    );
  }
  const file = f as SafeProposalFile;
  checkProposal(file, path);
  return file;
}
