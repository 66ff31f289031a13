/**
 * The indexer's tables: what the programs and registries of one deployment have done, one row per
 * thing a list shows. Ids only, never personal data: an entity is its registry number and the hash
 * of its identity number, exactly as the chain holds them. Amounts are token units (bigint, never
 * floating point); times are unix seconds; every row names the block, its time and the transaction.
 *
 * Milestone deadlines and notice ends are kept on the program's clock (calendar time minus the seconds
 * spent paused, as the contract keeps them); core/milestone-state.ts turns them into the state the
 * contract's `milestoneState` reports at any moment, so no state is stored that time alone changes.
 */
import { index, onchainTable, primaryKey } from "ponder";

/** The column builders Ponder hands to a table's definition. */
type Columns = Parameters<Extract<Parameters<typeof onchainTable>[1], (...args: never[]) => unknown>>[0];

/** Where and when a row's fact happened. */
const at = (t: Columns) => ({
  block: t.bigint().notNull(),
  time: t.bigint().notNull(),
  txHash: t.hex().notNull(),
});

/** A program created by the factory, with its ledger kept from its events (token units). */
export const program = onchainTable("program", (t) => ({
  address: t.hex().primaryKey(),
  version: t.bigint().notNull(),
  name: t.text().notNull(),
  admin: t.hex().notNull(),
  token: t.hex().notNull(),
  registry: t.hex().notNull(),
  treasury: t.hex().notNull(),
  /** Start of the running pause (0 when running), calendar seconds. */
  pausedAt: t.bigint().notNull(),
  /** Seconds spent in earlier pauses: the program's clock is calendar time minus this (and a running pause). */
  pausedTotal: t.bigint().notNull(),
  grantCount: t.bigint().notNull(),
  funded: t.bigint().notNull(),
  repaid: t.bigint().notNull(),
  reserved: t.bigint().notNull(),
  paid: t.bigint().notNull(),
  withdrawn: t.bigint().notNull(),
  swept: t.bigint().notNull(),
  recoveryOutstanding: t.bigint().notNull(),
  ...at(t),
}));

/** A category of a program, as CategoryAdded declared it, with its award count kept from events. */
export const category = onchainTable(
  "category",
  (t) => ({
    program: t.hex().notNull(),
    categoryId: t.integer().notNull(),
    mode: t.integer().notNull(),
    amount: t.bigint().notNull(),
    maxAwards: t.bigint().notNull(),
    maxTotal: t.bigint().notNull(),
    awardKey: t.hex().notNull(),
    descriptionHash: t.hex().notNull(),
    awardsMade: t.bigint().notNull(),
    /** The program's tier group this category is a level of (0: none; set by CategoryTiered). */
    tierGroup: t.integer().notNull(),
    /** The level in the tier group, 1 (lowest) to 16; 0 without a group. */
    tier: t.integer().notNull(),
    /** Supervision after payment (set by CategorySupervised): period and attestation interval, seconds; 0: none. */
    supervisionPeriod: t.bigint().notNull(),
    attestationInterval: t.bigint().notNull(),
    ...at(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.program, table.categoryId] }) }),
);

/**
 * What an entity holds in a tier group of a program (晋级补差), as the last TierHoldingChanged said: the
 * levels held (bit t - 1 for level t) and what it keeps there in token units; a higher level is awarded
 * for its amount less `held`. The block columns are those of the last change.
 */
export const tierHolding = onchainTable(
  "tier_holding",
  (t) => ({
    program: t.hex().notNull(),
    entityNo: t.bigint().notNull(),
    tierGroup: t.integer().notNull(),
    tiers: t.integer().notNull(),
    held: t.bigint().notNull(),
    ...at(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.program, table.entityNo, table.tierGroup] }) }),
);

/**
 * A grant's supervision after payment (监管期), from SupervisionStarted: the period in calendar seconds as the
 * event stated it (a later pause moves the chain's end; `supervisionOf` is the authority for the state).
 */
