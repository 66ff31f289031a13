/** The three views: a company's awards, the officials' console and the public notice board. */
import type { ContractTransactionReceipt, ContractTransactionResponse } from "ethers";

import type { IGrantProgram } from "../../typechain-types/index.js";
import { errorSentence } from "../../core/messages/decoder.js";
import { bundleBytes, bundleHash, type ApplicationBundle, type DocumentRef } from "../../core/documents.js";
import { ApplicationStatus, AwardMode, Compliance, enumNames, MilestoneState as State } from "../../core/enums.js";
import { reasonHash, textHash } from "../../core/ids.js";
import { formatYuan, parseYuan } from "../../core/money.js";
import { fetchLogs } from "../../core/logs.js";
import { formatTimestamp, startOfDayBeijing } from "../../core/time.js";
import { awardOptions } from "../../core/award-options.js";
import { FISCAL_YEAR_COLUMNS, readFiscalYears, yearEndWords, type FiscalYearFigures } from "../../core/fiscal.js";
import { checkDeadlines, milestoneTerms, parseSchedule } from "../../core/schedule.js";
import {
  checkVoteCounts,
  createVoteFile,
  readBallot,
  serializeVoteFile,
  signBallot,
  voteDomain,
} from "../../core/votes.js";
import { ADMIN_ROLE, type Chain, type Wallet } from "./chain.js";
import {
  pageCount,
  type ApplicationRow,
  type GrantRow,
  type LedgerRow,
  type MilestoneItem,
  type MilestoneRow,
  type ProgramEvent,
  type ProgramHeader,
  type ScanPage,
  type SortOrder,
  publicPage,
} from "./lists.js";
import type { PortalProgram } from "./config-types.js";
import { recordSheets, sheetFile } from "./exports.js";
import { applicationOpener, documentOpener, readPicked } from "./document-views.js";
import { uploadDocument } from "./documents.js";
import { currentLang, pick, t } from "./i18n.js";
import { conditionCard, lastEvent, milestoneDescriptionNode, recoveryStatus, rulesCard, timeline } from "./history.js";
import {
  countdown,
  fileCheck,
  h,
  numCell,
  pager,
  problemText,
  runTx,
  scanPager,
  showProblem,
  stateBadge,
  syncClock,
  table,
  when,
  yuan,
  yuanWithUnit,
  type ReceiptFacts,
} from "./ui.js";

export interface ViewContext {
  chain: Chain;
  wallet: Wallet | null;
  /** The program chosen in the officials' and public views. */
  program: PortalProgram;
  /** Rows per page of every list (`?pageSize=`, default 20, at most 100). */
  pageSize: number;
  /** The first order of sortable lists (`?order=oldest`, default newest first). */
  order: SortOrder;
  rerender(): void;
}

/** A program's header, its contract and the events of the items on screen: what a view renders from. */
interface Loaded extends ProgramHeader {
  meta: PortalProgram;
  contract: IGrantProgram;
  /** The events of the grants, applications and categories the page shows (not the program's history). */
  events: ProgramEvent[];
}

/** Where each numbered list is (page, order), by program and list; kept across re-renders. */
const places = new Map<string, { page: number; order: SortOrder }>();
/** The cursors of the pages of each scanned list visited so far (the last is the page shown). */
const trails = new Map<string, Array<string | null>>();

function placeOf(ctx: ViewContext, key: string): { page: number; order: SortOrder } {
  return places.get(key) ?? { page: 1, order: ctx.order };
}
function cursorOf(key: string): string | null {
  return trails.get(key)?.at(-1) ?? null;
}

/** Previous / next controls of a scanned list, and how far its scan got. */
function scanControls(
  ctx: ViewContext,
  key: string,
  testid: string,
  page: ScanPage<unknown>,
  kind: "grants" | "applications",
): HTMLElement | null {
  const trail = trails.get(key) ?? [null];
  // The chain scans and says how far it got; an indexer counts the matches.
  const searched =
    page.scanned !== null
      ? t(`scan.${kind}`, page.scanned)
      : page.total !== null
        ? t("scan.indexed", { total: page.total })
        : null;
  return scanPager(testid, { hasPrev: trail.length > 1, hasNext: page.next !== null, searched }, (step) => {
    if (step === 1 && page.next !== null) trail.push(page.next);
    if (step === -1 && trail.length > 1) trail.pop();
    trails.set(key, trail);
    ctx.rerender();
  });
}

/**
 * A check, run right before a transaction, that the grant the person acts on is still as the page
 * showed it: the grant is read again from the chain (one lens call), never taken from the page.
 */
function stillSo(ctx: ViewContext, meta: PortalProgram, grantId: bigint, holds: (now: GrantRow) => boolean) {
  return async () => {
    const now = await ctx.chain.lists.grant(meta, grantId);
    return now !== null && holds(now);
  };
}

/** Whether milestone `index` of `now` is still in `state` with the evidence the page showed. */
function sameMilestone(now: GrantRow, shown: MilestoneRow, states: number[]): boolean {
  const m = now.milestones[shown.index];
  return m !== undefined && states.includes(m.state) && m.evidenceHash === shown.evidenceHash;
}

/**
 * The published name of entity `entityNo` of `program`'s registry (numbers are per registry, so the name is
 * looked up under the program's jurisdiction): the program on screen unless another is named.
 */
function entityName(ctx: ViewContext, entityNo: bigint, program: PortalProgram = ctx.program): string {
  const names = ctx.chain.config.entities[program.jurisdiction]?.[entityNo.toString()];
  return names === undefined ? `#${entityNo}` : `${pick(names.name, names.nameZh)} (#${entityNo})`;
}
function categoryName(program: PortalProgram, id: number): string {
  const c = program.categories.find((x) => x.id === id);
  return c === undefined ? `#${id}` : pick(c.label, c.labelZh);
}
function writer(ctx: ViewContext, program: IGrantProgram): IGrantProgram {
  if (ctx.wallet === null) throw new Error(t("wallet.connectFirst"));
  return program.connect(ctx.wallet.signer);
}
async function act(
  ctx: ViewContext,
  what: string,
  send: () => Promise<ContractTransactionResponse>,
  facts: ReceiptFacts | ((receipt: ContractTransactionReceipt) => ReceiptFacts) = {},
  /** Re-reads the item from the chain; false means it changed since the page was read: nothing is sent. */
  stillValid?: () => Promise<boolean>,
  /** Files to store once the transaction that puts their hashes on chain is confirmed (in this order). */
  store?: () => { ref: DocumentRef; files: Uint8Array[] } | null,
): Promise<void> {
  if (ctx.wallet === null) return showProblem(t("wallet.connectFirst"));
  if (stillValid !== undefined && !(await stillValid())) {
    showProblem(t("stale.changed"));
    return ctx.rerender();
  }
  if ((await runTx(what, send, facts)) && store !== undefined) await storeFiles(store());
  ctx.rerender();
}

/** Uploads files to the document store, and says in the transaction list that it did (or why not). */
async function storeFiles(batch: { ref: DocumentRef; files: Uint8Array[] } | null): Promise<void> {
  if (batch === null) return;
  try {
    for (const bytes of batch.files) await uploadDocument(bytes, batch.ref);
  } catch (error) {
    return showProblem(t("doc.storeFailed", { why: problemText(error) }));
  }
  // Said on the transaction's own receipt (the newest confirmed item): the files belong to it.
  document
    .querySelector("#txs li.confirmed")
    ?.append(h("p", { "data-testid": "doc-stored" }, t("doc.stored", { n: batch.files.length })));
}

