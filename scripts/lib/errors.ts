/**
 * Turns revert data from the suite's contracts into one plain English sentence, for operators who
 * should never see a stack trace: every custom error of contracts/libraries/Errors.sol, OpenZeppelin's
 * AccessControl, Ownable, Initializable, ReentrancyGuard, SafeERC20 and ERC20 errors, Solidity panics
 * and `Error(string)` reasons. The ABIs come from the compiled contracts (TypeChain factories).
 */
import { Interface, keccak256, toUtf8Bytes, type ErrorFragment, type Result } from "ethers";

import {
  EntityRegistry__factory,
  Errors__factory,
  GrantProgramFactory__factory,
  GrantProgramExtension__factory,
  GrantProgram__factory,
  MockYuan__factory,
} from "../../typechain-types/index.js";
import { formatYuan } from "../../core/money.js";
import { formatTimestamp } from "../../core/time.js";

/** A decoded revert: the error's name, its arguments by name and a sentence for people. */
export interface DecodedError {
  name: string;
  args: Record<string, unknown>;
  sentence: string;
}

/** What the sentence may use to write amounts: the token's decimals and the currency word. */
export interface ErrorContext {
  decimals?: number;
  currency?: string;
}

type Args = Record<string, unknown>;
type Describe = (a: Args, f: Formatters) => string;

interface Formatters {
  money: (value: unknown) => string;
  date: (value: unknown) => string;
  state: (value: unknown) => string;
  /** A set of states given as a bitmap (bit i = state i), e.g. "pending or rejected". */
  states: (value: unknown) => string;
  role: (value: unknown) => string;
  n: (value: unknown) => string;
  milestone: (grantId: unknown, index: unknown) => string;
}

/** Milestone states as the contract derives them (Program.MilestoneState). */
export const MILESTONE_STATE_NAMES = [
  "none",
  "pending (no evidence yet)",
  "submitted (under review)",
  "rejected",
  "in its public notice window",
  "contested (an objection is open)",
  "payable",
  "paid",
  "lapsable (deadline passed)",
  "lapsed",
  "cancelled",
] as const;

const ROLE_NAMES = new Map<string, string>([
  [`0x${"00".repeat(32)}`, "admin"],
  ...["MANAGER_ROLE", "TREASURER_ROLE", "GUARDIAN_ROLE", "REGISTRAR_ROLE", "PROGRAM_ROLE"].map(
    (role): [string, string] => [keccak256(toUtf8Bytes(role)), role.replace("_ROLE", "").toLowerCase()],
  ),
  // The pseudo-roles GrantProgram_RoleConflict names (no account holds them).
  [keccak256(toUtf8Bytes("REVIEWER")), "reviewer"],
  [keccak256(toUtf8Bytes("GRANTEE")), "grantee payout wallet"],
  [keccak256(toUtf8Bytes("FORMER_OFFICIAL")), "former official (it held a role or a reviewer seat here before)"],
]);

function makeFormatters(ctx: ErrorContext): Formatters {
  const currency = ctx.currency ?? "yuan";
  const n = (value: unknown): string => String(value);
  return {
    money: (value) =>
      ctx.decimals === undefined
        ? `${String(value)} token units`
        : `${formatYuan(BigInt(value as bigint), ctx.decimals)} ${currency}`,
    date: (value) => formatTimestamp(BigInt(value as bigint)),
    state: (value) => MILESTONE_STATE_NAMES[Number(value)] ?? `in state ${n(value)}`,
    states: (value) => {
      const bits = BigInt(value as bigint);
      const names = MILESTONE_STATE_NAMES.filter((_, i) => ((bits >> BigInt(i)) & 1n) === 1n);
      return names.length === 0 ? "in no state" : names.join(" or ");
    },
    role: (value) => {
      const name = ROLE_NAMES.get(String(value).toLowerCase());
      return name === undefined ? `role ${String(value)}` : `the ${name} role`;
    },
    n,
    milestone: (grantId, index) => `milestone #${n(index)} of grant ${n(grantId)}`,
  };
}

/**
 * One sentence per custom error. The unit test iterates Errors.sol's ABI, so an error added to the
 * contracts without a sentence here fails the build.
 */
