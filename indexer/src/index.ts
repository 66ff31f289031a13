/**
 * Indexing functions: each event of a program, the factory or a registry updates the rows it
 * concerns (indexer/ponder.schema.ts). Money is added and subtracted in token units exactly as the
 * contract's ledger does, so the totals can be reconciled with `summary()` (the indexer's test does).
 * Calendar times the contract emits are turned back into program-clock times (core/milestone-state.ts)
 * so a row never goes stale when a pause moves every deadline.
 */
import { ponder, type Context, type Event } from "ponder:registry";
import {
  application,
  category,
  entity,
  grant,
  milestone,
  milestoneTransition,
  movement,
  objection,
  program,
  attestation,
  fiscalYear,
  supervision,
  tierHolding,
  vote,
} from "ponder:schema";

import { and, eq, isNull } from "ponder";

import { ApplicationStatus, MilestoneState } from "../../core/enums.js";
import {
  applyFiscalEffect,
  emptyFiscalLine,
  FISCAL_EVENTS,
  fiscalEffects,
  type FiscalYearLine,
} from "../../core/fiscal.js";
import { toProgramTime } from "../../core/milestone-state.js";

type Hex = `0x${string}`;
/** Where an event happened: the columns every row carries. */
type At = { block: bigint; time: bigint; txHash: Hex };

function atOf(event: { block: { number: bigint; timestamp: bigint }; transaction: { hash: Hex } }): At {
  return { block: event.block.number, time: event.block.timestamp, txHash: event.transaction.hash };
}

/** A row id unique to one log: its transaction and position. */
function logId(event: { transaction: { hash: Hex }; log: { logIndex: number } }): string {
  return `${event.transaction.hash}-${event.log.logIndex}`;
}

const lower = (address: string) => address.toLowerCase() as Hex;

const ZERO = "0x0000000000000000000000000000000000000000" as Hex;

/** The program row of `address`, created empty if its creation events have not been seen yet. */
async function programRow(context: Context, address: Hex, at: At) {
  return context.db
    .insert(program)
    .values({
      address,
      version: 0n,
      name: "",
      admin: ZERO,
      token: ZERO,
      registry: ZERO,
      treasury: ZERO,
      pausedAt: 0n,
      pausedTotal: 0n,
      grantCount: 0n,
      funded: 0n,
      repaid: 0n,
      reserved: 0n,
      paid: 0n,
      withdrawn: 0n,
      swept: 0n,
      recoveryOutstanding: 0n,
      ...at,
    })
    .onConflictDoNothing()
    .then(async () => (await context.db.find(program, { address }))!);
}

/** The program-clock time of a calendar time the program emitted in this block. */
async function programTime(context: Context, address: Hex, calendar: bigint, now: bigint): Promise<bigint> {
  const p = await context.db.find(program, { address });
  return toProgramTime(calendar, p ?? { pausedAt: 0n, pausedTotal: 0n }, now);
}

/** Records a milestone's new stored status and the transition that made it. */
async function transition(
  context: Context,
  event: Event,
  key: { program: Hex; grantId: bigint; index: number },
  status: number,
  name: string,
  hash: Hex | null,
  extra: Partial<typeof milestone.$inferInsert> = {},
) {
  const at = atOf(event as never);
  await context.db.update(milestone, key).set({ status, ...extra, ...at });
  await context.db
    .insert(milestoneTransition)
    .values({ id: logId(event as never), ...key, event: name, status, hash, ...at });
}

async function move(
  context: Context,
  event: Event,
  row: Omit<typeof movement.$inferInsert, "id" | "block" | "time" | "txHash" | "logIndex" | "position">,
) {
  const { logIndex } = (event as unknown as { log: { logIndex: number } }).log;
  const at = atOf(event as never);
  await context.db
    .insert(movement)
    .values({ id: logId(event as never), ...row, logIndex, position: at.block * 1_000_000n + BigInt(logIndex), ...at });
}

// ----- factory and program setup -----

ponder.on("GrantProgramFactory:ProgramCreated", async ({ event, context }) => {
  const address = lower(event.args.program);
  await programRow(context, address, atOf(event));
  await context.db.update(program, { address }).set({
    version: event.args.version,
    name: event.args.name,
    admin: lower(event.args.admin),
    token: lower(event.args.token),
    registry: lower(event.args.registry),
    treasury: lower(event.args.treasury),
  });
});

