/** DOM helpers, formatting and the transaction status list. No framework: a view is a function returning nodes. */
import type { ContractTransactionReceipt, ContractTransactionResponse } from "ethers";

import { milestoneStateName } from "../../core/enums.js";
import { documentHash } from "../../core/documents.js";
import { errorSentence } from "../../core/messages/decoder.js";
import { countdownText, formatBeijing } from "../../core/messages/labels.js";
import { formatYuan } from "../../core/money.js";
import { formatTimestamp } from "../../core/time.js";
import { currentLang, t } from "./i18n.js";

type Child = Node | string | null | undefined | false;

/** Creates an element: h("td", { class: "num", "data-testid": "x" }, child, …). Text is never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | ((event: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value);
    else el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

/** A table with headers; each row's cells get the header as data-label (shown on narrow screens). */
export function table(headers: string[], rows: Child[][], attrs: Record<string, string> = {}): HTMLTableElement {
  return h(
    "table",
    attrs,
    h("thead", {}, h("tr", {}, ...headers.map((label) => h("th", {}, label)))),
    h(
      "tbody",
      {},
      ...rows.map((cells) =>
        h(
          "tr",
          {},
          ...cells.map((cell, i) =>
            cell instanceof HTMLTableCellElement
              ? cell
              : // A column without a header (actions) gets no label, so phones show no stray ": ".
                h("td", headers[i] === "" ? {} : { "data-label": headers[i] }, cell),
          ),
        ),
      ),
    ),
  );
}

export function numCell(label: string, text: string): HTMLTableCellElement {
  return h("td", { class: "num", "data-label": label }, text);
}

let decimals = 2;
export function setDecimals(value: number): void {
  decimals = value;
}
export function yuan(units: bigint): string {
  return formatYuan(units, decimals);
}
/** An amount with its unit, as a voucher writes it: "3,000,000.00 元". */
export function yuanWithUnit(units: bigint): string {
  return `${formatYuan(units, decimals)} ${t("yuanUnit")}`;
}
export function when(seconds: bigint): string {
  return seconds === 0n ? "—" : formatBeijing(seconds, currentLang());
}

export function stateBadge(state: number): HTMLSpanElement {
  const name = milestoneStateName(state);
  return h("span", { class: `state state-${name}`, "data-state": String(state) }, t(`state.${name}`));
}

/** Chain time minus wall-clock time, so countdowns follow the chain (a local node may run ahead). */
let clockOffset = 0;
export function syncClock(chainTime: bigint): void {
  clockOffset = Number(chainTime) - Math.floor(Date.now() / 1000);
}
function remaining(endsAt: number): string {
  return countdownText(endsAt - (Math.floor(Date.now() / 1000) + clockOffset), currentLang());
}
/** A live countdown to `endsAt` (unix seconds), refreshed every second by tickCountdowns. */
export function countdown(endsAt: bigint): HTMLSpanElement {
  return h("span", { class: "countdown", "data-ends": endsAt.toString() }, remaining(Number(endsAt)));
}
setInterval(() => {
  for (const el of document.querySelectorAll<HTMLElement>("[data-ends]"))
    el.textContent = remaining(Number(el.dataset.ends));
}, 1000);

/** Reads a file in the browser and returns keccak256 of its bytes (the same hash mg:evidence computes). */
export async function hashFile(file: File): Promise<string> {
  return documentHash(new Uint8Array(await file.arrayBuffer()));
}

/**
 * "Check a file against this hash": the user picks a local file, it is hashed here with the same
 * function as mg:evidence (hashFile → core/documents.ts documentHash) and the page says whether it matches. The file
 * never leaves the machine.
 */
export function fileCheck(expected: string, testid: string): HTMLElement {
  const result = h("span", { class: "check-result", "data-testid": `${testid}-result`, role: "status" });
  const input = h("input", { type: "file", "aria-label": t("check.label"), "data-testid": testid });
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (file === undefined) return result.replaceChildren();
    const hash = await hashFile(file);
    const match = hash.toLowerCase() === expected.toLowerCase();
    result.className = `check-result ${match ? "match" : "mismatch"}`;
    result.dataset.match = String(match);
    result.textContent = match ? t("check.match", { hash }) : t("check.mismatch", { hash, expected });
  });
  return h("label", { class: "check" }, h("span", { class: "muted" }, t("check.label")), input, result);
}

/** What a receipt says beyond the chain's own facts: the amount and the parties, for an accounting voucher. */
export interface ReceiptFacts {
  amount?: bigint;
  payee?: string;
  payer?: string;
  document?: string;
}

/**
 * A receipt good for an accounting voucher: what, amount in 元, payer and payee, transaction hash, block
 * and the block's time in Beijing. Amounts and wallets of claims and repayments are taken from the
 * events in the receipt (what the chain recorded), the rest from the caller.
 */