export const SENTENCES: Record<string, Describe> = {
  // EntityRegistry
  EntityRegistry_ZeroAdmin: () => "The registry needs an admin, and the zero address was given.",
  EntityRegistry_ZeroWallet: () => "A payout wallet cannot be the zero address.",
  EntityRegistry_ZeroEntityId: () =>
    "The entity id is empty (zero); give a company's USCC or an individual's commitment.",
  EntityRegistry_InvalidKind: (a, f) =>
    `Entity kind ${f.n(a.kind)} is not valid: an entity is a company or an individual.`,
  EntityRegistry_AlreadyRegistered: (a, f) =>
    `This entity is already registered, as entity number ${f.n(a.entityNo)} (id ${String(a.entityId)}).`,
  EntityRegistry_UnknownEntity: (a) => `No entity with id ${String(a.entityId)} is registered in this jurisdiction.`,
  EntityRegistry_UnknownEntityNo: (a, f) => `No entity number ${f.n(a.entityNo)} is registered in this jurisdiction.`,
  EntityRegistry_WalletTaken: (a, f) =>
    `Wallet ${String(a.wallet)} is already the payout wallet of entity number ${f.n(a.boundTo)}; one wallet serves one entity.`,
  EntityRegistry_EntityBarred: (a, f) =>
    `Entity number ${f.n(a.entityNo)} is barred by ${f.n(a.openRecoveries)} unpaid recovery order(s) and can neither be awarded nor paid until it repays.`,
  EntityRegistry_AlreadyAwarded: (a, f) =>
    `Entity number ${f.n(a.entityNo)} already holds an award of this kind (program ${String(a.program)}); the policy grants it only once.`,
  EntityRegistry_AwardNotHeld: (a, f) =>
    `Entity number ${f.n(a.entityNo)} holds no award of this kind recorded by program ${String(a.program)}, so there is nothing to release.`,
  EntityRegistry_NoOpenRecovery: (a, f) => `Entity number ${f.n(a.entityNo)} has no open recovery bar to lift.`,
  EntityRegistry_NoPendingWalletChange: (a, f) =>
    `Entity number ${f.n(a.entityNo)} has no pending payout wallet change; request one first.`,
  EntityRegistry_WalletChangeNotDue: (a, f) =>
    `The payout wallet change of entity number ${f.n(a.entityNo)} takes effect only from ${f.date(a.effectiveAt)}.`,
  EntityRegistry_DelayTooLong: (a, f) =>
    `A wallet change delay of ${f.n(a.delay)} seconds is above the maximum of ${f.n(a.maxDelay)} seconds.`,
  EntityRegistry_InvalidGroup: (a) =>
    `Exclusivity group ${String(a.group)} cannot be created: it exists already, or its name is empty.`,
  EntityRegistry_UnknownGroup: (a) =>
    `Exclusivity group ${String(a.group)} does not exist on this registry; its admin creates it first.`,
  EntityRegistry_AlreadyAdmitted: (a) =>
    `Program ${String(a.program)} is already admitted to exclusivity group ${String(a.group)}.`,
  EntityRegistry_NotAdmittedToGroup: (a) =>
    `Program ${String(a.program)} was not admitted to exclusivity group ${String(a.group)} by the registry admin, so it cannot award under it.`,
  EntityRegistry_DelayTooShort: (a, f) =>
    `A wallet change delay of ${f.n(a.delay)} seconds is below the minimum of ${f.n(a.minDelay)} seconds.`,

  // IGrantProgram
  GrantProgram_ZeroFactory: () => "A program implementation needs a factory, and the zero address was given.",
  GrantProgram_ZeroExtension: () => "A program implementation needs its extension, and the zero address was given.",
  GrantProgram_ExtensionHasNoCode: (a) =>
    `The extension ${String(a.extension)} has no code, so it cannot serve as a program implementation's extension.`,
  GrantProgram_ZeroAdmin: () => "The program needs an admin, and the zero address was given.",
  GrantProgram_ZeroTreasurer: () => "The program needs a treasurer, and the zero address was given.",
  GrantProgram_ZeroGuardian: () => "The program needs a guardian, and the zero address was given.",
  GrantProgram_ZeroManager: () => "A manager cannot be the zero address.",
  GrantProgram_ZeroReviewer: () => "A reviewer cannot be the zero address.",
  GrantProgram_NotFactory: (a) => `Only the factory may initialise a program; ${String(a.caller)} tried.`,
  GrantProgram_InvalidQuorum: (a, f) =>
    `A quorum of ${f.n(a.quorum)} is not possible with ${f.n(a.activeReviewers)} active reviewer(s): it must be at least 1 and at most the number of reviewers.`,
  GrantProgram_InvalidWindow: (a, f) =>
    `The application window from ${f.date(a.opensAt)} to ${f.date(a.closesAt)} is empty or reversed.`,
  GrantProgram_NoticePeriodTooLong: (a, f) =>
    `A notice period of ${f.n(a.noticePeriod)} seconds is above the maximum of ${f.n(a.maxNoticePeriod)} seconds.`,
  GrantProgram_NotAdmittedToGroup: (a) =>
    `This program was not admitted to exclusivity group ${String(a.group)} by the registry admin; ask the registry admin to admit it first.`,
  GrantProgram_NoticePeriodTooShort: (a, f) =>
    `A notice period of ${f.n(a.noticePeriod)} seconds is below the minimum of ${f.n(a.minNoticePeriod)} seconds: the public must have time to object.`,
  GrantProgram_DuplicateReviewer: (a) => `${String(a.reviewer)} is already a reviewer of this program.`,
  GrantProgram_TooManyReviewers: (a, f) =>
    `All ${f.n(a.maxReviewers)} reviewer slots of this program have been used; a larger committee needs a new program.`,
  GrantProgram_NotReviewer: (a) => `${String(a.account)} is not a current reviewer of this program.`,
  GrantProgram_RoleConflict: (a, f) =>
    `${String(a.account)} holds ${f.role(a.heldRole)} and so cannot also act with ${f.role(a.refusedRole)}; these roles must stay separate.`,
  GrantProgram_Paused: () => "The program is paused by its guardian; only its admin can unpause it.",
  GrantProgram_NotPaused: () => "The program is not paused, so there is nothing to unpause.",
  GrantProgram_InvalidAwardMode: (a, f) =>
    `Award mode ${f.n(a.mode)} is not valid: a category awards a fixed amount or at most a capped amount.`,
  GrantProgram_ZeroCategoryAmount: () => "A category's award amount cannot be zero.",
  GrantProgram_MaxTotalBelowAmount: (a, f) =>
    `The category's total limit of ${f.money(a.maxTotal)} is below a single award of ${f.money(a.amount)}.`,
  GrantProgram_UnknownCategory: (a, f) => `Category ${f.n(a.categoryId)} does not exist in this program.`,
  GrantProgram_OutsideWindow: (a, f) =>
    `It is ${f.date(a.nowTs)}, outside the program's application window from ${f.date(a.opensAt)} to ${f.date(a.closesAt)}.`,
  GrantProgram_InvalidMilestoneCount: (a, f) =>
    `An award has ${f.n(a.count)} milestone(s); it must have between 1 and ${f.n(a.maxCount)}.`,
  GrantProgram_ZeroMilestoneAmount: (a, f) => `Milestone #${f.n(a.index)} has an amount of zero.`,
  GrantProgram_InvalidDeadline: (a, f) =>
    `Milestone #${f.n(a.index)}'s deadline ${f.date(a.deadline)} is not in the future, not after the previous milestone's, or more than ten years away.`,
  GrantProgram_AmountNotFixedAmount: (a, f) =>
    `The milestones add up to ${f.money(a.total)}, but this category awards exactly ${f.money(a.fixedAmount)}.`,
  GrantProgram_AmountOverCap: (a, f) =>
    `The milestones add up to ${f.money(a.total)}, above the category cap of ${f.money(a.cap)}.`,
  GrantProgram_CategoryCountExhausted: (a, f) =>
    `Category ${f.n(a.categoryId)} has already made its ${f.n(a.maxAwards)} award(s).`,
  GrantProgram_CategoryTotalExceeded: (a, f) =>
    `This award would bring category ${f.n(a.categoryId)} to ${f.money(a.wouldCommit)}, above its total of ${f.money(a.maxTotal)}.`,
  GrantProgram_InsufficientBudget: (a, f) =>
    `${f.money(a.requested)} was requested but only ${f.money(a.available)} of funded, unreserved budget is available.`,
  GrantProgram_ZeroAmount: () => "The amount is zero; give an amount greater than zero.",
  GrantProgram_UnknownGrant: (a, f) => `Grant ${f.n(a.grantId)} does not exist in this program.`,
  GrantProgram_UnknownMilestone: (a, f) => `Grant ${f.n(a.grantId)} has no milestone #${f.n(a.index)}.`,
  GrantProgram_GrantCancelled: (a, f) => `Grant ${f.n(a.grantId)} has been cancelled.`,
  GrantProgram_NotGranteeWallet: (a) =>
    `Only the grantee's registered payout wallet ${String(a.wallet)} may do this, not ${String(a.caller)}.`,
  GrantProgram_WrongMilestoneState: (a, f) =>
    `${cap(f.milestone(a.grantId, a.index))} is ${f.state(a.current)}; this action needs it ${f.states(a.expectedStates)}.`,
  GrantProgram_DeadlinePassed: (a, f) =>
    `The deadline of ${f.milestone(a.grantId, a.index)} passed on ${f.date(a.deadline)}.`,
  GrantProgram_DeadlineNotPassed: (a, f) =>
    `${cap(f.milestone(a.grantId, a.index))} can lapse only after its deadline, ${f.date(a.deadline)}.`,
  GrantProgram_ZeroApplicationHash: () => "The application document hash is empty (zero); hash the document first.",
  GrantProgram_ZeroEvidenceHash: () => "The evidence document hash is empty (zero); hash the document first.",
  GrantProgram_TooManyRounds: (a, f) =>
    `Milestone ${f.n(a.index)} of grant ${f.n(a.grantId)} has had ${f.n(a.rounds)} review rounds, the most one milestone may have; it cannot be resubmitted again.`,
  GrantProgram_ZeroObjectionHash: () => "The objection document hash is empty (zero); hash the document first.",
  GrantProgram_TermsMismatch: (a) =>
    `The vote names terms ${String(a.given)}, but the grant's terms are ${String(a.expected)}.`,
  GrantProgram_EvidenceMismatch: (a) =>
    `The vote names evidence ${String(a.given)}, but the milestone's current evidence is ${String(a.expected)}; review the current evidence.`,
  GrantProgram_AlreadyVoted: (a) => `Reviewer ${String(a.reviewer)} has already voted in this review round.`,
  GrantProgram_ReviewerRecused: (a, f) =>
    `Reviewer ${String(a.reviewer)} declared a conflict of interest on grant ${f.n(a.grantId)} and cannot vote on it.`,
  GrantProgram_SelfReview: (a, f) =>
    `Reviewer ${String(a.reviewer)} is the payout wallet of grant ${f.n(a.grantId)} and cannot review it.`,
  GrantProgram_QuorumUnreachable: (a, f) =>
    `Only ${f.n(a.eligible)} eligible reviewer(s) remain for this grant, fewer than the quorum of ${f.n(a.quorum)}; the admin must appoint reviewers or lower the quorum.`,
  GrantProgram_RoundUndecided: (a, f) =>
    `The votes cast so far do not decide milestone #${f.n(a.index)} of grant ${f.n(a.grantId)}: more reviewers must vote before it can be settled.`,
  GrantProgram_InvalidClaim: () => "The claim names no milestones.",
  GrantProgram_TransferAmountMismatch: (a, f) =>
    `The program received ${f.money(a.received)} instead of ${f.money(a.expected)}; fee-on-transfer tokens are refused.`,
  GrantProgram_AlreadyObjected: (a) =>
    `${String(a.objector)} has already objected to this milestone in this review round.`,
  GrantProgram_NoOpenObjection: (a, f) => `There is no open objection to ${f.milestone(a.grantId, a.index)}.`,
  GrantProgram_RecoveryTooLarge: (a, f) =>
    `A recovery of ${f.money(a.amount)} is more than the ${f.money(a.recoverable)} paid and not yet ordered back.`,
  GrantProgram_RepaymentTooLarge: (a, f) =>
    `A repayment of ${f.money(a.amount)} is more than the ${f.money(a.owed)} owed.`,
  GrantProgram_ApplicationNotOpen: (a, f) => `Application ${f.n(a.applicationId)} does not exist or is no longer open.`,
  GrantProgram_ApplicationMismatch: (a, f) =>
    `Application ${f.n(a.applicationId)} was made by another entity or to another category.`,
  GrantProgram_SignatureExpired: (a, f) =>
    `The signed vote of ${String(a.reviewer)} expired at ${f.date(a.deadline)}; ask for a new signature.`,
  GrantProgram_InvalidSignature: (a) => `The signature does not verify for reviewer ${String(a.reviewer)}.`,
  GrantProgram_NoSurplus: () => "There is no surplus to sweep: the program holds exactly its budget.",

  // GrantProgramFactory
  GrantProgramFactory_ZeroToken: () => "A program needs a token, and the zero address was given.",
  GrantProgramFactory_ZeroRegistry: () => "A program needs an entity registry, and the zero address was given.",
  GrantProgramFactory_ZeroTreasury: () => "A program needs a treasury, and the zero address was given.",
  GrantProgramFactory_ForeignImplementation: (a) =>
    `Implementation ${String(a.implementation)} only accepts initialisation from factory ${String(a.boundFactory)}, not this one.`,
  GrantProgramFactory_NotAContract: (a) =>
    `${String(a.implementation)} has no code, so it cannot be an implementation.`,
  GrantProgramFactory_ImplementationKnown: (a) => `Implementation ${String(a.implementation)} is already registered.`,
  GrantProgramFactory_UnknownVersion: (a, f) => `Version ${f.n(a.version)} is unknown or retired.`,

  // OpenZeppelin
  AccessControlUnauthorizedAccount: (a, f) =>
    `${String(a.account)} does not hold ${f.role(a.neededRole)} needed for this action.`,
  AccessControlBadConfirmation: () => "A role can only be renounced by the account holding it.",
  OwnableUnauthorizedAccount: (a) => `${String(a.account)} is not the owner and cannot do this.`,
  OwnableInvalidOwner: (a) => `${String(a.owner)} cannot be the owner.`,
  InvalidInitialization: () => "This contract is already initialised.",
  NotInitializing: () => "This contract is not being initialised.",
  ReentrancyGuardReentrantCall: () => "A re-entrant call was refused.",
  SafeERC20FailedOperation: (a) => `The token ${String(a.token)} refused the transfer.`,
  ERC20InsufficientBalance: (a, f) =>
    `${String(a.sender)} holds ${f.money(a.balance)} of the token but ${f.money(a.needed)} is needed.`,
  ERC20InsufficientAllowance: (a, f) =>
    `${String(a.spender)} may spend only ${f.money(a.allowance)} but ${f.money(a.needed)} is needed; approve it first.`,
  ERC20InvalidApprover: (a) => `${String(a.approver)} cannot approve token spending.`,
  ERC20InvalidReceiver: (a) => `${String(a.receiver)} cannot receive the token.`,
  ERC20InvalidSender: (a) => `${String(a.sender)} cannot send the token.`,
  ERC20InvalidSpender: (a) => `${String(a.spender)} cannot be approved to spend the token.`,
  CloneArgumentsTooLong: () => "The clone arguments are too long.",
  FailedDeployment: () => "The program clone could not be deployed.",
  InsufficientBalance: (a, f) => `The balance ${f.n(a.balance)} is below the ${f.n(a.needed)} needed.`,
  InvalidShortString: () => "A short string is invalid.",
  StringTooLong: (a) => `The string "${String(a.str)}" is too long.`,
};

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const PANICS: Record<number, string> = {
  0x01: "an internal assertion failed",
  0x11: "an arithmetic overflow or underflow occurred",
  0x12: "a division by zero occurred",
  0x21: "a value was out of range for its enum",
  0x32: "an array index was out of bounds",
  0x41: "too much memory was allocated",
};

