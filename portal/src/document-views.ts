/**
 * Opening stored documents on a page: a button that fetches the file as the connected wallet, shows
 * whether it was verified against the on-chain hash (or refused, and why), and offers it to save; text
 * files are shown inline. An application opens as its bundle: the proposed schedule and one such
 * button per listed document.
 */
import {
  documentHash,
  DocumentError,
  parseBundle,
  type ApplicationBundle,
  type DocumentRef,
} from "../../core/documents.js";
import type { Wallet } from "./chain.js";
import { openDocument } from "./documents.js";
import { t } from "./i18n.js";
import { h, problemText, table, when, yuan } from "./ui.js";

/** A file the user picked, read and hashed here (the one document hash: core/documents.ts). */
export interface PickedFile {
  name: string;
  type: string;
  size: number;
  bytes: Uint8Array;
  hash: string;
}

export async function readPicked(files: FileList | null): Promise<PickedFile[]> {
  return Promise.all(
    [...(files ?? [])].map(async (file) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return {
        name: file.name,
        type: file.type || "application/octet-stream",
        size: file.size,
        bytes,
        hash: documentHash(bytes),
      };
    }),
  );
}

interface OpenSpec {
  hash: string;
  ref: DocumentRef;
  testid: string;
  name?: string;
  type?: string;
  /** The hash is an application bundle's entry (the bundle's own hash is the chain's). */
  listed?: boolean;
}

/** The verdict line of an opened (or refused) document. */
function verdict(result: HTMLElement, ok: boolean, text: string): void {
  result.className = `check-result ${ok ? "match" : "mismatch"}`;
  result.dataset.verified = String(ok);
  result.textContent = text;
}

/** A verified file on the page: a link to save it and, for a text file, its text. */
function fileView(bytes: Uint8Array, name: string, type: string, testid: string): Array<Node | string> {
  const link = h(
    "a",
    {
      href: URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type })),
      download: name,
      "data-testid": `${testid}-save`,
    },
    t("doc.save", { name }),
  );
  const text = type.startsWith("text/") ? new TextDecoder().decode(bytes) : null;
  return [link, text === null ? "" : h("pre", { class: "document-text", "data-testid": `${testid}-text` }, text)];
}

/** A button that opens the stored file of `spec.hash` as the connected wallet and verifies it. */
export function documentOpener(wallet: () => Wallet | null, spec: OpenSpec): HTMLElement {
  const result = h("span", { class: "check-result", role: "status", "data-testid": `${spec.testid}-result` });
  const shown = h("div", { class: "document" });
  const button = h(
    "button",
    {
      type: "button",
      "data-testid": spec.testid,
      onclick: async () => {
        const who = wallet();
        if (who === null) return verdict(result, false, t("wallet.connectFirst"));
        button.disabled = true;
        try {
          const bytes = await openDocument(who, spec.hash, spec.ref);
          verdict(result, true, t(spec.listed ? "doc.verifiedListed" : "doc.verified", { hash: spec.hash }));
          shown.replaceChildren(
            ...fileView(bytes, spec.name ?? `${spec.hash}.bin`, spec.type ?? "application/octet-stream", spec.testid),
          );
        } catch (error) {
          verdict(result, false, t("doc.refused", { why: problemText(error) }));
          shown.replaceChildren();
        } finally {
          button.disabled = false;
        }
      },
    },
    spec.name === undefined ? t("doc.open") : t("doc.openNamed", { name: spec.name }),
  );
  return h("div", { class: "document-open" }, button, " ", result, shown);
}

/**
 * A button that opens an application's bundle (verified against the on-chain applicationHash), then
 * shows its proposed schedule and a verified opener for each document it lists. An application whose
 * hash is that of a single file (mg:apply --file) opens as that file.
 * @param onBundle called with the opened bundle (the manager's award form takes its schedule)
 */
export function applicationOpener(
  wallet: () => Wallet | null,
  applicationHash: string,
  ref: DocumentRef,
  testid: string,
  onBundle?: (bundle: ApplicationBundle) => void,
): HTMLElement {
  const result = h("span", { class: "check-result", role: "status", "data-testid": `${testid}-result` });
  const shown = h("div", { class: "document" });
  const button = h(
    "button",
    {
      type: "button",
      "data-testid": testid,
      onclick: async () => {
        const who = wallet();
        if (who === null) return verdict(result, false, t("wallet.connectFirst"));
        button.disabled = true;
        try {
          const bytes = await openDocument(who, applicationHash, ref);
          verdict(result, true, t("doc.verified", { hash: applicationHash }));
          let bundle: ApplicationBundle;
          try {
            bundle = parseBundle(bytes);
          } catch (error) {
            if (!(error instanceof DocumentError)) throw error;
            shown.replaceChildren(...fileView(bytes, `${applicationHash}.bin`, "application/octet-stream", testid));
            return;
          }
          shown.replaceChildren(
            h("h4", {}, t("doc.schedule")),
            table(
              [t("milestone"), t("amount"), t("deadline")],
              bundle.schedule.map((m, i) => [`#${i}`, yuan(m.amount), when(m.deadline)]),
              { "data-testid": `${testid}-schedule` },
            ),
            h("h4", {}, t("doc.files")),
            ...bundle.documents.map((d, i) =>
              documentOpener(wallet, {
                hash: d.hash,
                ref,
                name: d.name,
                type: d.type,
                testid: `${testid}-file-${i}`,
                listed: true,
              }),
            ),
          );
          onBundle?.(bundle);
        } catch (error) {
          verdict(result, false, t("doc.refused", { why: problemText(error) }));
          shown.replaceChildren();
        } finally {
          button.disabled = false;
        }
      },
    },
    t("doc.openApplication"),
  );
  return h("div", { class: "document-open" }, button, " ", result, shown);
}