ponder.on("GrantProgram:ProgramInitialized", async ({ event, context }) => {
  const address = lower(event.log.address);
  await programRow(context, address, atOf(event));
  await context.db.update(program, { address }).set({
    admin: lower(event.args.admin),
    token: lower(event.args.token),
    registry: lower(event.args.registry),
    treasury: lower(event.args.treasury),
  });
});

ponder.on("GrantProgram:CategoryAdded", async ({ event, context }) => {
  await context.db.insert(category).values({
    program: lower(event.log.address),
    categoryId: event.args.categoryId,
    mode: event.args.mode,
    amount: event.args.amount,
    maxAwards: BigInt(event.args.maxAwards),
    maxTotal: event.args.maxTotal,
    awardKey: event.args.awardKey,
    descriptionHash: event.args.descriptionHash,
    awardsMade: 0n,
    tierGroup: 0,
    tier: 0,
    supervisionPeriod: 0n,
    attestationInterval: 0n,
    ...atOf(event),
  });
});

ponder.on("GrantProgram:CategorySupervised", async ({ event, context }) => {
  await context.db
    .update(category, { program: lower(event.log.address), categoryId: event.args.categoryId })
    .set({ supervisionPeriod: BigInt(event.args.period), attestationInterval: BigInt(event.args.attestationInterval) });
});

ponder.on("GrantProgram:SupervisionStarted", async ({ event, context }) => {
  await context.db.insert(supervision).values({
    program: lower(event.log.address),
    grantId: event.args.grantId,
    startsAt: BigInt(event.args.startsAt),
    endsAt: BigInt(event.args.endsAt),
    attestations: 0,
    ...atOf(event),
  });
});

ponder.on("GrantProgram:AttestationFiled", async ({ event, context }) => {
  const address = lower(event.log.address);
  const { grantId, window, documentHash } = event.args;
  await context.db.insert(attestation).values({ program: address, grantId, window, documentHash, ...atOf(event) });
  await context.db
    .update(supervision, { program: address, grantId })
    .set((s) => ({ attestations: s.attestations + 1 }));
});

ponder.on("GrantProgram:CategoryTiered", async ({ event, context }) => {
  await context.db
    .update(category, { program: lower(event.log.address), categoryId: event.args.categoryId })
    .set({ tierGroup: event.args.tierGroup, tier: event.args.tier });
});

ponder.on("GrantProgram:TierHoldingChanged", async ({ event, context }) => {
  const row = { tiers: event.args.tiers, held: event.args.held, ...atOf(event) };
  await context.db
    .insert(tierHolding)
    .values({
      program: lower(event.log.address),
      entityNo: event.args.entityNo,
      tierGroup: event.args.tierGroup,
      ...row,
    })
    .onConflictDoUpdate(row);
});

// ----- fiscal years (programs that keep them): one rule, core/fiscal.ts -----

/** A year line's stored columns (token units), from core/fiscal.ts's line or from a stored row. */
function fiscalColumns(l: Omit<FiscalYearLine, "year">) {
  const { appropriated, carriedIn, released, committed, withdrawn, carriedOut, available, closed } = l;
  return { appropriated, carriedIn, released, committed, withdrawn, carriedOut, available, closed };
}

for (const name of FISCAL_EVENTS) {
  ponder.on(`GrantProgram:${name}`, async ({ event, context }) => {
    const address = lower(event.log.address);
    const effects = fiscalEffects({ name, values: event.args as unknown as Record<string, unknown> });
    for (const effect of effects) {
      const key = { program: address, year: Number(effect.year) };
      const stored = await context.db.find(fiscalYear, key);
      const before = stored === null ? emptyFiscalLine(effect.year) : { year: effect.year, ...fiscalColumns(stored) };
      const row = { ...fiscalColumns(applyFiscalEffect(before, effect)), ...atOf(event) };
      await context.db
        .insert(fiscalYear)
        .values({ ...key, ...row })
        .onConflictDoUpdate(row);
    }
  });
}

ponder.on("GrantProgram:ProgramPaused", async ({ event, context }) => {
  await context.db.update(program, { address: lower(event.log.address) }).set({ pausedAt: event.block.timestamp });
});

ponder.on("GrantProgram:ProgramUnpaused", async ({ event, context }) => {
  await context.db.update(program, { address: lower(event.log.address) }).set((p) => ({
    pausedTotal: p.pausedTotal + (event.block.timestamp - p.pausedAt),
    pausedAt: 0n,
  }));
});

// ----- applications and awards -----