/** An account as the timeline names it: the published entity or role behind it, and the address. */
function who(ctx: ViewContext, address: string): string {
  const known = ctx.chain.config.accounts.find((a) => a.address.toLowerCase() === address.toLowerCase());
  return known === undefined ? address : `${known.label} ${address}`;
}

/** A program as a receipt names it: title and contract address. */
function programParty(meta: PortalProgram): string {
  return `${pick(meta.title, meta.titleZh)} · ${meta.address}`;
}

/** The program events `name` in a receipt, decoded (the amounts a receipt states are the chain's). */
function receiptEvents(program: IGrantProgram, receipt: ContractTransactionReceipt, name: string) {
  return receipt.logs
    .filter((log) => log.address.toLowerCase() === String(program.target).toLowerCase())
    .map((log) => program.interface.parseLog(log))
    .filter((parsed) => parsed !== null && parsed.name === name)
    .map((parsed) => parsed!.args);
}

/** Votes that count: the contract counts only active reviewers who have not recused from the grant. */
export function countedVotes(bitmap: number, active: number, grant: GrantRow): number {
  let bits = bitmap & active & ~grant.recusedReviewers;
  let n = 0;
  for (; bits !== 0; bits &= bits - 1) n++;
  return n;
}

function milestoneTable(
  chain: Chain,
  events: ProgramEvent[],
  grant: GrantRow,
  active: number,
  extra?: (m: GrantRow["milestones"][number]) => Node | null,
) {
  return table(
    [t("milestone"), t("description"), t("amount"), t("state"), t("deadline"), t("notice"), t("votes"), ""],
    grant.milestones.map((m) => [
      `#${m.index}`,
      milestoneDescriptionNode(chain, events, grant.id, m.index),
      numCell(t("amount"), yuan(m.amount)),
      stateBadge(m.state),
      when(m.deadline),
      m.noticeEndsAt === 0n ? "—" : m.state === State.InNotice ? countdown(m.noticeEndsAt) : when(m.noticeEndsAt),
      `${countedVotes(m.approvals, active, grant)} ✓ / ${countedVotes(m.rejections, active, grant)} ✗`,
      extra?.(m) ?? null,
    ]),
    { "data-testid": `milestones-${grant.id}` },
  );
}

/* ------------------------------------------------------------------ company ---------------------------------------------------------------- */

export async function companyView(ctx: ViewContext): Promise<HTMLElement> {
  const root = h("div", { "data-testid": "company-view" });
  if (ctx.wallet === null) return h("section", { class: "card" }, t("wallet.connectFirst"));
  const wallet = ctx.wallet;
  syncClock(await ctx.chain.chainTime());
  let found = false;
  for (const meta of ctx.chain.config.programs) {
    const program = ctx.chain.program(meta.address);
    const registry = await ctx.chain.registryOf(program);
    const entityNo = await registry.entityNoOfWallet(wallet.address);
    if (entityNo === 0n) continue;
    if (!found) {
      const { openRecoveries } = await registry.payoutOf(entityNo);
      root.append(
        h(
          "section",
          { class: "card", "data-testid": "entity-card" },
          h("h2", {}, `${t("company.entity")}: ${entityName(ctx, entityNo, meta)}`),
          h("p", { class: "muted addr", "data-testid": "entity-wallet" }, wallet.address),
          // The bar in a sentence (how many orders, what it stops), never a bare label.
          openRecoveries > 0n &&
            h(
              "p",
              { class: "error", "data-testid": "entity-recoveries" },
              t("company.recoveryOpen", { n: openRecoveries }),
            ),
        ),
      );
      found = true;
    }
    // The entity's awards (at most one per category) and the events of those grants only.
    const [grants, settings] = await Promise.all([ctx.chain.lists.entityAwards(meta, entityNo), program.settings()]);
    const card = h("section", { class: "card" }, h("h2", {}, pick(meta.title, meta.titleZh)));
    if (grants.length === 0) card.append(h("p", { class: "muted" }, t("company.noAwards")));
    const events = await ctx.chain.lists.history(meta, { grantIds: grants.map((g) => g.id) });
    const active = Number(settings.activeReviewers);
    for (const grant of grants) card.append(await companyGrant(ctx, meta, program, grant, active, events));
    card.append(await myApplications(ctx, meta, program, entityNo), applyForm(ctx, meta, program));
    root.append(card);
  }
  if (!found) root.append(h("section", { class: "card", "data-testid": "not-registered" }, t("company.notRegistered")));
  return root;
}

