/**
 * Option groups shared by the `mg:*` task declarations: each takes a task builder and returns it with
 * the group's options added, typed, so no declaration repeats the chain (and each action's argument
 * type is checked against its declaration).
 *
 * Typed where Hardhat parses the value (INT, BIGINT, FILE, flags); amounts stay yuan strings
 * ("5,000,000.00", parsed exactly by core/money.ts) and dates stay YYYY-MM-DD strings. Account
 * references (--from and the role options) stay strings: an account index or an address.
 */
import { ArgumentType } from "hardhat/types/arguments";
import type { NewTaskDefinitionBuilder, TaskArguments } from "hardhat/types/tasks";

/** An optional string option: `undefined` when not given (the action says what is missing). */
export const OPTIONAL = { type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined } as const;
/** An optional file path option (not resolved: relative paths stay relative, as operators wrote them). */
export const OPTIONAL_FILE = { type: ArgumentType.FILE_WITHOUT_DEFAULT, defaultValue: undefined } as const;

/** Rows of a listed page (mg:status) when --page-size is not given. */
export const DEFAULT_PAGE_SIZE = 50;

type Builder<A extends TaskArguments> = NewTaskDefinitionBuilder<A>;

/** --from (account index or address among the network's signers) and --json: every task takes them. */
export function withSigner<A extends TaskArguments>(builder: Builder<A>) {
  return builder
    .addOption({ name: "from", description: "Signer: account index or address", defaultValue: "0" })
    .addFlag({ name: "json", description: "Print machine-readable JSON instead of the summary" });
}

/** --program: a program of the address book by name or address (may be omitted when only one is recorded). */
export function withProgram<A extends TaskArguments>(builder: Builder<A>) {
  return builder.addOption({
    name: "program",
    description: "Program name in the address book, or its address",
    ...OPTIONAL,
  });
}

/** --program and --grant. */
export function withGrant<A extends TaskArguments>(builder: Builder<A>) {
  return withProgram(builder).addOption({ name: "grant", description: "Grant id", ...OPTIONAL });
}

/** --program, --grant and --milestone (an INT, 0-based). */
export function withGrantMilestone<A extends TaskArguments>(builder: Builder<A>) {
  return withGrant(builder).addOption({
    name: "milestone",
    description: "Milestone index (0-based)",
    type: ArgumentType.INT,
    defaultValue: 0,
  });
}

/** --jurisdiction: a registry of the address book (may be omitted when only one is recorded). */
export function withJurisdiction<A extends TaskArguments>(builder: Builder<A>) {
  return builder.addOption({
    name: "jurisdiction",
    description: "Registry name (default: the only one)",
    ...OPTIONAL,
  });
}

/** An entity of a registry, named by exactly one of --uscc, --entity-no or --entity-id. */
export function withEntity<A extends TaskArguments>(builder: Builder<A>) {
  return builder
    .addOption({ name: "uscc", description: "Entity: company's unified social credit code", ...OPTIONAL })
    .addOption({ name: "entityNo", description: "Entity: registry number", ...OPTIONAL })
    .addOption({ name: "entityId", description: "Entity: registry id (0x…)", ...OPTIONAL });
}

/** --category: a category key from the program file, or its number. */
export function withCategory<A extends TaskArguments>(builder: Builder<A>) {
  return builder.addOption({
    name: "category",
    description: "Category key from the program file (or its id)",
    ...OPTIONAL,
  });
}

/** A document as --file (hashed here) or --hash (already computed), exactly one. */
export function withDocument<A extends TaskArguments>(
  builder: Builder<A>,
  descriptions: { file: string; hash: string },
) {
  return builder
    .addOption({ name: "file", description: descriptions.file, ...OPTIONAL_FILE })
    .addOption({ name: "hash", description: descriptions.hash, ...OPTIONAL });
}

/** --reason: text (its hash goes on chain) or a 0x hash. */
export function withReason<A extends TaskArguments>(builder: Builder<A>) {
  return builder.addOption({
    name: "reason",
    description: "Reason text (its hash goes on chain) or a 0x hash",
    ...OPTIONAL,
  });
}

/** --article: the article of the program's policy text a decision applies (written into its reason). */
export function withArticle<A extends TaskArguments>(builder: Builder<A>) {
  return builder.addOption({
    name: "article",
    description: "The policy article the decision applies, as the program file names it (cited in the reason)",
    ...OPTIONAL,
  });
}

/** A reviewer's vote: --decision, --reason and --evidence (default: the milestone's current evidence). */
export function withVote<A extends TaskArguments>(builder: Builder<A>) {
  const decided = builder.addOption({ name: "decision", description: "approve or reject", ...OPTIONAL });
  return withReason(decided).addOption({
    name: "evidence",
    description: "Evidence reviewed: file or 0x hash (default: the current one)",
    ...OPTIONAL,
  });
}

/**
 * --via-safe, --via-timelock, --proposal: write a Safe proposal file instead of sending
 * (tasks/runtime/governed.ts); --from must be an owner of the Safe.
 */
export function withGovernance<A extends TaskArguments>(builder: Builder<A>) {
  return builder
    .addOption({
      name: "viaSafe",
      description: "Propose through this Safe instead of sending (address, or bureau/treasurer/guardian)",
      ...OPTIONAL,
    })
    .addOption({
      name: "viaTimelock",
      description: "With --via-safe: schedule the call on this timelock (address, or timelock)",
      ...OPTIONAL,
    })
    .addOption({ name: "proposal", description: "With --via-safe: the proposal file to write", ...OPTIONAL });
}