ponder.on("GrantProgram:ApplicationSubmitted", async ({ event, context }) => {
  await context.db.insert(application).values({
    program: lower(event.log.address),
    applicationId: event.args.applicationId,
    entityNo: event.args.entityNo,
    categoryId: event.args.categoryId,
    applicationHash: event.args.applicationHash,
    status: ApplicationStatus.Open,
    ...atOf(event),
  });
});

ponder.on("GrantProgram:ApplicationDeclined", async ({ event, context }) => {
  await context.db
    .update(application, { program: lower(event.log.address), applicationId: event.args.applicationId })
    .set({ status: ApplicationStatus.Declined, reasonHash: event.args.reasonHash, ...atOf(event) });
});

ponder.on("GrantProgram:GrantAwarded", async ({ event, context }) => {
  const address = lower(event.log.address);
  const { grantId, entityNo, categoryId, amount, milestoneCount, termsHash, applicationId } = event.args;
  await context.db.insert(grant).values({
    program: address,
    grantId,
    entityNo,
    categoryId,
    amount,
    milestoneCount,
    termsHash,
    applicationId,
    paid: 0n,
    reserved: amount,
    cancelled: false,
    recoveryOrdered: 0n,
    recovered: 0n,
    ...atOf(event),
  });
  await context.db
    .update(program, { address })
    .set((p) => ({ grantCount: p.grantCount + 1n, reserved: p.reserved + amount }));
  await context.db.update(category, { program: address, categoryId }).set((c) => ({ awardsMade: c.awardsMade + 1n }));
  if (applicationId !== 0n) {
    await context.db
      .update(application, { program: address, applicationId })
      .set({ status: ApplicationStatus.Awarded, grantId, ...atOf(event) });
  }
});

ponder.on("GrantProgram:MilestoneScheduled", async ({ event, context }) => {
  const address = lower(event.log.address);
  const key = { program: address, grantId: event.args.grantId, index: event.args.index };
  const deadline = await programTime(context, address, BigInt(event.args.deadline), event.block.timestamp);
  await context.db.insert(milestone).values({
    ...key,
    amount: event.args.amount,
    descriptionHash: event.args.descriptionHash,
    status: MilestoneState.Pending,
    deadline,
    noticeEndsAt: 0n,
    round: 0,
    approvals: 0,
    rejections: 0,
    ...atOf(event),
  });
  await context.db.insert(milestoneTransition).values({
    id: logId(event),
    ...key,
    event: "MilestoneScheduled",
    status: MilestoneState.Pending,
    hash: event.args.descriptionHash,
    ...atOf(event),
  });
});

// ----- review -----

ponder.on("GrantProgram:EvidenceSubmitted", async ({ event, context }) => {
  const key = { program: lower(event.log.address), grantId: event.args.grantId, index: event.args.index };
  const m = await context.db.find(milestone, key);
  await transition(context, event, key, MilestoneState.Submitted, "EvidenceSubmitted", event.args.evidenceHash, {
    evidenceHash: event.args.evidenceHash,
    round: (m?.round ?? 0) + 1,
    approvals: 0,
    rejections: 0,
  });
});

ponder.on("GrantProgram:VoteCast", async ({ event, context }) => {
  const key = { program: lower(event.log.address), grantId: event.args.grantId, index: event.args.index };
  const m = await context.db.find(milestone, key);
  await context.db.insert(vote).values({
    id: logId(event),
    ...key,
    reviewer: lower(event.args.reviewer),
    kind: "vote",
    approve: event.args.approve,
    round: m?.round ?? 0,
    reasonHash: event.args.reasonHash,
    ...atOf(event),
  });
  await context.db
    .update(milestone, key)
    .set((row) => (event.args.approve ? { approvals: row.approvals + 1 } : { rejections: row.rejections + 1 }));
});

ponder.on("GrantProgram:ConflictDeclared", async ({ event, context }) => {
  await context.db.insert(vote).values({
    id: logId(event),
    program: lower(event.log.address),
    grantId: event.args.grantId,
    reviewer: lower(event.args.reviewer),
    kind: "recusal",
    ...atOf(event),
  });
});

ponder.on("GrantProgram:MilestoneApproved", async ({ event, context }) => {
  const address = lower(event.log.address);
  const key = { program: address, grantId: event.args.grantId, index: event.args.index };
  const noticeEndsAt = await programTime(context, address, BigInt(event.args.noticeEndsAt), event.block.timestamp);
  await transition(context, event, key, MilestoneState.InNotice, "MilestoneApproved", null, { noticeEndsAt });
});

