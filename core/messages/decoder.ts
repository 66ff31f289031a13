/**
 * Turns revert data from the suite's contracts into one plain sentence in Chinese and English, for
 * operators who should never see a stack trace: every custom error of contracts/libraries/Errors.sol,
 * OpenZeppelin's AccessControl, Ownable, Initializable, ReentrancyGuard, SafeERC20 and ERC20 errors,
 * Solidity panics and `Error(string)` reasons. The ABIs come from the compiled contracts (TypeChain
 * factories, plain ethers: this module runs in Node and in the portal).
 *
 * It lives in the core (moved from scripts/lib/errors.ts, which now only re-exports it) so the tasks,
 * the portal and the tests decode with one implementation and one dictionary (./sentences.ts).
 */
import { Interface, type ErrorFragment, type Result } from "ethers";

import {
  EntityRegistry__factory,
  Errors__factory,
  GrantProgramFactory__factory,
  GrantProgramExtension__factory,
  GrantProgram__factory,
  MockYuan__factory,
} from "../../typechain-types/index.js";
import { LANGS, type Bilingual, type Lang } from "./labels.ts";
import { makeFormatters, PANICS, SENTENCES, type ErrorArgs, type ErrorContext } from "./sentences.ts";

/** A decoded revert: the error's name, its arguments by name and its sentence for people. */
export interface DecodedError {
  name: string;
  args: ErrorArgs;
  /** The English sentence (what scripts and `--json`'s `error` carry). */
  sentence: string;
  /** The sentence in both languages. */
  sentences: Bilingual;
}

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

function resultToArgs(fragment: ErrorFragment, result: Result): ErrorArgs {
  const args: ErrorArgs = {};
  fragment.inputs.forEach((input, i) => {
    args[input.name === "" ? String(i) : input.name] = result[i];
  });
  return args;
}

function bothLanguages(write: (lang: Lang) => string): Bilingual {
  const [zh, en] = LANGS.map(write);
  return { zh, en };
}

/**
 * Decodes revert data into the error's name, arguments and sentences.
 * @param data the revert data (0x…)
 * @param ctx the token's decimals and currency word, for amounts
 * @returns null if the data is empty or from an error no ABI of the suite knows
 */
export function decodeRevertData(data: string, ctx: ErrorContext = {}): DecodedError | null {
  if (!/^0x[0-9a-fA-F]*$/.test(data) || data.length < 10) return null;
  const selector = data.slice(0, 10).toLowerCase();
  const decoded = (name: string, args: ErrorArgs, sentences: Bilingual): DecodedError => ({
    name,
    args,
    sentence: sentences.en,
    sentences,
  });
  if (selector === "0x08c379a0") {
    const [reason] = SUITE_ERRORS_INTERFACE.getAbiCoder().decode(["string"], `0x${data.slice(10)}`);
    const text = String(reason);
    return decoded(
      "Error",
      { reason: text },
      {
        en: `The contract refused: ${text.replace(/\.?$/, ".")}`,
        // The reason string is the contract's own text (English), quoted as is.
        zh: `合约拒绝执行：${text.replace(/\.$/, "")}。`,
      },
    );
  }
  if (selector === "0x4e487b71") {
    const [code] = SUITE_ERRORS_INTERFACE.getAbiCoder().decode(["uint256"], `0x${data.slice(10)}`);
    const what = PANICS[Number(code)] ?? {
      en: `panic code ${String(code)} was raised`,
      zh: `触发了 panic 代码 ${String(code)}`,
    };
    return decoded(
      "Panic",
      { code },
      { en: `The contract stopped because ${what.en}.`, zh: `合约因${what.zh}而停止执行。` },
    );
  }
  let fragment: ErrorFragment | null;
  try {
    fragment = SUITE_ERRORS_INTERFACE.getError(selector);
  } catch {
    fragment = null;
  }
  if (fragment === null) return null;
  const args = resultToArgs(fragment, SUITE_ERRORS_INTERFACE.decodeErrorResult(fragment, data));
  const entry = SENTENCES[fragment.name];
  const name = fragment.name;
  return decoded(
    name,
    args,
    bothLanguages((lang) =>
      entry === undefined
        ? lang === "zh"
          ? `合约以 ${name} 拒绝执行。`
          : `The contract refused with ${name}.`
        : entry[lang](args, makeFormatters(ctx, lang)),
    ),
  );
}

/**
 * Finds revert data anywhere in an error thrown by ethers, Hardhat or a JSON-RPC node.
 * @param error anything thrown
 * @returns the revert data, or null when there is none
 */
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

/**
 * Decodes an error thrown by a transaction or static call.
 * @param error anything thrown
 * @param ctx the token's decimals and currency word
 * @returns null if it carries no known revert
 */
export function decodeError(error: unknown, ctx: ErrorContext = {}): DecodedError | null {
  const data = findRevertData(error);
  return data === null ? null : decodeRevertData(data, ctx);
}

/**
 * The one sentence to show for any error, in both languages: a decoded revert; our own input errors
 * (CoreInputError, TaskInputError: `message` English, `zh` Chinese); or else the first line of the
 * error's own message, which is English from a library, introduced in Chinese.
 * @param error anything thrown
 * @param ctx the token's decimals and currency word
 */
export function errorSentences(error: unknown, ctx: ErrorContext = {}): Bilingual {
  const decoded = decodeError(error, ctx);
  if (decoded !== null) return decoded.sentences;
  if (error instanceof Error) {
    const record = error as Error & { shortMessage?: unknown; reason?: unknown; zh?: unknown };
    if (typeof record.zh === "string" && record.zh !== "") return { en: error.message, zh: record.zh };
    const message =
      typeof record.reason === "string" && record.reason !== ""
        ? record.reason
        : typeof record.shortMessage === "string"
          ? record.shortMessage
          : error.message;
    const first = message.split("\n")[0].trim();
    return first === "" ? { en: "The operation failed.", zh: "操作失败。" } : { en: first, zh: `操作失败：${first}` };
  }
  return { en: String(error), zh: `操作失败：${String(error)}` };
}

/**
 * The one sentence to show for any error in one language (see {@link errorSentences}).
 * @param error anything thrown
 * @param ctx the token's decimals and currency word
 * @param lang the language (English by default, as scripts and `--json` print it)
 */
export function errorSentence(error: unknown, ctx: ErrorContext = {}, lang: Lang = "en"): string {
  return errorSentences(error, ctx)[lang];
}
