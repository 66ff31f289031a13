/**
 * The integrators' package (package.json `exports` and `files`): built from this checkout, packed with
 * `npm pack`, installed into a scratch TypeScript/ESM project in a temp dir (offline: its only
 * dependency, ethers, is linked from this repo's node_modules), type-checked with tsc and run with Node.
 * The scratch project imports an artifact, a TypeChain factory and core functions by the package's
 * public names and prints what it got; the test checks the values, not just that imports resolved.
 * Under `npm run test:compat` artifacts/ holds the compatibility build, which the package refuses to ship
 * (it ships the Cancun build): that refusal is what is checked there, and nothing is packed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { id, Interface } from "ethers";

import { companyId } from "../../core/ids.js";
import { buildPackage, COMPAT_BUILD, SHIPPED_ARTIFACTS } from "../../scripts/package/build.js";
import { needsStorageGuard } from "../../tasks/hooks/compat-guard.js";

const ROOT = process.cwd();
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
const run = (cmd: string[], cwd: string): string =>
  execFileSync(cmd[0], cmd.slice(1), { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

function builtEvmVersion(): string | undefined {
  const artifact = JSON.parse(
    readFileSync(path.join(ROOT, "artifacts/contracts/GrantProgram.sol/GrantProgram.json"), "utf8"),
  ) as { buildInfoId: string };
  const info = JSON.parse(
    readFileSync(path.join(ROOT, "artifacts/build-info", `${artifact.buildInfoId}.json`), "utf8"),
  ) as { input: { settings: { evmVersion?: string } } };
  return info.input.settings.evmVersion;
}

/** What the scratch project imports and prints (TypeScript, run by Node's type stripping). */
const SCRATCH_MAIN = `import { Interface } from "ethers";
import { parseYuan, formatYuan } from "milestone-grants/core/money";
import { companyId } from "milestone-grants/core/ids";
import { GrantProgram__factory, IGrantProgram__factory } from "milestone-grants/typechain";
import * as root from "milestone-grants";
import grantProgram from "milestone-grants/artifacts/GrantProgram" with { type: "json" };
import factory from "milestone-grants/artifacts/GrantProgramFactory" with { type: "json" };

const units: bigint = parseYuan("1,234,567.89", 6);
const abi = new Interface(grantProgram.abi);
const result = {
  units: units.toString(),
  formatted: formatYuan(units, 6),
  companyId: companyId("91520100MA6DJ5ELX1"),
  claimSelector: abi.getFunction("claim")?.selector,
  ifaceClaimSelector: IGrantProgram__factory.createInterface().getFunction("claim").selector,
  deployedBytes: (grantProgram.deployedBytecode.length - 2) / 2,
  factoryBytes: (factory.bytecode.length - 2) / 2,
  typechainBytecodeMatches: GrantProgram__factory.bytecode === grantProgram.bytecode,
  evmVersion: grantProgram.evmVersion,
  rootParseYuan: root.parseYuan("5", 2).toString(),
};
console.log(JSON.stringify(result));
`;

const SCRATCH_TSCONFIG = {
  compilerOptions: {
    module: "nodenext",
    moduleResolution: "nodenext",
    target: "es2022",
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    skipLibCheck: false,
    types: [],
  },
  include: ["main.ts"],
};

describe("The npm package for integrators (exports, files)", function () {
  this.timeout(300_000);

  // Which of the two applies depends on the build in artifacts/: `npm test` packs the Cancun build,
  // `npm run test:compat` checks that a compatibility build is refused. Only the applicable one is declared.
  const compatBuild = needsStorageGuard(builtEvmVersion());
  if (compatBuild) {
    it("is built from the Cancun build only: a compatibility build in artifacts/ is refused in both languages", function () {
      expect(() => buildPackage()).to.throw(COMPAT_BUILD.en);
      expect(() => buildPackage()).to.throw(COMPAT_BUILD.zh);
    });
  }

  if (!compatBuild)
    it("packs, installs offline into a scratch ESM project, type-checks, and gives exact values", function () {
      const scratch = mkdtempSync(path.join(tmpdir(), "mg-package-"));
      try {
        buildPackage();
        const [packed] = JSON.parse(
          run([...npm, "pack", "--ignore-scripts", "--json", "--pack-destination", scratch], ROOT),
        ) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;
        const files = packed.files.map((f) => f.path);
        // What ships: every listed artifact, core and TypeChain as .js + .d.ts, and no sources or tests.
        for (const [, name] of SHIPPED_ARTIFACTS) expect(files).to.include(`dist/package/artifacts/${name}.json`);
        expect(files).to.include.members([
          "package.json",
          "dist/package/core/money.js",
          "dist/package/core/money.d.ts",
          "dist/package/core/index.js",
          "dist/package/typechain-types/index.js",
          "dist/package/typechain-types/index.d.ts",
        ]);
        expect(files.filter((f) => /^(contracts|test|tasks|portal|deploy)\//.test(f))).to.deep.equal([]);
        expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).to.deep.equal([]);
        expect(files.filter((f) => /artifacts\/.*(Mock|Token|Bench)/.test(f))).to.deep.equal([]);
        console.log(
          `      package: ${packed.filename}, ${(packed.size / 1024).toFixed(0)} KiB packed, ` +
            `${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${files.length} files`,
        );

        // The scratch project: ethers from this repo (a file: link, so npm needs no registry), then the tarball.
        writeFileSync(
          path.join(scratch, "package.json"),
          JSON.stringify({
            name: "scratch",
            private: true,
            type: "module",
            dependencies: { ethers: `file:${path.join(ROOT, "node_modules", "ethers")}` },
          }),
        );
        mkdirSync(path.join(scratch, "node_modules"), { recursive: true });
        run([...npm, "install", "--offline", "--no-audit", "--no-fund", path.join(scratch, packed.filename)], scratch);
        writeFileSync(path.join(scratch, "main.ts"), SCRATCH_MAIN);
        writeFileSync(path.join(scratch, "tsconfig.json"), JSON.stringify(SCRATCH_TSCONFIG));
        // The package's .d.ts files, resolved through its `exports`, type-check in a strict project.
        run([process.execPath, path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "."], scratch);
        const got = JSON.parse(run([process.execPath, "main.ts"], scratch)) as Record<string, unknown>;

        const claim = id("claim(uint256,uint8[])").slice(0, 10);
        expect(got.units).to.equal("1234567890000");
        expect(got.formatted).to.equal("1,234,567.890000");
        expect(got.companyId).to.equal(companyId("91520100MA6DJ5ELX1"));
        expect(got.claimSelector).to.equal(claim);
        expect(got.ifaceClaimSelector).to.equal(claim);
        expect(got.deployedBytes).to.be.greaterThan(1_000);
        expect(got.factoryBytes).to.be.greaterThan(1_000);
        expect(got.typechainBytecodeMatches).to.equal(true);
        expect(got.evmVersion).to.equal("cancun");
        expect(got.rootParseYuan).to.equal("500");
        // The repo's own ABI knows the same selector (the scratch project did not read a stale file).
        const shipped = JSON.parse(
          readFileSync(
            path.join(scratch, "node_modules/milestone-grants/dist/package/artifacts/GrantProgram.json"),
            "utf8",
          ),
        ) as { abi: [] };
        expect(new Interface(shipped.abi).getFunction("claim")?.selector).to.equal(claim);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
});