ponder.on("GrantProgram:MilestoneRejected", async ({ event, context }) => {
  const key = { program: lower(event.log.address), grantId: event.args.grantId, index: event.args.index };
  await transition(context, event, key, MilestoneState.Rejected, "MilestoneRejected", null);
});

ponder.on("GrantProgram:DeadlineExtended", async ({ event, context }) => {
  const address = lower(event.log.address);
  const key = { program: address, grantId: event.args.grantId, index: event.args.index };
  const deadline = await programTime(context, address, BigInt(event.args.deadline), event.block.timestamp);
  await context.db.update(milestone, key).set({ deadline, ...atOf(event) });
});

// ----- notice and rulings -----

ponder.on("GrantProgram:ObjectionFiled", async ({ event, context }) => {
  const key = { program: lower(event.log.address), grantId: event.args.grantId, index: event.args.index };
  await context.db.insert(objection).values({
    id: logId(event),
    ...key,
    objector: lower(event.args.objector),
    evidenceHash: event.args.evidenceHash,
    ...atOf(event),
  });
  await transition(context, event, key, MilestoneState.Contested, "ObjectionFiled", event.args.evidenceHash);
});

ponder.on("GrantProgram:ObjectionRuled", async ({ event, context }) => {
  const key = { program: lower(event.log.address), grantId: event.args.grantId, index: event.args.index };
  // The open objection is the latest one filed on this milestone (one may be open at a time).
  const open = await context.db.sql
    .select()
    .from(objection)
    .where(
      and(
        eq(objection.program, key.program),
        eq(objection.grantId, key.grantId),
        eq(objection.index, key.index),
        isNull(objection.upheld),
      ),
    );
  for (const row of open) {
    await context.db.update(objection, { id: row.id }).set({
      upheld: event.args.upheld,
      reasonHash: event.args.reasonHash,
      ruledBlock: event.block.number,
      ruledTime: event.block.timestamp,
      ruledTxHash: event.transaction.hash,
    });
  }
  // Dismissed: back in notice. Upheld: Rejected (resubmit) or Cancelled — the MilestoneCancelled event
  // of the same transaction records the latter, so here only the resubmit outcome is set.
  const m = await context.db.find(milestone, key);
  if (m === null || m.status === MilestoneState.Cancelled) return;
  const status = event.args.upheld ? MilestoneState.Rejected : MilestoneState.InNotice;
  await transition(context, event, key, status, "ObjectionRuled", event.args.reasonHash);
});

// ----- money -----

ponder.on("GrantProgram:Funded", async ({ event, context }) => {
  const address = lower(event.log.address);
  await context.db.update(program, { address }).set((p) => ({ funded: p.funded + event.args.amount }));
  await move(context, event, {
    program: address,
    kind: "funded",
    amount: event.args.amount,
    counterparty: lower(event.args.from),
  });
});

ponder.on("GrantProgram:MilestoneClaimed", async ({ event, context }) => {
  const address = lower(event.log.address);
  const { grantId, index, amount } = event.args;
  await transition(context, event, { program: address, grantId, index }, MilestoneState.Paid, "MilestoneClaimed", null);
  await context.db
    .update(grant, { program: address, grantId })
    .set((g) => ({ paid: g.paid + amount, reserved: g.reserved - amount }));
  await context.db.update(program, { address }).set((p) => ({ paid: p.paid + amount, reserved: p.reserved - amount }));
  await move(context, event, {
    program: address,
    kind: "claimed",
    amount,
    grantId,
    index,
    counterparty: lower(event.args.wallet),
  });
});

/** A milestone's money returned to the budget (lapse or cancellation of the milestone). */
async function released(
  context: Context,
  event: Event,
  address: Hex,
  grantId: bigint,
  index: number,
  amount: bigint,
  kind: string,
) {
  await context.db.update(grant, { program: address, grantId }).set((g) => ({ reserved: g.reserved - amount }));
  await context.db.update(program, { address }).set((p) => ({ reserved: p.reserved - amount }));
  await move(context, event, { program: address, kind, amount, grantId, index });
}

ponder.on("GrantProgram:MilestoneLapsed", async ({ event, context }) => {
  const address = lower(event.log.address);
  const { grantId, index, amount } = event.args;
  await transition(
    context,
    event,
    { program: address, grantId, index },
    MilestoneState.Lapsed,
    "MilestoneLapsed",
    null,
  );
  await released(context, event, address, grantId, index, amount, "lapsed");
});