async function companyGrant(
  ctx: ViewContext,
  meta: PortalProgram,
  program: IGrantProgram,
  grant: GrantRow,
  active: number,
  events: ProgramEvent[],
) {
  const total = grant.milestones.reduce((sum, m) => sum + m.amount, 0n);
  const paid = grant.milestones.filter((m) => m.state === State.Paid).reduce((sum, m) => sum + m.amount, 0n);
  const payable = grant.milestones.filter((m) => m.state === State.Payable).map((m) => m.index);
  const box = h(
    "div",
    { "data-testid": `grant-${grant.id}` },
    h("h3", {}, `${t("grant")} ${grant.id} · ${categoryName(meta, grant.categoryId)}`),
    h(
      "p",
      {},
      `${t("awarded")}: ${yuan(total)} · ${t("paid")}: `,
      h("b", { "data-testid": `paid-${grant.id}` }, yuan(paid)),
    ),
    recoveryStatus(grant),
  );
  box.append(
    milestoneTable(ctx.chain, events, grant, active, (m) => {
      if (m.state !== State.Pending && m.state !== State.Rejected) return null;
      const input = h("input", {
        type: "file",
        "aria-label": t("company.evidence"),
        "data-testid": `evidence-file-${grant.id}-${m.index}`,
      });
      const button = h(
        "button",
        {
          type: "button",
          "data-testid": `evidence-${grant.id}-${m.index}`,
          onclick: async () => {
            const [file] = await readPicked(input.files);
            if (file === undefined) return showProblem(t("company.evidence"));
            await act(
              ctx,
              `${t("company.evidence")} · ${t("grant")} ${grant.id} #${m.index}`,
              () => writer(ctx, program).submitEvidence(grant.id, m.index, file.hash),
              { document: file.hash, payee: programParty(meta) },
              stillSo(ctx, meta, grant.id, (now) => sameMilestone(now, m, [State.Pending, State.Rejected])),
              () => ({
                ref: { program: meta.address, kind: "evidence", grantId: grant.id, index: m.index },
                files: [file.bytes],
              }),
            );
          },
        },
        t("company.evidence"),
      );
      return h("div", { class: "actions" }, input, button);
    }),
  );
  const actions = h("div", { class: "actions" });
  if (payable.length > 0) {
    const amount = grant.milestones.filter((m) => payable.includes(m.index)).reduce((s, m) => s + m.amount, 0n);
    actions.append(
      h(
        "button",
        {
          class: "primary",
          type: "button",
          "data-testid": `claim-${grant.id}`,
          onclick: () =>
            act(
              ctx,
              `${t("company.claim")} · ${t("grant")} ${grant.id} ${payable.map((i) => `#${i}`).join(" ")}`,
              () => writer(ctx, program).claim(grant.id, payable),
              // Amount and wallet as the chain paid them (MilestoneClaimed), not as the page expected.
              (receipt) => {
                const paid = receiptEvents(program, receipt, "MilestoneClaimed");
                const wallets = [...new Set(paid.map((e) => String(e.getValue("wallet"))))];
                return {
                  amount: paid.reduce((sum, e) => sum + BigInt(e.getValue("amount")), 0n),
                  payee: `${entityName(ctx, grant.entityNo, meta)} · ${wallets.join(", ")}`,
                  payer: programParty(meta),
                };
              },
              // Every milestone the button names is still payable (the amount on it is still true).
              stillSo(ctx, meta, grant.id, (now) => payable.every((i) => now.milestones[i]?.state === State.Payable)),
            ),
        },
        `${t("company.claim")} (${yuan(amount)})`,
      ),
    );
  }
  if (grant.recoveryOwed > 0n) {
    const input = h("input", {
      inputmode: "decimal",
      value: yuan(grant.recoveryOwed),
      "data-testid": `repay-amount-${grant.id}`,
    });
    actions.append(
      h(
        "span",
        { class: "error", "data-testid": `owed-${grant.id}` },
        `${t("company.recoveryOwed")}: ${yuan(grant.recoveryOwed)}`,
      ),
      input,
      h(
        "button",
        {
          type: "button",
          "data-testid": `repay-${grant.id}`,
          onclick: async () => {
            let units: bigint;
            try {
              units = parseYuan(input.value, ctx.chain.config.token.decimals);
            } catch (error) {
              return showProblem(problemText(error));
            }
            if (ctx.wallet === null) return showProblem(t("wallet.connectFirst"));
            // The amount owed as the chain holds it now, not as the page read it.
            const now = await ctx.chain.lists.grant(meta, grant.id);
            if (now === null || now.recoveryOwed === 0n) {
              showProblem(t("stale.changed"));
              return ctx.rerender();
            }
            if (units === 0n || units > now.recoveryOwed) {
              // Refuse before any approval, with the contract's own reason (nothing to undo later).
              try {
                await writer(ctx, program).repay.staticCall(grant.id, units);
              } catch (error) {
                return showProblem(errorSentence(error, { decimals: ctx.chain.config.token.decimals }, currentLang()));
              }
            }
            const token = ctx.chain.token().connect(ctx.wallet.signer);
            const allowance = t("company.approveRepay", { amount: yuanWithUnit(units) });
            // Not a payment: its receipt states no amount paid or payee, only what was allowed.
            if (!(await runTx(allowance, () => token.approve(meta.address, units)))) return;
            await act(
              ctx,
              `${t("company.repay")} · ${t("grant")} ${grant.id}`,
              () => writer(ctx, program).repay(grant.id, units),
              (receipt) => ({
                amount: receiptEvents(program, receipt, "Repaid").reduce(
                  (sum, e) => sum + BigInt(e.getValue("amount")),
                  0n,
                ),
                payer: `${entityName(ctx, grant.entityNo, meta)} · ${receipt.from}`,
                payee: programParty(meta),
              }),
            );
          },
        },
        t("company.repay"),
      ),
    );
  }
  box.append(
    actions,
    (await supervisionBox(ctx, program, grant)) ?? "",
    timeline(ctx.chain, events, grant, (a) => who(ctx, a)),
  );
  return box;
}

/**
 * A grant's supervision after payment (监管期), for the company: where it stands, "start" once the payments
 * are over, and the attestation of the current window (the document is hashed in the browser; only its
 * keccak256 goes on chain). Nothing for a category without supervision.
 */
async function supervisionBox(ctx: ViewContext, program: IGrantProgram, grant: GrantRow): Promise<HTMLElement | null> {
  const v = await program.supervisionOf(grant.id);
  const state = enumNames(Compliance)[Number(v.state)];
  if (state === "None") return null;
  const box = h(
    "div",
    { class: state === "AttestationMissed" ? "notice error" : "notice", "data-testid": `supervision-${grant.id}` },
    h("b", {}, `${t("supervision.title")}: `),
    t(`supervision.${state}`),
  );
  if (v.startsAt !== 0n) {
    box.append(
      h(
        "p",
        { class: "muted", "data-testid": `supervision-figures-${grant.id}` },
        t("supervision.figures", {
          from: formatTimestamp(v.startsAt),
          to: formatTimestamp(v.endsAt),
          filed: v.attestedCount,
          missed: v.missed,
          windows: v.windows,
        }),
      ),
    );
  }
  const stillState = async (wanted: string) =>
    enumNames(Compliance)[Number((await program.supervisionOf(grant.id)).state)] === wanted;
  if (state === "ReadyToStart") {
    box.append(
      h(
        "button",
        {
          type: "button",
          "data-testid": `supervision-start-${grant.id}`,
          onclick: () =>
            act(
              ctx,
              `${t("supervision.start")} · ${t("grant")} ${grant.id}`,
              () => writer(ctx, program).startSupervision(grant.id),
              {},
              () => stillState("ReadyToStart"),
            ),
        },
        t("supervision.start"),
      ),
    );
  }
  if ((state === "Supervising" || state === "AttestationMissed") && v.windows > 0n) {
    const input = h("input", {
      type: "file",
      "aria-label": t("supervision.attest"),
      "data-testid": `attest-file-${grant.id}`,
    });
    box.append(
      input,
      h(
        "button",
        {
          type: "button",
          "data-testid": `attest-${grant.id}`,
          onclick: async () => {
            const [file] = await readPicked(input.files);
            if (file === undefined) return showProblem(t("supervision.attest"));
            await act(
              ctx,
              `${t("supervision.attest")} · ${t("grant")} ${grant.id}`,
              () => writer(ctx, program).attest(grant.id, file.hash),
              { document: file.hash },
            );
          },
        },
        t("supervision.attest"),
      ),
    );
  }
  return box;
}

/** The entity's applications to the program (read by its entity number, an indexed field of the event). */
async function myApplications(ctx: ViewContext, meta: PortalProgram, program: IGrantProgram, entityNo: bigint) {
  const box = h("div", { "data-testid": `my-applications-${meta.key}` }, h("h3", {}, t("apps.mine")));
  // Block-chunked like every log read of the portal (core/logs.ts): hosted endpoints limit log ranges.
  const topics = await program.filters.ApplicationSubmitted(undefined, entityNo).getTopicFilter();
  const latest = await ctx.chain.reader.getBlockNumber();
  const { logs } = await fetchLogs(ctx.chain.reader, { address: meta.address, topics }, meta.fromBlock, latest);
  const submitted = logs.map((log) => program.interface.parseLog(log)!);
  if (submitted.length === 0) box.append(h("p", { class: "muted" }, t("apps.none")));
  const statuses = await Promise.all(submitted.map((e) => program.application(e.args.getValue("applicationId"))));
  const names = enumNames(ApplicationStatus);
  submitted.forEach((e, i) => {
    const id = BigInt(e.args.getValue("applicationId"));
    const hash = String(e.args.getValue("applicationHash"));
    box.append(
      h(
        "div",
        { class: "item", "data-testid": `my-application-${meta.key}-${id}` },
        h(
          "p",
          {},
          `#${id} · ${categoryName(meta, Number(e.args.getValue("categoryId")))} · ${when(statuses[i].submittedAt)} · `,
          h("b", {}, t(`apps.status.${names[Number(statuses[i].status)] ?? "None"}`)),
        ),
        h("p", {}, h("b", {}, `${t("apps.hash")}: `), h("code", { class: "hash" }, hash)),
        applicationOpener(
          () => ctx.wallet,
          hash,
          { program: meta.address, kind: "application", applicationId: id },
          `my-application-open-${id}`,
        ),
      ),
    );
  });
  return box;
}