/** Every error our contracts and their OpenZeppelin bases can throw, from the compiled ABIs. */
export const SUITE_ERRORS_INTERFACE: Interface = (() => {
  const seen = new Set<string>();
  const fragments: ErrorFragment[] = [];
  for (const abi of [
    Errors__factory.abi,
    GrantProgram__factory.abi,
    GrantProgramExtension__factory.abi,
    EntityRegistry__factory.abi,
    GrantProgramFactory__factory.abi,
    MockYuan__factory.abi,
  ]) {
    for (const fragment of new Interface(abi).fragments) {
      if (fragment.type !== "error") continue;
      const error = fragment as ErrorFragment;
      if (seen.has(error.selector)) continue;
      seen.add(error.selector);
      fragments.push(error);
    }
  }
  return new Interface(fragments);
})();

function resultToArgs(fragment: ErrorFragment, result: Result): Args {
  const args: Args = {};
  fragment.inputs.forEach((input, i) => {
    args[input.name === "" ? String(i) : input.name] = result[i];
  });
  return args;
}

/** Decodes revert data; null if it is empty or from an error no ABI of the suite knows. */
export function decodeRevertData(data: string, ctx: ErrorContext = {}): DecodedError | null {
  if (!/^0x[0-9a-fA-F]*$/.test(data) || data.length < 10) return null;
  const f = makeFormatters(ctx);
  const selector = data.slice(0, 10).toLowerCase();
  if (selector === "0x08c379a0") {
    const [reason] = SUITE_ERRORS_INTERFACE.getAbiCoder().decode(["string"], `0x${data.slice(10)}`);
    const text = String(reason);
    return { name: "Error", args: { reason: text }, sentence: `The contract refused: ${text.replace(/\.?$/, ".")}` };
  }
  if (selector === "0x4e487b71") {
    const [code] = SUITE_ERRORS_INTERFACE.getAbiCoder().decode(["uint256"], `0x${data.slice(10)}`);
    const what = PANICS[Number(code)] ?? `panic code ${String(code)} was raised`;
    return { name: "Panic", args: { code }, sentence: `The contract stopped because ${what}.` };
  }
  let fragment: ErrorFragment | null;
  try {
    fragment = SUITE_ERRORS_INTERFACE.getError(selector);
  } catch {
    fragment = null;
  }
  if (fragment === null) return null;
  const args = resultToArgs(fragment, SUITE_ERRORS_INTERFACE.decodeErrorResult(fragment, data));
  const describe = SENTENCES[fragment.name];
  const sentence = describe === undefined ? `The contract refused with ${fragment.name}.` : describe(args, f);
  return { name: fragment.name, args, sentence };
}