ponder.on("GrantProgram:MilestoneCancelled", async ({ event, context }) => {
  const address = lower(event.log.address);
  const { grantId, index, amount } = event.args;
  await transition(
    context,
    event,
    { program: address, grantId, index },
    MilestoneState.Cancelled,
    "MilestoneCancelled",
    null,
  );
  await released(context, event, address, grantId, index, amount, "milestone-cancelled");
});

ponder.on("GrantProgram:GrantCancelled", async ({ event, context }) => {
  const address = lower(event.log.address);
  const { grantId, released: amount, reasonHash } = event.args;
  const g = await context.db.update(grant, { program: address, grantId }).set((row) => ({
    cancelled: true,
    cancelReasonHash: reasonHash,
    reserved: row.reserved - amount,
  }));
  await context.db.update(program, { address }).set((p) => ({ reserved: p.reserved - amount }));
  // The award is undone (the category's count drops) when nothing of it was paid — not only when the key
  // is released: a level of a tier group is undone while another level keeps the group's key.
  if (g.paid === 0n) {
    await context.db
      .update(category, { program: address, categoryId: g.categoryId })
      .set((c) => ({ awardsMade: c.awardsMade - 1n }));
  }
  await move(context, event, { program: address, kind: "grant-cancelled", amount, grantId, reasonHash });
});

ponder.on("GrantProgram:RecoveryOrdered", async ({ event, context }) => {
  const address = lower(event.log.address);
  const { grantId, amount, reasonHash } = event.args;
  await context.db
    .update(grant, { program: address, grantId })
    .set((g) => ({ recoveryOrdered: g.recoveryOrdered + amount }));
  await context.db.update(program, { address }).set((p) => ({ recoveryOutstanding: p.recoveryOutstanding + amount }));
  await move(context, event, { program: address, kind: "recovery-ordered", amount, grantId, reasonHash });
});

ponder.on("GrantProgram:Repaid", async ({ event, context }) => {
  const address = lower(event.log.address);
  const { grantId, amount } = event.args;
  await context.db.update(grant, { program: address, grantId }).set((g) => ({ recovered: g.recovered + amount }));
  await context.db.update(program, { address }).set((p) => ({
    repaid: p.repaid + amount,
    recoveryOutstanding: p.recoveryOutstanding - amount,
  }));
  await move(context, event, {
    program: address,
    kind: "repaid",
    amount,
    grantId,
    counterparty: lower(event.args.payer),
  });
});

ponder.on("GrantProgram:Withdrawn", async ({ event, context }) => {
  const address = lower(event.log.address);
  await context.db.update(program, { address }).set((p) => ({ withdrawn: p.withdrawn + event.args.amount }));
  await move(context, event, {
    program: address,
    kind: "withdrawn",
    amount: event.args.amount,
    counterparty: lower(event.args.treasury),
  });
});

ponder.on("GrantProgram:SurplusSwept", async ({ event, context }) => {
  const address = lower(event.log.address);
  await context.db.update(program, { address }).set((p) => ({ swept: p.swept + event.args.amount }));
  await move(context, event, {
    program: address,
    kind: "surplus-swept",
    amount: event.args.amount,
    counterparty: lower(event.args.treasury),
  });
});

// ----- registries -----

ponder.on("EntityRegistry:EntityRegistered", async ({ event, context }) => {
  await context.db.insert(entity).values({
    registry: lower(event.log.address),
    entityNo: event.args.entityNo,
    entityId: event.args.entityId,
    kind: event.args.kind,
    wallet: lower(event.args.wallet),
    openRecoveries: 0,
    ...atOf(event),
  });
});

ponder.on("EntityRegistry:WalletChanged", async ({ event, context }) => {
  await context.db
    .update(entity, { registry: lower(event.log.address), entityNo: event.args.entityNo })
    .set({ wallet: lower(event.args.newWallet), ...atOf(event) });
});

ponder.on("EntityRegistry:EntityBarred", async ({ event, context }) => {
  await context.db
    .update(entity, { registry: lower(event.log.address), entityNo: event.args.entityNo })
    .set({ openRecoveries: event.args.openRecoveries });
});

ponder.on("EntityRegistry:BarLifted", async ({ event, context }) => {
  await context.db
    .update(entity, { registry: lower(event.log.address), entityNo: event.args.entityNo })
    .set({ openRecoveries: event.args.openRecoveries });
});
