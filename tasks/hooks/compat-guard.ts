/**
 * The compatibility build (`--build-profile compat`, evmVersion before Cancun): the one source change it
 * needs. contracts/abstracts/ProgramReentrancyGuard.sol inherits OpenZeppelin's ReentrancyGuardTransient,
 * whose TSTORE/TLOAD an EVM before Cancun does not have (and solc refuses to compile for one). For such a
 * target this hook rewrites that file's import and base to OpenZeppelin's storage ReentrancyGuard in the
 * compiler input — not on disk — adds that file and its StorageSlot import to the input, and drops the
 * transient files nothing else imports. Hardhat 3 has no per-profile remappings (remappings.txt applies
 * to every profile), so the swap keys on the profile's evmVersion, the very thing that makes it needed.
 * The build info records the input as compiled, so a verifier sees the storage guard.
 * Cancun and later builds pass through untouched: same input, same bytecode, same gas.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { CompilerInput } from "hardhat/types/solidity";

import type { Bilingual } from "../../core/messages/labels.js";
import { evmBefore } from "../runtime/chain-support.js";

/** The project file whose base the swap changes (its input source name). */
export const GUARD_SOURCE = "project/contracts/abstracts/ProgramReentrancyGuard.sol";
const TRANSIENT_IMPORT =
  'import { ReentrancyGuardTransient } from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";';
const STORAGE_IMPORT = 'import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";';
const TRANSIENT_BASE = "abstract contract ProgramReentrancyGuard is ReentrancyGuardTransient {}";
const STORAGE_BASE = "abstract contract ProgramReentrancyGuard is ReentrancyGuard {}";

/** Whether a build for `evmVersion` must use the storage guard (an EVM without transient storage). */
export function needsStorageGuard(evmVersion: string | undefined): boolean {
  return evmVersion !== undefined && evmBefore(evmVersion, "cancun");
}

/** The error the swap raises when the guard file no longer has the one import and base it rewrites. */
export const GUARD_FILE_CHANGED: Bilingual = {
  zh: "兼容构建无法替换重入保护：contracts/abstracts/ProgramReentrancyGuard.sol 须恰好含一行 ReentrancyGuardTransient 的 import 和一行基类声明。",
  en: "The compatibility build cannot swap the reentrancy guard: contracts/abstracts/ProgramReentrancyGuard.sol must keep exactly one ReentrancyGuardTransient import and one base declaration.",
};

/** The error the swap raises when another file still needs transient storage (the build would fail). */
export const TRANSIENT_STILL_USED = (file: string): Bilingual => ({
  zh: `兼容构建（Cancun 之前的 EVM）不能包含使用瞬态存储的文件，但 ${file} 仍导入了它。`,
  en: `The compatibility build (an EVM before Cancun) cannot contain transient storage, but ${file} still imports it.`,
});

/** The error the swap raises when the OpenZeppelin it would read is not the version the build resolved. */
export const OZ_VERSION_DIFFERS = (resolved: string, installed: string): Bilingual => ({
  zh: `兼容构建无法替换重入保护：构建解析到的 OpenZeppelin 版本为 ${resolved}，而已安装的是 ${installed}。`,
  en: `The compatibility build cannot swap the reentrancy guard: the build resolved OpenZeppelin ${resolved}, but ${installed} is installed.`,
});

const bilingualError = (m: Bilingual): Error => new Error(`${m.zh}\n${m.en}`);

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

/**
 * `input` with the storage guard in place of the transient one when its evmVersion is before Cancun;
 * otherwise `input` itself. `readOz(path)` reads an OpenZeppelin file by its package path (a parameter so
 * a test can run the swap on a fixed input).
 */
export function withCompatGuard(
  input: CompilerInput,
  readOz: (packagePath: string) => string = readInstalledOz,
): CompilerInput {
  if (!needsStorageGuard(input.settings.evmVersion) || !(GUARD_SOURCE in input.sources)) return input;
  const guard = input.sources[GUARD_SOURCE].content;
  if (occurrences(guard, TRANSIENT_IMPORT) !== 1 || occurrences(guard, TRANSIENT_BASE) !== 1) {
    throw bilingualError(GUARD_FILE_CHANGED);
  }
  // OpenZeppelin's source names carry its version (npm/@openzeppelin/contracts@5.7.0/…): take the prefix
  // from the transient file the graph resolved, so the added files are those of the same package.
  const transientName = Object.keys(input.sources).find((name) => name.endsWith("/utils/ReentrancyGuardTransient.sol"));
  if (transientName === undefined) throw bilingualError(GUARD_FILE_CHANGED);
  const ozRoot = transientName.slice(0, -"/utils/ReentrancyGuardTransient.sol".length);
  // The added files are read from the installed package: it must be the version the graph resolved, or
  // an older OpenZeppelin (whose guard keeps `_status` in a plain slot) would move every program slot.
  const resolved = /@openzeppelin\/contracts@([^/]+)$/.exec(ozRoot)?.[1];
  if (readOz === readInstalledOz && resolved !== installedOzVersion()) {
    throw bilingualError(OZ_VERSION_DIFFERS(resolved ?? ozRoot, installedOzVersion()));
  }
  const sources = { ...input.sources };
  sources[GUARD_SOURCE] = {
    content: guard.replace(TRANSIENT_IMPORT, STORAGE_IMPORT).replace(TRANSIENT_BASE, STORAGE_BASE),
  };
  delete sources[transientName];
  delete sources[`${ozRoot}/utils/TransientSlot.sol`];
  for (const file of ["utils/ReentrancyGuard.sol", "utils/StorageSlot.sol"]) {
    sources[`${ozRoot}/${file}`] ??= { content: readOz(file) };
  }
  // Nothing left may import the dropped files: solc would fail on a missing source, or (were it kept)
  // on TSTORE for this EVM. Say which file, in both languages, instead.
  for (const [name, source] of Object.entries(sources)) {
    if (/ReentrancyGuardTransient\.sol"|TransientSlot\.sol"/.test(source.content ?? "")) {
      throw bilingualError(TRANSIENT_STILL_USED(name));
    }
  }
  return { ...input, sources };
}

const requireFromProject = createRequire(import.meta.url);

/** An installed OpenZeppelin contracts file, by its path inside the package. */
function readInstalledOz(packagePath: string): string {
  return readFileSync(requireFromProject.resolve(`@openzeppelin/contracts/${packagePath}`), "utf8");
}

/** The version of the installed @openzeppelin/contracts package. */
function installedOzVersion(): string {
  const file = requireFromProject.resolve("@openzeppelin/contracts/package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}