export const supervision = onchainTable(
  "supervision",
  (t) => ({
    program: t.hex().notNull(),
    grantId: t.bigint().notNull(),
    startsAt: t.bigint().notNull(),
    endsAt: t.bigint().notNull(),
    /** Attestations filed so far (one per window). */
    attestations: t.integer().notNull(),
    ...at(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.program, table.grantId] }) }),
);

/**
 * One fiscal year's budget line (预算年度) of a program that keeps fiscal years, rebuilt from its events by
 * core/fiscal.ts's `fiscalEffects` (the rule mg:report and mg:export use); token units. `available` is
 * appropriated + carriedIn + released − committed − withdrawn − carriedOut; `fiscalYear(y)` on chain is
 * the authority (the indexer's check compares every row with it). Sums are exact: the chain keeps its
 * counters modulo 2^128, so the two differ only past 2^128 token units through one year (as for the ledger).
 */
export const fiscalYear = onchainTable(
  "fiscal_year",
  (t) => ({
    program: t.hex().notNull(),
    year: t.integer().notNull(),
    appropriated: t.bigint().notNull(),
    carriedIn: t.bigint().notNull(),
    released: t.bigint().notNull(),
    committed: t.bigint().notNull(),
    /** Withdrawals from the year, and the rest returned to the treasury at a close that returns it. */
    withdrawn: t.bigint().notNull(),
    carriedOut: t.bigint().notNull(),
    available: t.bigint().notNull(),
    closed: t.boolean().notNull(),
    ...at(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.program, table.year] }) }),
);

/** A compliance attestation filed by a grantee's wallet in one supervision window. */
export const attestation = onchainTable(
  "attestation",
  (t) => ({
    program: t.hex().notNull(),
    grantId: t.bigint().notNull(),
    /** The window, 1-based. */
    window: t.integer().notNull(),
    documentHash: t.hex().notNull(),
    ...at(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.program, table.grantId, table.window] }) }),
);

/** A registered entity: registry number, identity-number hash, kind and current payout wallet. */
export const entity = onchainTable(
  "entity",
  (t) => ({
    registry: t.hex().notNull(),
    entityNo: t.bigint().notNull(),
    entityId: t.hex().notNull(),
    kind: t.integer().notNull(),
    wallet: t.hex().notNull(),
    /** Open recovery orders barring the entity from new awards (EntityBarred / BarLifted). */
    openRecoveries: t.integer().notNull(),
    ...at(t),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.registry, table.entityNo] }),
    walletIdx: index().on(table.wallet),
  }),
);

/** A grant (an award), its totals and its end, if any. */
export const grant = onchainTable(
  "grant",
  (t) => ({
    program: t.hex().notNull(),
    grantId: t.bigint().notNull(),
    entityNo: t.bigint().notNull(),
    categoryId: t.integer().notNull(),
    amount: t.bigint().notNull(),
    milestoneCount: t.integer().notNull(),
    termsHash: t.hex().notNull(),
    applicationId: t.bigint().notNull(),
    paid: t.bigint().notNull(),
    reserved: t.bigint().notNull(),
    cancelled: t.boolean().notNull(),
    cancelReasonHash: t.hex(),
    recoveryOrdered: t.bigint().notNull(),
    recovered: t.bigint().notNull(),
    ...at(t),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.program, table.grantId] }),
    entityIdx: index().on(table.program, table.entityNo),
    timeIdx: index().on(table.program, table.time),
  }),
);

/** A milestone's current stored status (MilestoneState values), its times on the program's clock and votes. */
export const milestone = onchainTable(
  "milestone",
  (t) => ({
    program: t.hex().notNull(),
    grantId: t.bigint().notNull(),
    index: t.integer().notNull(),
    amount: t.bigint().notNull(),
    descriptionHash: t.hex().notNull(),
    status: t.integer().notNull(),
    /** Approval deadline, program clock seconds. */
    deadline: t.bigint().notNull(),
    /** End of the public notice window, program clock seconds (0 before approval). */
    noticeEndsAt: t.bigint().notNull(),
    evidenceHash: t.hex(),
    /** Review rounds so far: each evidence submission opens one. */
    round: t.integer().notNull(),
    /** Votes for and against in the current round. */
    approvals: t.integer().notNull(),
    rejections: t.integer().notNull(),
    ...at(t),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.program, table.grantId, table.index] }),
    statusIdx: index().on(table.program, table.status),
  }),
);