/**
 * The application form: category, proposed schedule and documents. The bundle (core/documents.ts) is
 * hashed here, its hash sent from the company's wallet, then the bundle and the files are stored.
 */
function applyForm(ctx: ViewContext, meta: PortalProgram, program: IGrantProgram): HTMLElement {
  const category = h(
    "select",
    { "aria-label": t("apply.category"), "data-testid": `apply-category-${meta.key}` },
    ...meta.categories.map((c) => h("option", { value: String(c.id) }, pick(c.label, c.labelZh))),
  );
  const schedule = h("input", {
    placeholder: t("apply.schedule"),
    size: "40",
    "aria-label": t("apply.schedule"),
    "data-testid": `apply-schedule-${meta.key}`,
  });
  const files = h("input", {
    type: "file",
    multiple: "",
    "aria-label": t("apply.files"),
    "data-testid": `apply-files-${meta.key}`,
  });
  const submit = async () => {
    if (ctx.wallet === null) return showProblem(t("wallet.connectFirst"));
    const picked = await readPicked(files.files);
    if (picked.length === 0) return showProblem(t("apply.filesRequired"));
    let bundle: ApplicationBundle;
    try {
      const items = parseSchedule(schedule.value, ctx.chain.config.token.decimals, t("milestone"));
      checkDeadlines(items, await ctx.chain.chainTime());
      bundle = {
        chainId: ctx.chain.config.chainId,
        program: meta.address,
        categoryId: Number(category.value),
        applicant: ctx.wallet.address,
        schedule: items.map((m) => ({ amount: m.amount, deadline: m.deadline, date: m.date })),
        documents: picked.map(({ name, type, size, hash }) => ({ name, type, size, hash })),
      };
    } catch (error) {
      return showProblem(problemText(error));
    }
    const hash = bundleHash(bundle);
    let applicationId: bigint | null = null;
    await act(
      ctx,
      t("apply.what", { category: categoryName(meta, bundle.categoryId) }),
      () => writer(ctx, program).submitApplication(bundle.categoryId, hash),
      (receipt) => {
        applicationId = BigInt(receiptEvents(program, receipt, "ApplicationSubmitted")[0].getValue("applicationId"));
        return { document: hash, payee: programParty(meta) };
      },
      undefined,
      // The bundle first (its hash is the chain's), then the files it lists.
      () =>
        applicationId === null
          ? null
          : {
              ref: { program: meta.address, kind: "application", applicationId },
              files: [bundleBytes(bundle), ...picked.map((f) => f.bytes)],
            },
    );
  };
  return h(
    "div",
    { class: "apply", "data-testid": `apply-form-${meta.key}` },
    h("h3", {}, t("apply.title")),
    h("p", { class: "muted" }, t("apply.note")),
    h("label", {}, `${t("apply.category")}: `, category),
    h("div", { class: "actions" }, schedule),
    h("label", {}, `${t("apply.files")}: `, files),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        { class: "primary", type: "button", "data-testid": `apply-${meta.key}`, onclick: submit },
        t("apply.submit"),
      ),
    ),
  );
}

/* ------------------------------------------------------------------ official --------------------------------------------------------------- */

interface Roles {
  admin: boolean;
  manager: boolean;
  treasurer: boolean;
  guardian: boolean;
  reviewerSlot: number;
}

async function rolesOf(program: IGrantProgram, account: string): Promise<Roles> {
  const [manager, treasurer, guardian] = await Promise.all([
    program.MANAGER_ROLE(),
    program.TREASURER_ROLE(),
    program.GUARDIAN_ROLE(),
  ]);
  const [a, m, tr, g, slot] = await Promise.all([
    program.hasRole(ADMIN_ROLE, account),
    program.hasRole(manager, account),
    program.hasRole(treasurer, account),
    program.hasRole(guardian, account),
    program.reviewerSlot(account),
  ]);
  return { admin: a, manager: m, treasurer: tr, guardian: g, reviewerSlot: Number(slot) };
}

function budget(s: ProgramHeader): HTMLElement {
  const f = s.summary;
  const figures: Array<[string, bigint]> = [
    ["budget.funded", f.funded],
    ["budget.reserved", f.reserved],
    ["budget.paid", f.paid],
    ["budget.available", f.available],
    ["budget.withdrawn", f.withdrawn],
    ["budget.repaid", f.repaid],
    ["budget.recovery", f.recoveryOutstanding],
  ];
  return h(
    "section",
    { class: "card", "data-testid": "budget" },
    h("h2", {}, t("budget.title")),
    h(
      "div",
      { class: "figures" },
      ...figures.map(([key, value]) =>
        h("div", { class: "figure" }, t(key), h("b", { "data-testid": key }, yuan(value))),
      ),
    ),
    chart(s),
  );
}

/**
 * A horizontal bar per budget figure of `summary()` (the whole program, exact, in one read): what is
 * available, reserved for milestones, paid, withdrawn, owed back. HTML, not an SVG scaled to the
 * screen, so its text keeps the page's font size on a phone. (A breakdown by milestone state would need
 * every grant read: that is an indexer's job, not a page's.)
 */
function chart(s: ProgramHeader): HTMLElement {
  const f = s.summary;
  const rows: Array<[key: string, value: bigint, tone: string]> = [
    ["budget.available", f.available, "open"],
    ["budget.reserved", f.reserved, "payable"],
    ["budget.paid", f.paid, "paid"],
    ["budget.withdrawn", f.withdrawn, "lost"],
    ["budget.recovery", f.recoveryOutstanding, "lost"],
  ];
  const max = rows.reduce((top, [, v]) => (v > top ? v : top), 1n);
  return h(
    "figure",
    { class: "chart", "data-testid": "chart", role: "img", "aria-label": t("chart.title") },
    h("figcaption", {}, t("chart.title")),
    ...rows.map(([key, value, tone]) => {
      // Widths in tenths of a percent of the largest bar: integer arithmetic on token units.
      const permille = Number((value * 1000n) / max);
      return h(
        "div",
        { class: "chart-row", "data-figure": key },
        h("span", { class: "chart-label" }, t(key)),
        h(
          "span",
          { class: "chart-track" },
          h("span", { class: `chart-bar ${tone}`, style: `width: ${Math.max(permille / 10, 0.5)}%` }),
        ),
        h("span", { class: "chart-amount" }, yuan(value)),
      );
    }),
  );
}

