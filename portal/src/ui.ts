/** DOM helpers, formatting and the transaction status list. No framework: a view is a function returning nodes. */
import type { ContractTransactionResponse } from "ethers";

import { milestoneStateName } from "../../core/enums.js";
import { bytesHash } from "../../core/ids.js";
import { errorSentence } from "../../core/messages/decoder.js";
import { countdownText, formatBeijing } from "../../core/messages/labels.js";
import { formatYuan } from "../../core/money.js";
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
            cell instanceof HTMLTableCellElement ? cell : h("td", { "data-label": headers[i] }, cell),
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
  return bytesHash(new Uint8Array(await file.arrayBuffer()));
}

/**
 * Sends a transaction and shows it: waiting for the wallet, pending with its hash, confirmed in a block,
 * or refused with the contract's reason as one sentence. Returns whether it was confirmed.
 */
export async function runTx(what: string, send: () => Promise<ContractTransactionResponse>): Promise<boolean> {
  const item = h("li", { class: "waiting", "data-testid": "tx" }, t("tx.wallet", { what }));
  document.getElementById("txs")?.prepend(item);
  try {
    const tx = await send();
    item.className = "pending";
    item.textContent = t("tx.pending", { what, hash: `${tx.hash.slice(0, 10)}…` });
    const receipt = await tx.wait();
    item.className = "confirmed";
    item.textContent = t("tx.confirmed", { what, block: receipt?.blockNumber ?? "?" });
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
