/**
 * What the chain recorded about a grant, in words: milestone descriptions and category conditions
 * checked against their on-chain hashes, published reasons, and the grant's timeline of events.
 */
import { categoryDescription, textHash } from "../../core/ids.js";
import { milestoneDescription } from "../../core/schedule.js";
import { formatYuan } from "../../core/money.js";
import { toCsv } from "../../core/csv.js";
import { formatDate, formatTimestamp } from "../../core/time.js";
import type { Chain, GrantRow, ProgramEvent } from "./chain.js";
import type { PortalCategory, PortalConfig, PortalProgram } from "./config-types.js";
import { pick, t } from "./i18n.js";
import { fileCheck, h, yuanWithUnit } from "./ui.js";

/** keccak256 → text, for the texts the administration publishes (config.texts). */
const published = new WeakMap<PortalConfig, Map<string, string>>();
function publishedTexts(config: PortalConfig): Map<string, string> {
  let index = published.get(config);
  if (index === undefined) {
    index = new Map((config.texts ?? []).map((text) => [textHash(text), text]));
    published.set(config, index);
  }
  return index;
}

/** The text behind `hash` if one is known whose keccak256 equals it, else null (never a guess). */
export function textOf(config: PortalConfig, hash: string, candidates: string[] = []): string | null {
  const lower = hash.toLowerCase();
  for (const text of candidates) if (textHash(text) === lower) return text;
  return publishedTexts(config).get(lower) ?? null;
}

/** A hash shown as the text it stands for (marked verified), or as the hash with "not published". */
export function hashedText(
  config: PortalConfig,
  hash: string,
  candidates: string[] = [],
  testid?: string,
): HTMLElement {
  const text = textOf(config, hash, candidates);
  const attrs: Record<string, string> = testid === undefined ? {} : { "data-testid": testid };
  if (text !== null) return h("span", { ...attrs, class: "verified", title: t("description.verified") }, text, " ✓");
  return h("span", { ...attrs, class: "muted hash" }, t("description.unpublished", { hash }));
}

/** The description of milestone `index` of a grant: the MilestoneScheduled hash, read as text where possible. */
export function milestoneDescriptionNode(
  chain: Chain,
  events: ProgramEvent[],
  grantId: bigint,
  index: number,
  /** null where the same milestone is described twice on a page (the timeline), so test ids stay unique. */
  testid: string | null = `description-${grantId}-${index}`,
): HTMLElement | string {
  const scheduled = events.find((e) => e.name === "MilestoneScheduled" && e.grantId === grantId && e.index === index);
  if (scheduled === undefined) return "—";
  const amount = BigInt(scheduled.args.getValue("amount"));
  const deadline = BigInt(scheduled.args.getValue("deadline"));
  // mg:award's rule for a milestone without a written description (core/schedule.ts) is a candidate too.
  const rule = milestoneDescription(index, amount, formatDate(deadline), chain.config.token.decimals);
  return hashedText(chain.config, scheduled.args.getValue("descriptionHash") as string, [rule], testid ?? undefined);
}

/** The category's condition and the policy it comes from, checked against the CategoryAdded hash. */
export function conditionCard(meta: PortalProgram, events: ProgramEvent[], categoryId: number): HTMLElement {
  const category: PortalCategory | undefined = meta.categories.find((c) => c.id === categoryId);
  const added = events.find((e) => e.name === "CategoryAdded" && Number(e.args.getValue("categoryId")) === categoryId);
  const box = h("div", { class: "condition", "data-testid": `condition-${categoryId}` });
  if (category === undefined || category.condition === "") return box;
  const matches =
    added !== undefined &&
    textHash(categoryDescription(category.key, category.condition, category.conditionZh)) ===
      (added.args.getValue("descriptionHash") as string).toLowerCase();
  box.append(
    h(
      "p",
      {},
      h("b", {}, `${t("condition.title")} · ${pick(category.label, category.labelZh)}: `),
      pick(category.condition, category.conditionZh),
      " ",
      h(
        "span",
        { class: matches ? "verified" : "error", "data-testid": `condition-check-${categoryId}` },
        matches ? `✓ ${t("condition.verified")}` : t("condition.unverified"),
      ),
    ),
    h(
      "p",
      { class: "muted" },
      `${t("policy.title")}: ${pick(meta.title, meta.titleZh)}`,
      category.article === "" ? "" : ` · ${t("policy.article", { article: category.article })}`,
      meta.administration === "" ? "" : ` · ${meta.administration}`,
      meta.source === "" ? "" : ` · ${meta.source}`,
    ),
  );
  return box;
}

/**
 * The rules the program fixed in its code at creation — the hashes of its program file and of the policy
 * text — against the files as the portal's server publishes them: a citizen sees whether the rules on
 * chain are the ones published.
 */