function categoriesCard(s: Loaded): HTMLElement {
  return h(
    "section",
    { class: "card" },
    h("h2", {}, t("categories.title")),
    table(
      [t("category"), t("amount"), t("categories.awards"), t("categories.committed")],
      s.categories.map((c) => [
        c.tierGroup === 0
          ? categoryName(s.meta, c.id)
          : h(
              "span",
              {},
              categoryName(s.meta, c.id),
              h("br", {}),
              h("small", { class: "muted" }, t("categories.level", { group: c.tierGroup, tier: c.tier })),
            ),
        numCell(t("amount"), `${c.mode === AwardMode.Capped ? "≤ " : ""}${yuan(c.amount)}`),
        `${c.awardsMade} / ${c.maxAwards === 0 ? t("unlimited") : c.maxAwards}`,
        numCell(
          t("categories.committed"),
          `${yuan(c.committed)} / ${c.maxTotal === 0n ? t("unlimited") : yuan(c.maxTotal)}`,
        ),
      ]),
    ),
  );
}

export async function officialView(ctx: ViewContext): Promise<HTMLElement> {
  const meta = ctx.program;
  const lists = ctx.chain.lists;
  const contract = ctx.chain.program(meta.address);
  const [header, roles] = await Promise.all([
    lists.header(meta),
    ctx.wallet === null ? null : rolesOf(contract, ctx.wallet.address),
  ]);
  syncClock(header.chainTime);
  const reviewer = roles !== null && roles.reviewerSlot > 0;
  const manager = roles !== null && roles.manager;
  // Each list one page at a time (its own cursor), then the events of what those pages show, in one read.
  const page = { pageSize: ctx.pageSize };
  const [queue, contested, open] = await Promise.all([
    reviewer ? lists.reviewQueue(meta, { ...page, cursor: cursorOf(`${meta.address}:queue`) }) : null,
    manager ? lists.contested(meta, { ...page, cursor: cursorOf(`${meta.address}:rulings`) }) : null,
    // Committee members read the applications (documents included); managers also decide them.
    manager || reviewer ? lists.openApplications(meta, { ...page, cursor: cursorOf(`${meta.address}:apps`) }) : null,
  ]);
  const items = [...(queue?.rows ?? []), ...(contested?.rows ?? [])];
  const events = await lists.history(meta, {
    grantIds: [...new Set(items.map((item) => item.grant.id))],
    applicationIds: open?.rows.map((a) => a.id) ?? [],
    categoryIds: [
      ...new Set([...items.map((i) => i.grant.categoryId), ...(open?.rows ?? []).map((a) => a.categoryId)]),
    ],
  });
  const s: Loaded = { ...header, meta, contract, events };
  const root = h("div", { "data-testid": "official-view" });
  const held =
    roles === null
      ? []
      : [
          roles.admin && t("role.admin"),
          roles.manager && t("role.manager"),
          roles.treasurer && t("role.treasurer"),
          roles.guardian && t("role.guardian"),
          roles.reviewerSlot > 0 && t("role.reviewer", { slot: roles.reviewerSlot }),
        ].filter((x): x is string => typeof x === "string");
  root.append(
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("roles.title")),
      h("p", { "data-testid": "roles" }, held.length === 0 ? t("roles.none") : held.join(", ")),
    ),
  );
  root.append(budget(s), categoriesCard(s));
  if (queue !== null && roles !== null) root.append(reviewQueue(ctx, s, roles.reviewerSlot, queue));
  if (contested !== null) root.append(rulings(ctx, s, contested));
  if (open !== null) root.append(applications(ctx, s, open, manager));
  return root;
}

function reviewQueue(ctx: ViewContext, s: Loaded, slot: number, page: ScanPage<MilestoneItem>): HTMLElement {
  const bit = 1 << (slot - 1);
  const card = h("section", { class: "card", "data-testid": "review-queue" }, h("h2", {}, t("queue.title")));
  if (page.rows.length === 0) card.append(h("p", { class: "muted" }, t("queue.empty")));
  for (const { grant: g, milestone: m } of page.rows) {
    const voted = (m.approvals & bit) !== 0 || (m.rejections & bit) !== 0;
    const reason = h("input", { placeholder: t("reason"), "data-testid": `reason-${g.id}-${m.index}` });
    const vote = (approve: boolean) => () =>
      act(
        ctx,
        `${approve ? t("approve") : t("reject")} ${t("grant")} ${g.id} #${m.index}`,
        () =>
          writer(ctx, s.contract).vote(
            g.id,
            m.index,
            g.termsHash,
            m.evidenceHash,
            approve,
            reasonHash(reason.value, approve ? "approve" : "reject"),
          ),
        { document: m.evidenceHash },
        // Still under review, on the terms and evidence shown (the vote binds both).
        stillSo(ctx, s.meta, g.id, (now) => now.termsHash === g.termsHash && sameMilestone(now, m, [State.Submitted])),
      );
    const buttons = h(
      "div",
      { class: "actions" },
      voted ? h("span", { class: "muted" }, t("queue.voted")) : reason,
      !voted &&
        h(
          "button",
          { class: "primary", type: "button", "data-testid": `approve-${g.id}-${m.index}`, onclick: vote(true) },
          t("approve"),
        ),
      !voted &&
        h("button", { type: "button", "data-testid": `reject-${g.id}-${m.index}`, onclick: vote(false) }, t("reject")),
      !voted &&
        h(
          "button",
          {
            type: "button",
            "data-testid": `sign-approve-${g.id}-${m.index}`,
            onclick: () => signVote(ctx, s, g, m.index, true, reason.value),
          },
          t("sign.approve"),
        ),
      !voted &&
        h(
          "button",
          {
            type: "button",
            "data-testid": `sign-reject-${g.id}-${m.index}`,
            onclick: () => signVote(ctx, s, g, m.index, false, reason.value),
          },
          t("sign.reject"),
        ),
    );
    const submitted = lastEvent(s.events, "EvidenceSubmitted", g.id, m.index);
    card.append(
      h(
        "div",
        { class: "item", "data-testid": `queue-${g.id}-${m.index}` },
        h(
          "h3",
          {},
          `${t("grant")} ${g.id} #${m.index} · ${entityName(ctx, g.entityNo)} · ${yuan(m.amount)} · ${t("votes")} ${countedVotes(m.approvals, s.activeReviewers, g)}/${s.quorum}`,
        ),
        // What the vote decides on: the milestone as awarded, the category's condition, the evidence.
        h("p", {}, h("b", {}, `${t("description")}: `), milestoneDescriptionNode(ctx.chain, s.events, g.id, m.index)),
        conditionCard(s.meta, s.events, g.categoryId),
        evidenceBlock(m.evidenceHash, submitted, `evidence-check-${g.id}-${m.index}`, evidenceOpener(ctx, s, g.id, m)),
        buttons,
        timeline(ctx.chain, s.events, g, (a) => who(ctx, a)),
      ),
    );
  }
  card.append(scanControls(ctx, `${s.meta.address}:queue`, "queue-pager", page, "grants") ?? "");
  return card;
}

/** The button that opens a milestone's current evidence from the document store (verified on open). */
function evidenceOpener(ctx: ViewContext, s: Loaded, grantId: bigint, m: MilestoneRow): HTMLElement {
  return documentOpener(() => ctx.wallet, {
    hash: m.evidenceHash,
    ref: { program: s.meta.address, kind: "evidence", grantId, index: m.index },
    testid: `evidence-open-${grantId}-${m.index}`,
  });
}