/** Every change of a milestone's stored status, in chain order: its state history. */
export const milestoneTransition = onchainTable(
  "milestone_transition",
  (t) => ({
    id: t.text().primaryKey(),
    program: t.hex().notNull(),
    grantId: t.bigint().notNull(),
    index: t.integer().notNull(),
    /** The event that made the change (MilestoneScheduled, EvidenceSubmitted, MilestoneApproved, …). */
    event: t.text().notNull(),
    status: t.integer().notNull(),
    /** The document or reason hash the event carried, if any. */
    hash: t.hex(),
    ...at(t),
  }),
  (table) => ({ grantIdx: index().on(table.program, table.grantId, table.index) }),
);

/** A reviewer's vote, or a recusal (kind "recusal", no milestone). */
export const vote = onchainTable(
  "vote",
  (t) => ({
    id: t.text().primaryKey(),
    program: t.hex().notNull(),
    grantId: t.bigint().notNull(),
    index: t.integer(),
    reviewer: t.hex().notNull(),
    kind: t.text().notNull(),
    approve: t.boolean(),
    round: t.integer(),
    reasonHash: t.hex(),
    ...at(t),
  }),
  (table) => ({
    grantIdx: index().on(table.program, table.grantId),
    reviewerIdx: index().on(table.reviewer),
  }),
);

/** An objection filed during a notice window, and its ruling once made. */
export const objection = onchainTable(
  "objection",
  (t) => ({
    id: t.text().primaryKey(),
    program: t.hex().notNull(),
    grantId: t.bigint().notNull(),
    index: t.integer().notNull(),
    objector: t.hex().notNull(),
    evidenceHash: t.hex().notNull(),
    upheld: t.boolean(),
    reasonHash: t.hex(),
    ruledBlock: t.bigint(),
    ruledTime: t.bigint(),
    ruledTxHash: t.hex(),
    ...at(t),
  }),
  (table) => ({ grantIdx: index().on(table.program, table.grantId, table.index) }),
);

/**
 * Money in and out of a program's budget, one row per movement: funding, claim, lapse, milestone or
 * grant cancellation (money back to the budget), recovery order, repayment, withdrawal, surplus sweep.
 */
export const movement = onchainTable(
  "movement",
  (t) => ({
    id: t.text().primaryKey(),
    program: t.hex().notNull(),
    kind: t.text().notNull(),
    amount: t.bigint().notNull(),
    grantId: t.bigint(),
    index: t.integer(),
    /** The other party: the funder, the payee wallet, the repayer or the treasury. */
    counterparty: t.hex(),
    reasonHash: t.hex(),
    logIndex: t.integer().notNull(),
    /** Chain order: block × 1,000,000 + log index, so a list can page newest first. */
    position: t.bigint().notNull(),
    ...at(t),
  }),
  (table) => ({
    programIdx: index().on(table.program, table.position),
    grantIdx: index().on(table.program, table.grantId),
  }),
);

/** An application to a category, and what became of it. */
export const application = onchainTable(
  "application",
  (t) => ({
    program: t.hex().notNull(),
    applicationId: t.bigint().notNull(),
    entityNo: t.bigint().notNull(),
    categoryId: t.integer().notNull(),
    applicationHash: t.hex().notNull(),
    /** ApplicationStatus value (Open, Awarded, Declined). */
    status: t.integer().notNull(),
    grantId: t.bigint(),
    reasonHash: t.hex(),
    ...at(t),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.program, table.applicationId] }) }),
);
