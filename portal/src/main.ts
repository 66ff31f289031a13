/** Start-up: read /config.json, wire the header (language, wallet), route by hash and render. */
import { Chain, Wallet } from "./chain.js";
import { standingOf, standingSentence, type Standing } from "../../core/jurisdiction.js";
import type { PortalConfig } from "./config-types.js";
import { currentLang, pick, setLang, t } from "./i18n.js";
import { h, problemText, setDecimals, showProblem } from "./ui.js";
import { orderFrom, pageSizeFrom } from "./lists.js";
import { companyView, officialView, publicView, type ViewContext } from "./views.js";

const app = document.getElementById("app")!;
const connectButton = document.getElementById("connect") as HTMLButtonElement;
const langButton = document.getElementById("lang") as HTMLButtonElement;

const response = await fetch("./config.json", { cache: "no-store" });
const body = (await response.json()) as PortalConfig | { error: string };
if ("error" in body) {
  app.replaceChildren(h("section", { class: "card error" }, body.error));
  throw new Error(body.error);
}
const loaded: PortalConfig = body;
const chain = new Chain(loaded);
// A program is shown as one of its jurisdiction's programs only if that registry authorised it: anyone
// can create a program naming a city's registry and treasury, and a wound-down one lost its role.
// The others are flagged, never listed (core/jurisdiction.ts).
const standings = await Promise.all(
  loaded.programs.map((p) =>
    p.registry === ""
      ? Promise.resolve<Standing>("foreign")
      : standingOf(chain.program(p.address), chain.registryAt(p.registry)),
  ),
);
const everyProgram = loaded.programs;
const flagged = everyProgram.filter((_, i) => standings[i] !== "authorised");
const config: PortalConfig = { ...loaded, programs: everyProgram.filter((_, i) => standings[i] === "authorised") };
chain.config.programs = config.programs;
setDecimals(config.token.decimals);

/** The flagged programs, each in one sentence of the current language. */
function flaggedNotice(): HTMLElement | null {
  if (flagged.length === 0) return null;
  return h(
    "section",
    { class: "card error", "data-testid": "flagged" },
    ...flagged.map((p) => {
      const s = standingSentence(
        standings[everyProgram.indexOf(p)],
        p.jurisdiction,
        `${pick(p.title, p.titleZh)} (${p.address})`,
      );
      return h("p", {}, pick(s.en, s.zh));
    }),
  );
}
let wallet: Wallet | null = null;
let programIndex = 0;
let rendering = 0;
let listening = false;

function route(): "company" | "official" | "public" {
  const name = location.hash.replace(/^#\/?/, "");
  return name === "official" || name === "public" ? name : "company";
}

function header(): void {
  setLang(currentLang());
  for (const el of document.querySelectorAll<HTMLElement>("[data-i18n]")) el.textContent = t(el.dataset.i18n!);
  for (const a of document.querySelectorAll<HTMLAnchorElement>("nav a"))
    a.classList.toggle("active", a.hash === `#/${route()}`);
  langButton.textContent = t("lang.switch");
  connectButton.textContent =
    wallet === null ? t("connect") : `${wallet.address.slice(0, 6)}…${wallet.address.slice(-4)}`;
  connectButton.dataset.testid = "connect";
}

async function render(): Promise<void> {
  const ticket = ++rendering;
  header();
  const ctx: ViewContext = {
    chain,
    wallet,
    program: config.programs[programIndex],
    // Rows per page of every list: ?pageSize=n (default 20, at most the lens's 100), for testing small pages.
    pageSize: pageSizeFrom(location.search),
    order: orderFrom(location.search),
    rerender: () => void render(),
  };
  const view = route();
  const picker = h(
    "select",
    { "aria-label": t("program"), "data-testid": "program" },
    ...config.programs.map((p, i) => {
      const option = h("option", { value: String(i) }, pick(p.title, p.titleZh));
      option.selected = i === programIndex;
      return option;
    }),
  );
  picker.addEventListener("change", () => {
    programIndex = Number(picker.value);
    void render();
  });
  const chosen = config.programs[programIndex];
  const top = h(
    "div",
    {},
    h(
      "div",
      { class: "actions" },
      view === "company" ? null : picker,
      h("button", { type: "button", onclick: () => void render() }, t("refresh")),
    ),
    // A select cannot wrap a long title on a phone: the chosen program's full title is shown as a heading.
    view === "company" || chosen === undefined
      ? null
      : h("h1", { class: "program-title", "data-testid": "program-title" }, pick(chosen.title, chosen.titleZh)),
  );
  try {
    const content =
      view === "company"
        ? await companyView(ctx)
        : view === "official"
          ? await officialView(ctx)
          : await publicView(ctx);
    if (ticket === rendering) {
      app.replaceChildren(...[flaggedNotice(), top, content].filter((el): el is HTMLElement => el !== null));
      // Lets tests (and assistive tools) know which wallet the content on screen was read for.
      app.dataset.renderedFor = wallet?.address.toLowerCase() ?? "none";
      // Which render is on screen (a refresh counts up), so a test knows when a re-read has finished.
      app.dataset.render = String(ticket);
    }
  } catch (error) {
    if (ticket === rendering) app.replaceChildren(top, h("section", { class: "card error" }, problemText(error)));
  }
}

connectButton.addEventListener("click", async () => {
  try {
    wallet = await Wallet.connect(config.chainId);
  } catch (error) {
    const [key, have] = (error as Error).message.split(":");
    showProblem(
      key === "wallet.wrongChain"
        ? t(key, { have, want: config.chainId })
        : key === "wallet.none"
          ? t(key)
          : (error as Error).message,
    );
    return;
  }
  if (!listening) {
    listening = true;
    window.ethereum?.on?.("accountsChanged", async () => {
      wallet = await Wallet.connect(config.chainId).catch(() => null);
      void render();
    });
    window.ethereum?.on?.("chainChanged", () => location.reload());
  }
  void render();
});
langButton.addEventListener("click", () => {
  setLang(currentLang() === "zh" ? "en" : "zh");
  void render();
});
window.addEventListener("hashchange", () => void render());
app.replaceChildren(h("p", {}, t("loading")));
await render();