/** A document hash with when and in which transaction it was recorded, the stored file, and the check-a-file control. */
function evidenceBlock(
  hash: string,
  recorded: ProgramEvent | undefined,
  testid: string,
  opener: HTMLElement,
): HTMLElement {
  return h(
    "div",
    { class: "evidence" },
    h(
      "p",
      {},
      h("b", {}, `${t("evidence.title")}: `),
      h("code", { class: "hash", "data-testid": `${testid}-hash` }, hash),
    ),
    recorded &&
      h(
        "p",
        { class: "muted" },
        t("evidence.submitted", { time: formatTimestamp(recorded.time) }),
        " · ",
        h("code", { class: "hash" }, t("history.tx", { hash: recorded.txHash })),
      ),
    h("p", { class: "muted" }, t("evidence.offChain")),
    opener,
    fileCheck(hash, testid),
  );
}

/** Signs the vote off chain (EIP-712) and downloads it in mg:sign-vote's file format for mg:submit-votes. */
async function signVote(
  ctx: ViewContext,
  s: Loaded,
  g: GrantRow,
  index: number,
  approve: boolean,
  reasonText: string,
): Promise<void> {
  if (ctx.wallet === null) return showProblem(t("wallet.connectFirst"));
  const reviewer = ctx.wallet.address;
  const program = s.meta.address;
  // Read round, evidence and the reviewer's slot now, together: the signature must name what the chain holds.
  const [ballot, chainTime, milestone] = await Promise.all([
    readBallot(
      s.contract,
      reviewer,
      {
        grantId: g.id,
        milestoneIndex: index,
        approve,
        reasonHash: reasonHash(reasonText, approve ? "approve" : "reject"),
        deadline: 0n,
      },
      { termsHash: g.termsHash },
    ),
    ctx.chain.chainTime(),
    s.contract.milestone(g.id, index),
  ]);
  ballot.deadline = chainTime + 24n * 3600n;
  try {
    // A vote the chain would not count (not a reviewer, not under review, already voted) is not signed.
    checkVoteCounts(milestone, ballot);
  } catch (error) {
    return showProblem(problemText(error));
  }
  const domain = voteDomain(program, ctx.chain.config.chainId);
  let vote;
  try {
    vote = await signBallot(ctx.wallet.signer, domain, ballot);
  } catch (error) {
    return showProblem((error as Error).message.split("\n")[0]);
  }
  try {
    // What the chain would refuse later (not a reviewer, already voted, wrong state…), refused now.
    await s.contract.submitSignedVotes.staticCall(g.id, index, g.termsHash, ballot.evidenceHash, [vote]);
  } catch (error) {
    return showProblem(errorSentence(error, { decimals: ctx.chain.config.token.decimals }, currentLang()));
  }
  const file = createVoteFile(ctx.chain.config.chainId, program, ballot, vote);
  const name = `vote-g${g.id}-m${index}-${reviewer.slice(2, 10).toLowerCase()}.json`;
  const link = h("a", {
    href: URL.createObjectURL(new Blob([serializeVoteFile(file)], { type: "application/json" })),
    download: name,
  });
  link.click();
  document
    .getElementById("txs")
    ?.prepend(
      h(
        "li",
        { class: "confirmed", "data-testid": "tx" },
        t("sign.saved", { decision: approve ? t("approve") : t("reject"), file: name }),
      ),
    );
}

function rulings(ctx: ViewContext, s: Loaded, page: ScanPage<MilestoneItem>): HTMLElement {
  const card = h("section", { class: "card", "data-testid": "rulings" }, h("h2", {}, t("rule.title")));
  if (page.rows.length === 0) card.append(h("p", { class: "muted" }, t("queue.empty")));
  for (const { grant: g, milestone: m } of page.rows) {
    const reason = h("input", { placeholder: t("reason"), "data-testid": `rule-reason-${g.id}-${m.index}` });
    const rule = (uphold: boolean) => () => {
      const hash = reasonHash(reason.value, uphold ? "upheld" : "dismissed");
      return act(
        ctx,
        `${uphold ? t("uphold") : t("dismiss")} ${t("grant")} ${g.id} #${m.index}`,
        () => writer(ctx, s.contract).ruleOnObjection(g.id, m.index, uphold, hash),
        { document: hash },
        stillSo(ctx, s.meta, g.id, (now) => sameMilestone(now, m, [State.Contested])),
      );
    };
    // The objection as filed: who and when (the contract's record), its document hash (the event's).
    const filed = lastEvent(s.events, "ObjectionFiled", g.id, m.index);
    const objector = filed === undefined ? "—" : String(filed.args.getValue("objector"));
    card.append(
      h(
        "div",
        { class: "item", "data-testid": `ruling-${g.id}-${m.index}` },
        h("h3", {}, `${t("grant")} ${g.id} #${m.index} · ${entityName(ctx, g.entityNo)} · ${yuan(m.amount)}`),
        h(
          "p",
          { class: "addr", "data-testid": `objection-${g.id}-${m.index}` },
          t("objection.by", { who: who(ctx, objector), time: filed === undefined ? "—" : formatTimestamp(filed.time) }),
        ),
        filed &&
          h(
            "div",
            { class: "evidence" },
            h(
              "p",
              {},
              h("b", {}, `${t("objection.document")}: `),
              h(
                "code",
                { class: "hash", "data-testid": `objection-hash-${g.id}-${m.index}` },
                String(filed.args.getValue("evidenceHash")),
              ),
            ),
            h("p", { class: "muted" }, h("code", { class: "hash" }, t("history.tx", { hash: filed.txHash }))),
            documentOpener(() => ctx.wallet, {
              hash: String(filed.args.getValue("evidenceHash")),
              ref: { program: s.meta.address, kind: "objection", grantId: g.id, index: m.index },
              name: `objection-${g.id}-${m.index}.txt`,
              type: "text/plain",
              testid: `objection-open-${g.id}-${m.index}`,
            }),
            fileCheck(String(filed.args.getValue("evidenceHash")), `objection-check-${g.id}-${m.index}`),
          ),
        h("p", {}, h("b", {}, `${t("description")}: `), milestoneDescriptionNode(ctx.chain, s.events, g.id, m.index)),
        evidenceBlock(
          m.evidenceHash,
          lastEvent(s.events, "EvidenceSubmitted", g.id, m.index),
          `ruling-evidence-${g.id}-${m.index}`,
          evidenceOpener(ctx, s, g.id, m),
        ),
        h(
          "div",
          { class: "actions" },
          reason,
          h("button", { type: "button", "data-testid": `uphold-${g.id}-${m.index}`, onclick: rule(true) }, t("uphold")),
          h(
            "button",
            { type: "button", "data-testid": `dismiss-${g.id}-${m.index}`, onclick: rule(false) },
            t("dismiss"),
          ),
        ),
        timeline(ctx.chain, s.events, g, (a) => who(ctx, a)),
      ),
    );
  }
  card.append(scanControls(ctx, `${s.meta.address}:rulings`, "rulings-pager", page, "grants") ?? "");
  return card;
}

