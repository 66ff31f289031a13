/**
 * Policy text on chain: a program is created with the keccak256 of its program file's bytes and of the
 * published policy text the file names (`policyText`), fixed by the factory in the clone's code beside
 * the token, registry and treasury. Anyone can hash the published files and compare; nothing can change
 * the hashes later; a program without them is refused.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { concat, keccak256 } from "ethers";
import { network } from "hardhat";

import { textHash } from "../../../core/ids.js";
import { loadProgram, ProgramFileError } from "../../../scripts/lib/programs.js";
import { guiyangFixture, ZERO_HASH, DECIMALS, validInitParams } from "../../utils/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const HTZ_FILE = "programs/guiyang-htz-blockchain-2017.json";
const HTZ_POLICY = "programs/policies/guiyang-htz-blockchain-2017.zh.txt";

describe("Policy text on chain", function () {
  it("fixes the hashes of the published program file and policy text in the program's code", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    // Hashed here from the files as published, not from what the fixture passed.
    expect(await w.htz.programFileHash()).to.equal(keccak256(readFileSync(HTZ_FILE)));
    expect(await w.htz.policyTextHash()).to.equal(keccak256(readFileSync(HTZ_POLICY)));
    expect(await w.city.policyTextHash()).to.equal(
      keccak256(readFileSync("programs/policies/guiyang-city-blockchain-2017.zh.txt")),
    );
    // In the clone's code: 45 bytes of proxy, then token, registry, treasury, file hash, policy hash.
    const code = await ethers.provider.getCode(await w.htz.getAddress());
    const args = `0x${code.slice(2 + 45 * 2)}`;
    expect(args).to.equal(
      concat([
        ethers.zeroPadValue(await w.token.getAddress(), 32),
        ethers.zeroPadValue(await w.registry.getAddress(), 32),
        ethers.zeroPadValue(w.actors.treasury.address, 32),
        await w.htz.programFileHash(),
        await w.htz.policyTextHash(),
      ]).toLowerCase(),
    );
  });

  it("says so at creation (PolicyBound, after ProgramInitialized)", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const params = await validInitParams(w);
    const args = [
      w.core.version,
      "Policy-bound programme",
      await w.token.getAddress(),
      await w.registry.getAddress(),
      w.actors.treasury.address,
      params,
    ] as const;
    const address = await w.core.factory.createProgram.staticCall(...args);
    const program = await ethers.getContractAt("GrantProgramExtension", address);
    await expect(w.core.factory.createProgram(...args))
      .to.emit(program, "PolicyBound")
      .withArgs(params.programFileHash, params.policyTextHash);
  });

  it("refuses a program without a program file hash or a policy text hash (PolicyNotBound); nothing created", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const { factory } = w.core;
    const count = await factory.programCount();
    for (const [programFileHash, policyTextHash] of [
      [ZERO_HASH, textHash("policy")],
      [textHash("file"), ZERO_HASH],
      [ZERO_HASH, ZERO_HASH],
    ]) {
      const params = { ...(await validInitParams(w)), programFileHash, policyTextHash };
      await expect(
        factory.createProgram(
          w.core.version,
          "Unbound programme",
          await w.token.getAddress(),
          await w.registry.getAddress(),
          w.actors.treasury.address,
          params,
        ),
      )
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_PolicyNotBound")
        .withArgs(programFileHash, policyTextHash);
    }
    expect(await factory.programCount()).to.equal(count);
  });

  describe("program files", function () {
    it("cite the article of the policy text each category implements", function () {
      const definition = loadProgram(HTZ_FILE, DECIMALS);
      const policy = readFileSync(HTZ_POLICY, "utf8");
      for (const category of definition.categories) {
        expect(category.article, category.key).to.be.a("string");
        expect(policy, category.key).to.include(`${category.article}：`);
      }
    });

    it("refuses a file whose policy text is missing, in one sentence in each language", function () {
      // A copy of the HTZ file in a scratch folder, naming a policy text that is not there.
      const dir = mkdtempSync(path.join(tmpdir(), "mg-policy-"));
      const file = path.join(dir, "program.json");
      const raw = JSON.parse(readFileSync(HTZ_FILE, "utf8")) as Record<string, unknown>;
      raw.policyText = "policies/missing.txt";
      writeFileSync(file, JSON.stringify(raw, null, 2));
      const missing = path.resolve(dir, "policies", "missing.txt");
      try {
        expect(() => loadProgram(file, DECIMALS))
          .to.throw(ProgramFileError)
          .that.satisfies((error: ProgramFileError) => {
            expect(error.message).to.equal(
              `${file}: field "policyText" names ${missing}, which does not exist (the published policy text the program implements).`,
            );
            expect(error.zh).to.equal(
              `${file}：字段“policyText”指向的 ${missing} 不存在（应为项目所依据的已公布政策文本）。`,
            );
            return true;
          });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