async function receiptList(
  what: string,
  receipt: ContractTransactionReceipt,
  facts: ReceiptFacts,
): Promise<HTMLElement> {
  const block = await receipt.getBlock();
  const rows: Array<[string, string, string]> = [["receipt.what", what, "what"]];
  if (facts.amount !== undefined) rows.push(["receipt.amount", yuanWithUnit(facts.amount), "amount"]);
  if (facts.payer !== undefined) rows.push(["receipt.payer", facts.payer, "payer"]);
  if (facts.payee !== undefined) rows.push(["receipt.payee", facts.payee, "payee"]);
  if (facts.document !== undefined) rows.push(["receipt.document", facts.document, "document"]);
  rows.push(
    ["receipt.from", receipt.from, "from"],
    ["receipt.hash", receipt.hash, "hash"],
    ["receipt.block", String(receipt.blockNumber), "block"],
    ["receipt.time", formatTimestamp(block.timestamp), "time"],
  );
  return h(
    "dl",
    { class: "receipt", "data-testid": "receipt", "aria-label": t("receipt.title") },
    ...rows.flatMap(([label, value, key]) => [
      h("dt", {}, t(label)),
      h("dd", { "data-testid": `receipt-${key}` }, value),
    ]),
  );
}

/**
 * Sends a transaction and shows it: waiting for the wallet, pending with its hash, confirmed in a block,
 * or refused with the contract's reason as one sentence. Returns whether it was confirmed.
 */
export async function runTx(
  what: string,
  send: () => Promise<ContractTransactionResponse>,
  facts: ReceiptFacts | ((receipt: ContractTransactionReceipt) => ReceiptFacts) = {},
): Promise<boolean> {
  const item = h("li", { class: "waiting", "data-testid": "tx" }, t("tx.wallet", { what }));
  document.getElementById("txs")?.prepend(item);
  try {
    const tx = await send();
    item.className = "pending";
    item.textContent = t("tx.pending", { what, hash: `${tx.hash.slice(0, 10)}…` });
    const receipt = await tx.wait();
    if (receipt === null) throw new Error("no receipt");
    const known = typeof facts === "function" ? facts(receipt) : facts;
    const list = await receiptList(what, receipt, known);
    item.className = "confirmed";
    // Receipts stay until dismissed: they are what the user copies into a voucher.
    const close = h(
      "button",
      { type: "button", class: "close", "aria-label": t("receipt.close"), onclick: () => item.remove() },
      "×",
    );
    item.replaceChildren(close, h("p", {}, t("tx.confirmed", { what, block: receipt.blockNumber })), list);
    return true;
  } catch (error) {
    item.className = "failed";
    item.textContent = t("tx.failed", { why: errorSentence(error, { decimals }, currentLang()) });
    return false;
  }
}

/** The sentence of any error in the current language: a revert, or a core error (both carry both languages). */
export function problemText(error: unknown): string {
  return errorSentence(error, { decimals }, currentLang());
}

/** Shows a refusal that happened before any transaction (bad input), in the same list. */
export function showProblem(sentence: string): void {
  document
    .getElementById("txs")
    ?.prepend(h("li", { class: "failed", "data-testid": "tx" }, t("tx.failed", { why: sentence })));
}

/**
 * Page controls of a numbered list: previous / next, "page x of y · n in all" and, where the list can
 * be sorted, the order (newest or oldest first). `go` is called with the page or order chosen.
 */
export function pager(
  testid: string,
  state: { page: number; pages: number; total: number; order?: "newest" | "oldest" },
  go: (change: { page?: number; order?: "newest" | "oldest" }) => void,
): HTMLElement {
  const bar = h(
    "nav",
    { class: "pager", "data-testid": testid, "aria-label": t("page.controls") },
    h(
      "button",
      { type: "button", "data-testid": `${testid}-prev`, onclick: () => go({ page: state.page - 1 }) },
      t("page.prev"),
    ),
    h(
      "span",
      { "data-testid": `${testid}-status` },
      t("page.of", { page: state.page, pages: state.pages, total: state.total }),
    ),
    h(
      "button",
      { type: "button", "data-testid": `${testid}-next`, onclick: () => go({ page: state.page + 1 }) },
      t("page.next"),
    ),
  );
  const [prev, , next] = bar.children as unknown as HTMLButtonElement[];
  prev.disabled = state.page <= 1;
  next.disabled = state.page >= state.pages;
  if (state.order !== undefined) {
    const select = h(
      "select",
      { "aria-label": t("page.order"), "data-testid": `${testid}-order` },
      ...(["newest", "oldest"] as const).map((order) => {
        const option = h("option", { value: order }, t(`order.${order}`));
        option.selected = order === state.order;
        return option;
      }),
    );
    select.addEventListener("change", () => go({ page: 1, order: select.value as "newest" | "oldest" }));
    bar.append(h("label", {}, `${t("page.order")}: `, select));
  }
  return bar;
}

/**
 * Page controls of a filtered list read by scanning (the chain cannot count its matches): previous /
 * next and how far the scan got ("searched grants 1–100 of 5,000").
 */
export function scanPager(
  testid: string,
  state: { hasPrev: boolean; hasNext: boolean; searched: string | null },
  go: (step: -1 | 1) => void,
): HTMLElement | null {
  if (!state.hasPrev && !state.hasNext) return null;
  const prev = h("button", { type: "button", "data-testid": `${testid}-prev`, onclick: () => go(-1) }, t("page.prev"));
  const next = h("button", { type: "button", "data-testid": `${testid}-next`, onclick: () => go(1) }, t("page.next"));
  prev.disabled = !state.hasPrev;
  next.disabled = !state.hasNext;
  return h(
    "nav",
    { class: "pager", "data-testid": testid, "aria-label": t("page.controls") },
    prev,
    state.searched === null ? null : h("span", { "data-testid": `${testid}-status` }, state.searched),
    next,
  );
}