function applications(ctx: ViewContext, s: Loaded, page: ScanPage<ApplicationRow>, decides: boolean): HTMLElement {
  const card = h("section", { class: "card", "data-testid": "applications" }, h("h2", {}, t("apps.title")));
  if (!decides) card.append(h("p", { class: "muted" }, t("apps.readOnly")));
  if (page.rows.length === 0) card.append(h("p", { class: "muted" }, t("queue.empty")));
  // Still open as the chain holds it now (not awarded or declined since the page was read).
  const stillOpen = (id: bigint) => async () =>
    Number((await s.contract.application(id)).status) === ApplicationStatus.Open;
  for (const a of page.rows) {
    const schedule = h("input", { placeholder: t("apps.milestones"), size: "40", "data-testid": `schedule-${a.id}` });
    // A category with an eligibility window ("in the year introduced") needs the date the entity qualified.
    const qualifying = h("input", { type: "date", title: t("apps.qualifying"), "data-testid": `qualifying-${a.id}` });
    const declineReason = h("input", { placeholder: t("apps.declineReason"), "data-testid": `decline-reason-${a.id}` });
    const submitted = s.events.find(
      (e) => e.name === "ApplicationSubmitted" && BigInt(e.args.getValue("applicationId")) === a.id,
    );
    const documentHash = submitted === undefined ? null : String(submitted.args.getValue("applicationHash"));
    card.append(
      h(
        "div",
        { class: "item", "data-testid": `application-${a.id}` },
        h(
          "h3",
          {},
          `#${a.id} · ${entityName(ctx, a.entityNo)} · ${categoryName(s.meta, a.categoryId)} · ${when(a.submittedAt)}`,
        ),
        conditionCard(s.meta, s.events, a.categoryId),
        documentHash !== null &&
          h(
            "div",
            { class: "evidence" },
            h(
              "p",
              {},
              h("b", {}, `${t("apps.hash")}: `),
              h("code", { class: "hash", "data-testid": `application-hash-${a.id}` }, documentHash),
            ),
            // Opening the bundle proposes its schedule in the award form (the manager may change it).
            applicationOpener(
              () => ctx.wallet,
              documentHash,
              { program: s.meta.address, kind: "application", applicationId: a.id },
              `application-open-${a.id}`,
              (bundle) => {
                if (schedule.value.trim() !== "") return;
                const decimals = ctx.chain.config.token.decimals;
                schedule.value = bundle.schedule.map((m) => `${formatYuan(m.amount, decimals)}@${m.date}`).join("; ");
              },
            ),
            fileCheck(documentHash, `application-check-${a.id}`),
          ),
        decides &&
          h(
            "div",
            { class: "actions" },
            schedule,
            h("label", {}, `${t("apps.qualifying")} `, qualifying),
            h(
              "button",
              {
                class: "primary",
                type: "button",
                "data-testid": `award-${a.id}`,
                onclick: async () => {
                  let terms;
                  let qualifyingDate = 0n;
                  try {
                    const items = parseSchedule(schedule.value, ctx.chain.config.token.decimals, t("milestone"));
                    if (qualifying.value !== "")
                      qualifyingDate = startOfDayBeijing(qualifying.value, t("apps.qualifying"));
                    // The same deadline rules as mg:award, named before the wallet is asked to sign.
                    checkDeadlines(items, await ctx.chain.chainTime());
                    terms = milestoneTerms(items);
                  } catch (error) {
                    return showProblem(problemText(error));
                  }
                  const registry = await ctx.chain.registryOf(s.contract);
                  const entityId = await registry.entityIdOf(a.entityNo);
                  await act(
                    ctx,
                    `${t("apps.award")} #${a.id}`,
                    () =>
                      qualifyingDate === 0n
                        ? writer(ctx, s.contract).award(entityId, a.categoryId, a.id, terms)
                        : writer(ctx, s.contract).awardWithOptions(
                            entityId,
                            a.categoryId,
                            a.id,
                            terms,
                            awardOptions({ qualifyingDate }),
                          ),
                    (receipt) => ({
                      amount: receiptEvents(s.contract, receipt, "GrantAwarded").reduce(
                        (sum, e) => sum + BigInt(e.getValue("amount")),
                        0n,
                      ),
                      payee: entityName(ctx, a.entityNo),
                      payer: programParty(s.meta),
                    }),
                    stillOpen(a.id),
                  );
                },
              },
              t("apps.award"),
            ),
          ),
        decides &&
          h(
            "div",
            { class: "actions" },
            declineReason,
            h(
              "button",
              {
                type: "button",
                "data-testid": `decline-${a.id}`,
                onclick: () => {
                  // A decline is a decision the applicant is owed a reason for: none, no transaction.
                  const text = declineReason.value.trim();
                  if (text === "") return showProblem(t("apps.reasonRequired"));
                  return act(
                    ctx,
                    `${t("apps.decline")} #${a.id}`,
                    () => writer(ctx, s.contract).declineApplication(a.id, reasonHash(text, "declined")),
                    { document: reasonHash(text, "declined") },
                    stillOpen(a.id),
                  );
                },
              },
              t("apps.decline"),
            ),
          ),
      ),
    );
  }
  card.append(scanControls(ctx, `${s.meta.address}:apps`, "apps-pager", page, "applications") ?? "");
  return card;
}

/* ------------------------------------------------------------------ public ----------------------------------------------------------------- */