/** Finds revert data anywhere in an error thrown by ethers, Hardhat or a JSON-RPC node. */
export function findRevertData(error: unknown): string | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    const data = record.data;
    if (typeof data === "string" && /^0x[0-9a-fA-F]{8}/.test(data)) return data;
    for (const key of ["data", "error", "info", "cause", "payload", "revert", "body"]) {
      const next = record[key];
      if (typeof next === "object") queue.push(next);
      if (key === "body" && typeof next === "string") {
        try {
          queue.push(JSON.parse(next));
        } catch {
          // not JSON
        }
      }
    }
  }
  return null;
}

/** Decodes an error thrown by a transaction or static call; null if it carries no known revert. */
export function decodeError(error: unknown, ctx: ErrorContext = {}): DecodedError | null {
  const data = findRevertData(error);
  return data === null ? null : decodeRevertData(data, ctx);
}

/**
 * The one sentence to show for any error: a decoded revert, or else the first line of the error's
 * own message (our own argument and file errors are written as sentences already).
 */
export function errorSentence(error: unknown, ctx: ErrorContext = {}): string {
  const decoded = decodeError(error, ctx);
  if (decoded !== null) return decoded.sentence;
  if (error instanceof Error) {
    const record = error as Error & { shortMessage?: unknown; reason?: unknown };
    const message =
      typeof record.reason === "string" && record.reason !== ""
        ? record.reason
        : typeof record.shortMessage === "string"
          ? record.shortMessage
          : error.message;
    const first = message.split("\n")[0].trim();
    return first === "" ? "The operation failed." : first;
  }
  return String(error);
}
