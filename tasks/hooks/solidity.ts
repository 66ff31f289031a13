/**
 * Solidity build hooks of the tasks plugin: a word before the first, long build, the OpenZeppelin
 * transient-storage warning dropped for the one file where it is known to be safe, and the storage
 * reentrancy guard swapped in for builds that target an EVM before Cancun (compat-guard.ts). Runs for
 * every build: `hardhat compile`, `hardhat test`, `hardhat run` (npm run demo) and the tasks' auto-build.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

import type { SolidityHooks } from "hardhat/types/hooks";
import type { CompilerOutputError } from "hardhat/types/solidity";

import { withCompatGuard } from "./compat-guard.js";

/** What the first build prints (to stderr, so `--json` output stays one JSON object). */
export const FIRST_BUILD_NOTICE =
  "Compiling the contracts once: this usually takes 2–4 minutes on a 2-core machine (solc via IR); " +
  "later runs reuse the build and start in seconds.";

/** Whether nothing was ever built here: no build info in the artifacts folder (a fresh clone). */
export function isFirstBuild(artifactsDir: string): boolean {
  const buildInfo = path.join(artifactsDir, "build-info");
  return !existsSync(buildInfo) || !readdirSync(buildInfo).some((file) => file.endsWith(".json"));
}

// OpenZeppelin's TransientSlot.sol as the warning's "--> path:line:column" names it: its file path
// (node_modules/@openzeppelin/contracts/…) or its source name (npm/@openzeppelin/contracts@<v>/…).
const TRANSIENT_SLOT = /(^|\/)@openzeppelin\/contracts(@[^/]+)?\/utils\/TransientSlot\.sol$/;

/** The file a compiler message points at ("--> path:line:column"), with forward slashes. */
function messageFile(error: CompilerOutputError): string {
  const match = /-->\s+([^\s:]+\.sol)/.exec(error.formattedMessage ?? "");
  return match === null ? "" : match[1].replace(/\\/g, "/");
}
/** solc's "Transient storage as defined by EIP-1153 can break the composability…" warning. */
const TRANSIENT_STORAGE_WARNING = "2394";

/**
 * The compiler's errors and warnings without solc's transient-storage warning on OpenZeppelin's
 * TransientSlot.sol. The suite uses transient storage only through ReentrancyGuardTransient, whose
 * lock is cleared at the end of each guarded call: the case the warning itself names as safe. The
 * same warning anywhere else (e.g. our own contracts) is kept.
 */
export function withoutSafeTransientStorageWarning(errors: CompilerOutputError[]): CompilerOutputError[] {
  return errors.filter(
    (error) =>
      !(
        error.severity === "warning" &&
        error.errorCode === TRANSIENT_STORAGE_WARNING &&
        TRANSIENT_SLOT.test(messageFile(error))
      ),
  );
}

let noticeShown = false;

export default async (): Promise<Partial<SolidityHooks>> => ({
  async build(context, rootFilePaths, options, next) {
    if (!noticeShown && isFirstBuild(context.config.paths.artifacts)) {
      noticeShown = true;
      console.error(FIRST_BUILD_NOTICE);
    }
    return next(context, rootFilePaths, options);
  },
  // The `compat` profile (evmVersion shanghai) gets the storage reentrancy guard; Cancun builds pass through.
  async preprocessSolcInputBeforeBuilding(context, solcInput, next) {
    return next(context, withCompatGuard(solcInput));
  },
  // Hardhat prints what this returns; whether the build failed is decided from the compiler output.
  async getCompilationJobErrors(context, compilationJob, compilerOutput, next) {
    return withoutSafeTransientStorageWarning(await next(context, compilationJob, compilerOutput));
  },
});
