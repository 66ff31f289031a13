/**
 * `npm run package:build`: the integrators' package contents in dist/package (git-ignored), from the
 * build in artifacts/ — run `npm run package`, which first builds the contracts as `mg:deploy` does
 * (default profile, the same compiler settings as `production`):
 * - artifacts/<Contract>.json: ABI, creation and runtime bytecode of each deployable contract, plus the
 *   ABIs of the interfaces integrators code against, with the EVM version and compiler they were built for;
 * - core/ and typechain-types/ compiled to .js + .d.ts (tsconfig.package.json): Node does not strip types
 *   from files under node_modules, so shipping .ts would force every integrator to build the package.
 * Refuses a compatibility (pre-Cancun) build: the package ships the Cancun build that is deployed by
 * default; a chain without Cancun gets its bytecode from `--build-profile compat` (README).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { Bilingual } from "../../core/messages/labels.ts";
import { needsStorageGuard } from "../../tasks/hooks/compat-guard.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const PACKAGE_DIR = path.join(ROOT, "dist", "package");

/** What the package ships as JSON artifacts: source file and contract name. Mocks and bench stay out. */
export const SHIPPED_ARTIFACTS: ReadonlyArray<readonly [string, string]> = [
  ["contracts/EntityRegistry.sol", "EntityRegistry"],
  ["contracts/GrantProgram.sol", "GrantProgram"],
  ["contracts/GrantProgramExtension.sol", "GrantProgramExtension"],
  ["contracts/GrantProgramFactory.sol", "GrantProgramFactory"],
  ["contracts/GrantProgramLens.sol", "GrantProgramLens"],
  ["contracts/interfaces/IGrantProgram.sol", "IGrantProgram"],
  ["contracts/interfaces/IEntityRegistry.sol", "IEntityRegistry"],
  ["contracts/interfaces/IGrantProgramFactory.sol", "IGrantProgramFactory"],
];

export const NOT_BUILT = (file: string): Bilingual => ({
  zh: `打包需要先编译合约：找不到 ${file}，请运行 npm run package（它会先编译合约）。`,
  en: `Packaging needs compiled contracts: ${file} is missing; run npm run package (it compiles the contracts first).`,
});
export const COMPAT_BUILD: Bilingual = {
  zh: "artifacts/ 中是兼容构建（Cancun 之前的 EVM），npm 包只发布 Cancun 构建：请运行 npm run package 重新编译。",
  en: "artifacts/ holds the compatibility build (an EVM before Cancun) and the package ships the Cancun build only: run npm run package to rebuild.",
};

interface HardhatArtifact {
  contractName: string;
  sourceName: string;
  abi: unknown[];
  bytecode: string;
  deployedBytecode: string;
  linkReferences: unknown;
  deployedLinkReferences: unknown;
  buildInfoId: string;
}

class PackageError extends Error {}
const fail = (m: Bilingual): never => {
  throw new PackageError(`${m.zh}\n${m.en}`);
};

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return fail(NOT_BUILT(path.relative(ROOT, file)));
  }
}

/** Writes dist/package; returns the artifact files written (relative to dist/package). */
export function buildPackage(artifactsDir = path.join(ROOT, "artifacts")): string[] {
  const artifacts = SHIPPED_ARTIFACTS.map(([source, name]) =>
    readJson<HardhatArtifact>(path.join(artifactsDir, source, `${name}.json`)),
  );
  const buildInfo = (id: string) =>
    readJson<{ solcLongVersion: string; input: { settings: { evmVersion?: string } } }>(
      path.join(artifactsDir, "build-info", `${id}.json`),
    );
  const program = buildInfo(artifacts[1].buildInfoId);
  if (needsStorageGuard(program.input.settings.evmVersion)) fail(COMPAT_BUILD);

  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  mkdirSync(path.join(PACKAGE_DIR, "artifacts"), { recursive: true });
  const written: string[] = [];
  for (const a of artifacts) {
    const info = buildInfo(a.buildInfoId);
    const file = path.join("artifacts", `${a.contractName}.json`);
    const shipped = {
      contractName: a.contractName,
      sourceName: a.sourceName,
      evmVersion: info.input.settings.evmVersion,
      solcVersion: info.solcLongVersion,
      abi: a.abi,
      bytecode: a.bytecode,
      deployedBytecode: a.deployedBytecode,
      linkReferences: a.linkReferences,
      deployedLinkReferences: a.deployedLinkReferences,
    };
    writeFileSync(path.join(PACKAGE_DIR, file), `${JSON.stringify(shipped, null, 2)}\n`);
    written.push(file);
  }
  // core/ and typechain-types/ as .js + .d.ts; TypeChain's factories carry the same bytecode as above.
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.package.json"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  return written;
}

if (import.meta.filename === process.argv[1]) {
  try {
    const files = buildPackage();
    console.log(`dist/package: ${files.length} artifacts, core/ and typechain-types/ compiled.`);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