export async function publicView(ctx: ViewContext): Promise<HTMLElement> {
  const meta = ctx.program;
  const lists = ctx.chain.lists;
  const awardsKey = `${meta.address}:awards`;
  const place = placeOf(ctx, awardsKey);
  const {
    header,
    notices,
    awards: awardsPage,
    ledger: ledgerPage,
    events,
  } = await publicPage(lists, meta, {
    pageSize: ctx.pageSize,
    awards: { page: place.page, order: place.order },
    noticesCursor: cursorOf(`${meta.address}:notices`),
    ledgerCursor: cursorOf(`${meta.address}:ledger`),
  });
  const s: Loaded = { ...header, meta, contract: ctx.chain.program(meta.address), events };
  syncClock(s.chainTime);
  const root = h("div", { "data-testid": "public-view" });
  const open = h("section", { class: "card notice", "data-testid": "open-notices" }, h("h2", {}, t("public.open")));
  if (notices.rows.length === 0) open.append(h("p", {}, t("public.none")));
  for (const { grant: g, milestone: m } of notices.rows) {
    const text = h("textarea", {
      rows: "2",
      cols: "40",
      placeholder: t("public.objectionText"),
      "data-testid": `objection-text-${g.id}-${m.index}`,
    });
    open.append(
      h(
        "div",
        { class: "actions", "data-testid": `notice-${g.id}-${m.index}` },
        h(
          "span",
          {},
          `${t("grant")} ${g.id} #${m.index} · ${entityName(ctx, g.entityNo)} · ${categoryName(s.meta, g.categoryId)} · ${yuan(m.amount)} · `,
          countdown(m.noticeEndsAt),
        ),
        text,
        h(
          "button",
          {
            type: "button",
            "data-testid": `object-${g.id}-${m.index}`,
            onclick: () => {
              const body = text.value.trim();
              if (body === "") return showProblem(t("public.objectionText"));
              return act(
                ctx,
                `${t("public.object")}: ${t("grant")} ${g.id} #${m.index}`,
                () => writer(ctx, s.contract).object(g.id, m.index, textHash(body)),
                { document: textHash(body) },
                // Still in its notice window: an objection after it would be refused anyway.
                stillSo(ctx, meta, g.id, (now) => sameMilestone(now, m, [State.InNotice])),
                // The text as a file (its document hash is textHash(body)), for the manager who rules.
                () => ({
                  ref: { program: meta.address, kind: "objection", grantId: g.id, index: m.index },
                  files: [new TextEncoder().encode(body)],
                }),
              );
            },
          },
          t("public.object"),
        ),
      ),
    );
  }
  open.append(scanControls(ctx, `${meta.address}:notices`, "notices-pager", notices, "grants") ?? "");
  root.append(open, budget(s));
  const fiscal = await fiscalYearsCard(s.contract, s.chainTime);
  if (fiscal !== null) root.append(fiscal);
  const awards = h("section", { class: "card", "data-testid": "awards" }, h("h2", {}, t("public.awards")));
  const controls = () =>
    pager(
      "awards-pager",
      {
        page: place.page,
        pages: pageCount(awardsPage.total, ctx.pageSize),
        total: awardsPage.total,
        order: place.order,
      },
      (change) => {
        places.set(awardsKey, { page: change.page ?? place.page, order: change.order ?? place.order });
        ctx.rerender();
      },
    );
  awards.append(controls());
  for (const g of awardsPage.rows) {
    awards.append(
      h(
        "div",
        { class: "item", "data-testid": `award-card-${g.id}` },
        h(
          "h3",
          {},
          `${t("grant")} ${g.id} · ${entityName(ctx, g.entityNo)} · ${categoryName(s.meta, g.categoryId)}${g.cancelled ? ` · ${t("state.Cancelled")}` : ""}`,
        ),
        // A recovered grant is shown as recovered, beside milestones that still read "paid".
        recoveryStatus(g),
        milestoneTable(ctx.chain, s.events, g, s.activeReviewers),
        timeline(ctx.chain, s.events, g, (a) => who(ctx, a)),
      ),
    );
  }
  // The hashes are in the program's code (fixed at creation): two reads, whatever the program's size.
  const [programFileHash, policyTextHash] = await Promise.all([
    s.contract.programFileHash(),
    s.contract.policyTextHash(),
  ]);
  root.append(
    awards,
    ledgerCard(ctx, meta, ledgerPage),
    rulesCard(meta, { programFileHash, policyTextHash }),
    exportCard(ctx, meta, fiscal !== null),
  );
  return root;
}

/**
 * The budget by fiscal year (预算年度) of a program that keeps one, each year's line as the contract keeps
 * it (`fiscalYear(y)` for every year from the first appropriated to ten ahead: reads grow with the program's
 * age, never its size), in the columns the tasks print (core/fiscal.ts). Null for a program with one
 * undated budget.
 */
async function fiscalYearsCard(contract: IGrantProgram, chainTime: bigint): Promise<HTMLElement | null> {
  const fiscal = await readFiscalYears(contract, chainTime);
  if (fiscal === null) return null;
  const rule = yearEndWords(fiscal.yearEnd);
  const card = h(
    "section",
    { class: "card", "data-testid": "fiscal-years" },
    h("h2", {}, t("fiscal.title")),
    h("p", { class: "muted" }, t("fiscal.note", { year: fiscal.current, rule: pick(rule.en, rule.zh) })),
  );
  const c = FISCAL_YEAR_COLUMNS;
  const amountColumns = [c.appropriated, c.carriedIn, c.released, c.committed, c.withdrawn, c.carriedOut, c.available];
  const headers = [pick(c.year.en, c.year.zh), t("fiscal.status"), ...amountColumns.map((col) => pick(col.en, col.zh))];
  // An ended year that is not closed yet takes no award or withdrawal: it waits for the treasurer's close.
  const status = (y: FiscalYearFigures) =>
    y.closed
      ? t("fiscal.closed")
      : y.year === fiscal.current
        ? t("fiscal.current")
        : y.year < fiscal.current
          ? t("fiscal.ended")
          : t("fiscal.open");
  const amounts = (y: FiscalYearFigures) =>
    [y.appropriated, y.carriedIn, y.released, y.committed, y.withdrawn, y.carriedOut, y.available].map((v, i) =>
      numCell(headers[i + 2], yuan(v)),
    );
  const rows = fiscal.years.map((y) => [String(y.year), status(y), ...amounts(y)]);
  const body = table(headers, rows, { "data-testid": "fiscal-year-rows" });
  fiscal.years.forEach((y, i) => body.tBodies[0].rows[i].setAttribute("data-testid", `fiscal-year-${y.year}`));
  card.append(body);
  return card;
}

/** The ledger history, newest first, a page at a time: every movement of money in or out, and recovery orders. */
/** Buttons that download the program's public record as mg:export writes it (CSV, one file a sheet). */
function exportCard(ctx: ViewContext, meta: PortalProgram, fiscalYears: boolean): HTMLElement {
  const card = h("section", { class: "card", "data-testid": "exports" }, h("h2", {}, t("export.title")));
  card.append(h("p", { class: "muted" }, t("export.note")));
  const buttons = h("div", { class: "actions" });
  const keys = ["register", "milestones", "ledger", ...(fiscalYears ? (["fiscal-years"] as const) : [])] as const;
  for (const key of keys) {
    const button = h(
      "button",
      {
        type: "button",
        "data-testid": `export-${key}`,
        onclick: async () => {
          button.disabled = true;
          try {
            const sheets = await recordSheets(ctx.chain.lists, ctx.chain.config, meta);
            const file = sheetFile(
              meta,
              sheets.find((sheet) => sheet.key === key)!,
            );
            const link = h("a", {
              href: URL.createObjectURL(new Blob([file.text], { type: "text/csv;charset=utf-8" })),
              download: file.name,
            });
            link.click();
          } finally {
            button.disabled = false;
          }
        },
      },
      t(`export.${key}`),
    );
    buttons.append(button);
  }
  card.append(buttons);
  return card;
}

function ledgerCard(ctx: ViewContext, meta: PortalProgram, page: ScanPage<LedgerRow>): HTMLElement {
  const card = h("section", { class: "card", "data-testid": "ledger" }, h("h2", {}, t("ledger.title")));
  if (page.rows.length === 0) card.append(h("p", { class: "muted" }, t("ledger.none")));
  else
    card.append(
      table(
        [t("ledger.time"), t("ledger.what"), t("amount"), t("ledger.account"), t("ledger.tx")],
        page.rows.map((row) => [
          formatTimestamp(row.time),
          t(`ledger.${row.kind}`, { grant: row.grantId ?? "", i: row.index ?? "" }),
          numCell(t("amount"), yuan(row.amount)),
          row.account === null ? "—" : h("span", { class: "addr" }, who(ctx, row.account)),
          h("code", { class: "hash" }, row.txHash),
        ]),
        { "data-testid": "ledger-rows" },
      ),
    );
  card.append(scanControls(ctx, `${meta.address}:ledger`, "ledger-pager", page, "grants") ?? "");
  return card;
}
