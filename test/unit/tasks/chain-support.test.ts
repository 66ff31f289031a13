/**
 * mg:deploy asks the chain whether it runs the build's opcodes before it sends anything
 * (tasks/runtime/chain-support.ts): the probes on real simulated chains of each hardfork, and the task
 * refusing a chain that lacks them, from the command line as an operator runs it.
 */
import { spawnSync } from "node:child_process";

import { expect } from "chai";
import hre from "hardhat";

import { needsStorageGuard } from "../../../tasks/hooks/compat-guard.js";
import {
  builtEvmVersion,
  missingOpcodes,
  opcodesOf,
  unsupportedBuildSentence,
} from "../../../tasks/runtime/chain-support.js";

/** A fresh simulated chain of `hardfork` (EDR's names: "merge" is Paris). */
async function chainOf(hardfork: string) {
  const connection = await hre.network.create({ network: "default", override: { hardfork } });
  return connection.ethers.provider;
}

describe("mg:deploy: the chain must run the build's opcodes", function () {
  it("names the opcodes each EVM version may use that an older chain lacks", function () {
    expect(opcodesOf("paris")).to.deep.equal([]);
    expect(opcodesOf("shanghai")).to.deep.equal(["PUSH0"]);
    expect(opcodesOf("cancun")).to.deep.equal(["PUSH0", "TLOAD", "TSTORE", "MCOPY"]);
    expect(opcodesOf("prague")).to.deep.equal(["PUSH0", "TLOAD", "TSTORE", "MCOPY"]);
    expect(() => opcodesOf("cancoon")).to.throw(/Unknown EVM version/);
  });

  it("a Shanghai chain lacks the Cancun build's TLOAD, TSTORE and MCOPY; a Cancun chain runs them all", async function () {
    expect(await missingOpcodes(await chainOf("shanghai"), "cancun")).to.deep.equal(["TLOAD", "TSTORE", "MCOPY"]);
    expect(await missingOpcodes(await chainOf("cancun"), "cancun")).to.deep.equal([]);
    expect(await missingOpcodes(await chainOf("prague"), "cancun")).to.deep.equal([]);
  });

  it("a Paris chain lacks the Shanghai (compat) build's PUSH0; a Shanghai chain runs it", async function () {
    expect(await missingOpcodes(await chainOf("merge"), "shanghai")).to.deep.equal(["PUSH0"]);
    expect(await missingOpcodes(await chainOf("shanghai"), "shanghai")).to.deep.equal([]);
  });

  it("from the command line: refuses the Cancun build on a Shanghai chain in one sentence, deploys the compat build there", async function () {
    this.timeout(120_000);
    const evmVersion = await builtEvmVersion(hre, "GrantProgram");
    // `--network compat` is the Shanghai chain. `npm test` has the Cancun build in artifacts/ (refused there);
    // `npm run test:compat` has the compat build (deployed there).
    const run = spawnSync("npx", ["hardhat", "mg:deploy", "--network", "compat", "--json"], {
      encoding: "utf8",
      env: { ...process.env, MG_LANG: "" },
    });
    const output = JSON.parse(run.stdout.slice(run.stdout.indexOf("{"))) as {
      ok: boolean;
      error?: string;
      errorZh?: string;
      factory?: string;
    };
    if (needsStorageGuard(evmVersion)) {
      expect(run.status, run.stderr).to.equal(0);
      expect(output.ok).to.equal(true);
      expect(output.factory).to.match(/^0x[0-9a-fA-F]{40}$/);
    } else {
      const sentence = unsupportedBuildSentence(31337n, evmVersion, ["TLOAD", "TSTORE", "MCOPY"]);
      expect(run.status).to.equal(1);
      expect(output).to.deep.include({ ok: false, error: sentence.en, errorZh: sentence.zh });
    }
  });
});