export function rulesCard(meta: PortalProgram, onChain: { programFileHash: string; policyTextHash: string }) {
  const row = (label: string, hash: string, published: string, name: string, testid: string) => {
    const matches = published !== "" && hash.toLowerCase() === published.toLowerCase();
    return h(
      "p",
      {},
      h("b", {}, `${label}: `),
      name,
      " ",
      h("code", { class: "hash" }, hash),
      " ",
      h(
        "span",
        { class: matches ? "verified" : "error", "data-testid": testid },
        matches ? `✓ ${t("rules.matches")}` : t("rules.differs"),
      ),
    );
  };
  return h(
    "section",
    { class: "card", "data-testid": "rules" },
    h("h2", {}, t("rules.title")),
    row(t("rules.file"), onChain.programFileHash, meta.rules.programFileHash, meta.rules.file, "rules-file"),
    row(
      t("rules.policyText"),
      onChain.policyTextHash,
      meta.rules.policyTextHash,
      meta.rules.policyText,
      "rules-policy-text",
    ),
  );
}

/** The events of one grant (its milestones included), in chain order. */
export function grantEvents(events: ProgramEvent[], grantId: bigint): ProgramEvent[] {
  return events.filter((e) => e.grantId === grantId);
}

/** The latest event `name` of a milestone, if any. */
export function lastEvent(events: ProgramEvent[], name: string, grantId: bigint, index: number) {
  return events.findLast((e) => e.name === name && e.grantId === grantId && e.index === index);
}

/** How the grant stands after a recovery order, in one line ("recovered" rather than only "paid"). */
export function recoveryStatus(grant: GrantRow): HTMLElement | null {
  const ordered = grant.recoveryOwed + grant.recovered;
  if (ordered === 0n) return null;
  const text =
    grant.recoveryOwed === 0n
      ? t("recovery.settled", { repaid: yuanWithUnit(grant.recovered) })
      : t("recovery.status", {
          ordered: yuanWithUnit(ordered),
          repaid: yuanWithUnit(grant.recovered),
          owed: yuanWithUnit(grant.recoveryOwed),
        });
  return h(
    "p",
    { class: "recovery", "data-testid": `recovery-${grant.id}` },
    h("span", { class: "state state-Recovered" }, text),
  );
}

/** Every event of a grant in order, each with its Beijing time and transaction hash (collapsed by default). */
export function timeline(
  chain: Chain,
  events: ProgramEvent[],
  grant: GrantRow,
  who: (address: string) => string,
): HTMLElement {
  const list = h("ol", { class: "timeline", "data-testid": `timeline-${grant.id}` });
  // A decision without a written reason records the hash of its fallback word (core/ids.ts reasonHash).
  const fallbacks = ["approve", "reject", "upheld", "dismissed", "declined"];
  const reason = (hash: string) =>
    h("span", {}, " · ", t("ev.reason", { text: "" }), hashedText(chain.config, hash, fallbacks));
  for (const e of grantEvents(events, grant.id)) {
    const a = (name: string) => e.args.getValue(name);
    const i = e.index ?? "";
    const amount = (name: string) => yuanWithUnit(BigInt(a(name)));
    const detail: Array<Node | string> = [];
    switch (e.name) {
      case "GrantAwarded":
        detail.push(t("ev.GrantAwarded", { amount: amount("amount"), count: Number(a("milestoneCount")) }));
        if (BigInt(a("applicationId")) !== 0n) detail.push(` · ${t("ev.fromApplication", { id: a("applicationId") })}`);
        break;
      case "MilestoneScheduled":
        detail.push(
          t("ev.MilestoneScheduled", { i, amount: amount("amount"), deadline: formatTimestamp(a("deadline")) }),
          " · ",
          milestoneDescriptionNode(chain, events, grant.id, Number(i), null),
        );
        break;
      case "EvidenceSubmitted":
      case "ObjectionFiled": {
        const hash = a("evidenceHash") as string;
        detail.push(
          e.name === "EvidenceSubmitted"
            ? t("ev.EvidenceSubmitted", { i, hash })
            : t("ev.ObjectionFiled", { i, who: who(a("objector")), hash }),
          fileCheck(hash, `history-check-${grant.id}-${e.block}-${e.logIndex}`),
        );
        break;
      }
      case "VoteCast":
        detail.push(t(a("approve") ? "ev.VoteCast.approve" : "ev.VoteCast.reject", { i, who: who(a("reviewer")) }));
        detail.push(reason(a("reasonHash")));
        break;
      case "MilestoneApproved":
        detail.push(t("ev.MilestoneApproved", { i, time: formatTimestamp(a("noticeEndsAt")) }));
        break;
      case "DeadlineExtended":
        detail.push(t("ev.DeadlineExtended", { i, time: formatTimestamp(a("deadline")) }));
        break;
      case "ObjectionRuled":
        detail.push(t(a("upheld") ? "ev.ObjectionRuled.upheld" : "ev.ObjectionRuled.dismissed", { i }));
        detail.push(reason(a("reasonHash")));
        break;
      case "MilestoneClaimed":
        detail.push(t("ev.MilestoneClaimed", { i, amount: amount("amount"), who: who(a("wallet")) }));
        break;
      case "MilestoneLapsed":
      case "MilestoneCancelled":
        detail.push(t(`ev.${e.name}`, { i, amount: amount("amount") }));
        break;
      case "GrantCancelled":
        detail.push(t("ev.GrantCancelled", { amount: amount("released") }));
        detail.push(reason(a("reasonHash")));
        break;
      case "RecoveryOrdered":
        detail.push(t("ev.RecoveryOrdered", { amount: amount("amount") }), reason(a("reasonHash")));
        detail.push(h("span", { class: "bar-note", "data-testid": `bar-note-${grant.id}` }, t("bar.explained")));
        break;
      case "Repaid":
        detail.push(t("ev.Repaid", { amount: amount("amount"), who: who(a("payer")), owed: amount("stillOwed") }));
        break;
      case "ConflictDeclared":
        detail.push(t("ev.ConflictDeclared", { who: who(a("reviewer")) }));
        break;
      case "SupervisionStarted":
        detail.push(t("ev.SupervisionStarted", { time: formatTimestamp(a("endsAt")) }));
        break;
      case "AttestationFiled": {
        const hash = a("documentHash") as string;
        detail.push(
          t("ev.AttestationFiled", { window: a("window"), hash }),
          fileCheck(hash, `history-check-${grant.id}-${e.block}-${e.logIndex}`),
        );
        break;
      }
      case "RecoveryAfterSupervision":
        detail.push(t("ev.RecoveryAfterSupervision", { who: who(a("admin")) }), reason(a("reasonHash")));
        break;
      case "MilestoneRejected":
      case "SignedVoteSkipped":
        detail.push(t(`ev.${e.name}`, { i, who: e.name === "SignedVoteSkipped" ? who(a("reviewer")) : "" }));
        break;
      default:
        detail.push(e.name);
    }
    list.append(
      h(
        "li",
        { "data-event": e.name },
        h("time", {}, formatTimestamp(e.time)),
        h("span", { class: "what" }, ...detail),
        h("code", { class: "hash", title: t("receipt.hash") }, t("history.tx", { hash: e.txHash })),
      ),
    );
  }
  const download = h(
    "button",
    {
      type: "button",
      "data-testid": `history-csv-${grant.id}`,
      onclick: () => {
        const link = h("a", {
          href: URL.createObjectURL(
            new Blob([historyCsv(chain, events, grant.id)], { type: "text/csv;charset=utf-8" }),
          ),
          download: `${programKey(chain, events)}-grant-${grant.id}-history.csv`,
        });
        link.click();
      },
    },
    t("history.csv"),
  );
  return h(
    "details",
    { class: "history", "data-testid": `history-${grant.id}` },
    h("summary", {}, `${t("history.title")} (${list.children.length})`),
    list,
    download,
  );
}

/** The address-book key of the program whose events these are (for file names). */
function programKey(chain: Chain, events: ProgramEvent[]): string {
  const address = events[0]?.address.toLowerCase();
  return chain.config.programs.find((p) => p.address.toLowerCase() === address)?.key ?? "program";
}

/**
 * A grant's history as CSV for a spreadsheet: one row per event, in chain order, with the Beijing time,
 * block, event name, milestone, amount in yuan (and the unit), the account and hash it names, and the
 * transaction hash. Built from the events, not from the page's words.
 */
export function historyCsv(chain: Chain, events: ProgramEvent[], grantId: bigint): string {
  const decimals = chain.config.token.decimals;
  const header = ["time (UTC+8)", "block", "event", "milestone", "amount", "unit", "account", "hash", "transaction"];
  const rows = grantEvents(events, grantId).map((e) => {
    const value = (name: string) => (e.args.getValue(name) as unknown)?.toString() ?? "";
    const has = (name: string) => e.keys.includes(name);
    const amountName = ["amount", "released"].find(has);
    const account = ["wallet", "payer", "objector", "reviewer"].find(has);
    const hash = ["evidenceHash", "reasonHash", "descriptionHash", "termsHash"].find(has);
    return [
      formatTimestamp(e.time).replace(" (UTC+8)", ""),
      String(e.block),
      e.name,
      e.index === null ? "" : String(e.index),
      amountName === undefined ? "" : formatYuan(BigInt(value(amountName)), decimals),
      amountName === undefined ? "" : "CNY",
      account === undefined ? "" : value(account),
      hash === undefined ? "" : value(hash),
      e.txHash,
    ];
  });
  return toCsv([header, ...rows]);
}
