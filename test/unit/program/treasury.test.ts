import { expect } from "chai";
import { network } from "hardhat";

import type { FeeOnTransferToken, IGrantProgram } from "../../../typechain-types/index.js";
import { DAY } from "../../../scripts/lib/suite.js";
import { textHash } from "../../../core/ids.js";
import {
  guiyangFixture,
  expectLedgerMatchesChain,
  NOTICE,
  terms,
  yuan,
  type GuiyangWorld,
} from "../../utils/fixtures.js";
import { balanceMatchesLedger as matchesLedger, ledgerIdentityHolds } from "../../../core/ledger.js";
import { programAt } from "../../../core/program-abi.js";
import { submitAndApprove } from "../../../scripts/lib/scenario.js";
import { NO_FISCAL_CALENDAR } from "../../../core/fiscal.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

/** What a refused call must leave untouched: the program's summary and every relevant token balance. */
async function snapshot(w: GuiyangWorld, program: IGrantProgram = w.htz) {
  const holders = [program, w.actors.treasury, w.actors.treasurer, w.actors.stranger, w.actors.admin];
  const balances: bigint[] = [];
  for (const holder of holders) balances.push(await w.token.balanceOf(await holder.getAddress()));
  return { summary: await program.summary(), balances };
}

/** The program's token balance equals what its ledger accounts for plus the surplus (core/ledger.ts). */
async function balanceMatchesLedger(w: GuiyangWorld, program: IGrantProgram): Promise<boolean> {
  return matchesLedger(await program.summary(), await w.token.balanceOf(await program.getAddress()));
}

async function mintAndApprove(w: GuiyangWorld, program: IGrantProgram, amount: bigint, holder = w.actors.treasurer) {
  await w.token.mint(holder.address, amount);
  await w.token.connect(holder).approve(await program.getAddress(), amount);
}

/** htz with a 5,000,000 national-lab grant to company A, so available is 15,000,000. */
async function withGrant() {
  const w = await networkHelpers.loadFixture(deployGuiyang);
  const t = BigInt(await networkHelpers.time.latest());
  await w.htz.award(w.ids.a, w.htzCategories.get("rd-platform-national")!, 0, terms(t, [["5,000,000", 90]]));
  return w;
}

describe("GrantProgram treasury", function () {
  describe("lifetime counters", function () {
    it("cannot brick fund or repay: past 2**128 in lifetime funding the counters wrap and available stays exact", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const MOD = 2n ** 128n;
      const program = await w.htz.getAddress();
      const start = await w.htz.summary();
      // Fill the program up to the largest balance it accepts, then send it all back to the treasury.
      const headroom = MOD - 1n - (await w.token.balanceOf(program));
      await mintAndApprove(w, w.htz, headroom);
      await w.htz.connect(w.actors.treasurer).fund(headroom);
      await w.htz.connect(w.actors.treasurer).withdraw(headroom);
      // Lifetime funding is now start.funded + headroom; one more yuan passes 2**128.
      expect(start.funded + headroom + yuan("1")).to.be.greaterThanOrEqual(MOD);
      await mintAndApprove(w, w.htz, yuan("1"));
      await expect(w.htz.connect(w.actors.treasurer).fund(yuan("1")))
        .to.emit(w.htz, "Funded")
        .withArgs(w.actors.treasurer.address, yuan("1"));

      const after = await w.htz.summary();
      expect(after.available).to.equal(start.available + yuan("1"));
      expect(after.funded).to.equal((start.funded + headroom + yuan("1")) % MOD);
      expect(after.withdrawn).to.equal(start.withdrawn + headroom);
      // The tooling's checks (core/ledger.ts) hold modulo 2^128 on the wrapped figures.
      expect(ledgerIdentityHolds(after)).to.equal(true);
      expect(await balanceMatchesLedger(w, w.htz)).to.equal(true);
      // The whole available budget can still leave, to the unit.
      await expect(w.htz.connect(w.actors.treasurer).withdraw(after.available)).to.changeTokenBalances(
        ethers,
        w.token,
        [w.htz, w.actors.treasury],
        [-after.available, after.available],
      );
      expect((await w.htz.summary()).available).to.equal(0n);
    });
  });

  describe("fund", function () {
    describe("when the treasurer funds a positive amount", function () {
      it("pulls exactly the amount, credits funded and available, and emits Funded", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const amount = yuan("2,500,000.55");
        await mintAndApprove(w, w.htz, amount);
        const before = await w.htz.summary();
        const tx = w.htz.connect(w.actors.treasurer).fund(amount);
        await expect(tx).to.emit(w.htz, "Funded").withArgs(w.actors.treasurer.address, amount);
        await expect(tx).to.changeTokenBalances(ethers, w.token, [w.actors.treasurer, w.htz], [-amount, amount]);
        const after = await w.htz.summary();
        expect(after.funded).to.equal(before.funded + amount);
        expect(after.available).to.equal(before.available + amount);
        expect(after.surplus).to.equal(0n);
        await expectLedgerMatchesChain(w.htz);
        expect(await balanceMatchesLedger(w, w.htz)).to.equal(true);
      });
    });

    describe("when the amount is zero", function () {
      it("refuses to fund zero", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await mintAndApprove(w, w.htz, yuan("1,000"));
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.treasurer).fund(0n)).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_ZeroAmount",
        );
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the caller is not the treasurer", function () {
      it("refuses a stranger holding and approving the tokens", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await mintAndApprove(w, w.htz, yuan("1,000"), w.actors.stranger);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.stranger).fund(yuan("1,000")))
          .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
          .withArgs(w.actors.stranger.address, await w.htz.TREASURER_ROLE());
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses the admin", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await mintAndApprove(w, w.htz, yuan("1,000"), w.actors.admin);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.admin).fund(yuan("1,000")))
          .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
          .withArgs(w.actors.admin.address, await w.htz.TREASURER_ROLE());
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the token charges a fee on transfer", function () {
      it("refuses the funding with TransferAmountMismatch, naming the amount that arrived", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const fot = (await ethers.deployContract("FeeOnTransferToken")) as unknown as FeeOnTransferToken;
        const fotAddress = await fot.getAddress();
        const now = BigInt(await networkHelpers.time.latest());
        const params = {
          admin: w.actors.admin.address,
          managers: [w.actors.manager.address],
          reviewers: w.actors.reviewers.map((r) => r.address),
          treasurer: w.actors.treasurer.address,
          guardian: w.actors.guardian.address,
          quorum: 3,
          noticePeriod: NOTICE,
          windowOpensAt: now,
          windowClosesAt: now + 365n * DAY,
          upheldObjectionOutcome: 0,
          programFileHash: textHash("fee token program file"),
          policyTextHash: textHash("fee token policy text"),
          fiscalCalendar: NO_FISCAL_CALENDAR,
        };
        const args = [
          w.core.version,
          "Fee token programme",
          fotAddress,
          await w.registry.getAddress(),
          w.actors.treasury.address,
          params,
        ] as const;
        const address = await w.core.factory.createProgram.staticCall(...args);
        await w.core.factory.createProgram(...args);
        const program = programAt(address, (await ethers.getSigners())[0]);
        expect(await program.token()).to.equal(fotAddress);

        const amount = yuan("100,000");
        await fot.mint(w.actors.treasurer.address, amount);
        await fot.connect(w.actors.treasurer).approve(address, amount);
        const summaryBefore = await program.summary();
        const treasurerBefore = await fot.balanceOf(w.actors.treasurer.address);
        const supplyBefore = await fot.totalSupply();

        await expect(program.connect(w.actors.treasurer).fund(amount))
          .to.be.revertedWithCustomError(program, "GrantProgram_TransferAmountMismatch")
          .withArgs(amount, amount - amount / 100n);
        expect(await program.summary()).to.deep.equal(summaryBefore);
        expect(await fot.balanceOf(address)).to.equal(0n);
        expect(await fot.balanceOf(w.actors.treasurer.address)).to.equal(treasurerBefore);
        expect(await fot.totalSupply()).to.equal(supplyBefore);
      });
    });
  });

  describe("withdraw", function () {
    describe("when the amount is within the available budget", function () {
      it("withdraws exactly the available budget to the treasury, not to the treasurer", async function () {
        const w = await withGrant();
        const available = (await w.htz.summary()).available;
        expect(available).to.equal(yuan("15,000,000"));
        const tx = w.htz.connect(w.actors.treasurer).withdraw(available);
        await expect(tx).to.emit(w.htz, "Withdrawn").withArgs(w.actors.treasury.address, available);
        await expect(tx).to.changeTokenBalances(
          ethers,
          w.token,
          [w.actors.treasury, w.actors.treasurer, w.htz],
          [available, 0n, -available],
        );
        const s = await w.htz.summary();
        expect(s.available).to.equal(0n);
        expect(s.withdrawn).to.equal(available);
        expect(s.reserved).to.equal(yuan("5,000,000"));
        await expectLedgerMatchesChain(w.htz);
        expect(await balanceMatchesLedger(w, w.htz)).to.equal(true);
      });
    });

    describe("when the amount exceeds the available budget", function () {
      it("refuses one unit more than available, even though the reserved tokens are held", async function () {
        const w = await withGrant();
        const available = (await w.htz.summary()).available;
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.treasurer).withdraw(available + 1n))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InsufficientBudget")
          .withArgs(available + 1n, available);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses to withdraw a surplus through withdraw", async function () {
        const w = await withGrant();
        await w.token.mint(await w.htz.getAddress(), yuan("10,000"));
        const available = (await w.htz.summary()).available;
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.treasurer).withdraw(available + yuan("10,000")))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InsufficientBudget")
          .withArgs(available + yuan("10,000"), available);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the amount is zero", function () {
      it("refuses to withdraw zero", async function () {
        const w = await withGrant();
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.treasurer).withdraw(0n)).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_ZeroAmount",
        );
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the caller is not the treasurer", function () {
      it("refuses the admin, the manager and the treasury address itself", async function () {
        const w = await withGrant();
        const before = await snapshot(w);
        const role = await w.htz.TREASURER_ROLE();
        for (const caller of [w.actors.admin, w.actors.manager, w.actors.treasury]) {
          await expect(w.htz.connect(caller).withdraw(yuan("1")))
            .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, role);
        }
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });
  });

  describe("sweepSurplus", function () {
    describe("when tokens arrived outside fund", function () {
      it("leaves funded and available unchanged and reports the tokens as surplus", async function () {
        const w = await withGrant();
        const before = await w.htz.summary();
        const gift = yuan("1,234.56");
        await w.token.mint(w.actors.stranger.address, gift);
        await w.token.connect(w.actors.stranger).transfer(await w.htz.getAddress(), gift);
        const after = await w.htz.summary();
        expect(after.funded).to.equal(before.funded);
        expect(after.available).to.equal(before.available);
        expect(after.reserved).to.equal(before.reserved);
        expect(after.surplus).to.equal(gift);
        await expectLedgerMatchesChain(w.htz);
        expect(await balanceMatchesLedger(w, w.htz)).to.equal(true);
      });

      it("sends exactly the surplus to the treasury and leaves the ledger as it was", async function () {
        const w = await withGrant();
        const ledgerBefore = await w.htz.summary();
        const gift = yuan("1,234.56");
        await w.token.mint(await w.htz.getAddress(), gift);
        const tx = w.htz.connect(w.actors.treasurer).sweepSurplus();
        await expect(tx).to.emit(w.htz, "SurplusSwept").withArgs(w.actors.treasury.address, gift);
        await expect(tx).to.changeTokenBalances(
          ethers,
          w.token,
          [w.actors.treasury, w.actors.treasurer, w.htz],
          [gift, 0n, -gift],
        );
        expect(await w.htz.summary()).to.deep.equal(ledgerBefore);
        await expectLedgerMatchesChain(w.htz);
        expect(await balanceMatchesLedger(w, w.htz)).to.equal(true);
      });
    });

    describe("when there is no surplus", function () {
      it("refuses to sweep with NoSurplus", async function () {
        const w = await withGrant();
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.treasurer).sweepSurplus()).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_NoSurplus",
        );
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a second sweep right after the first", async function () {
        const w = await withGrant();
        await w.token.mint(await w.htz.getAddress(), yuan("1"));
        await w.htz.connect(w.actors.treasurer).sweepSurplus();
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.treasurer).sweepSurplus()).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_NoSurplus",
        );
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the caller is not the treasurer", function () {
      it("refuses a stranger", async function () {
        const w = await withGrant();
        await w.token.mint(await w.htz.getAddress(), yuan("1"));
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.stranger).sweepSurplus())
          .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
          .withArgs(w.actors.stranger.address, await w.htz.TREASURER_ROLE());
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });
  });

  describe("ledger identity", function () {
    it("holds after every step of fund, award, direct transfer, sweep, claim and withdraw", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const { htz, actors } = w;
      const check = async (): Promise<void> => {
        await expectLedgerMatchesChain(htz);
        expect(await balanceMatchesLedger(w, htz)).to.equal(true);
      };
      await check();

      await mintAndApprove(w, htz, yuan("500,000"));
      await htz.connect(actors.treasurer).fund(yuan("500,000"));
      await check();

      const t = BigInt(await networkHelpers.time.latest());
      await htz.award(
        w.ids.b,
        w.htzCategories.get("rd-platform-joint")!,
        0,
        terms(t, [
          ["1,200,000", 30],
          ["800,000", 60],
        ]),
      );
      await check();

      await w.token.mint(await htz.getAddress(), yuan("77.77"));
      await check();
      expect((await htz.summary()).surplus).to.equal(yuan("77.77"));

      const grantId = await htz.grantCount();
      const evidence = textHash("joint lab licence");
      await submitAndApprove(htz, actors.companyB, actors.reviewers, grantId, 0, evidence, {
        reasonHash: textHash("ok"),
      });
      await networkHelpers.time.increase(NOTICE);
      await htz.connect(actors.companyB).claim(grantId, [0]);
      await check();

      await htz.connect(actors.treasurer).sweepSurplus();
      await check();

      await htz.connect(actors.treasurer).withdraw(yuan("1,000,000"));
      await check();

      const s = await htz.summary();
      expect(s.funded).to.equal(yuan("20,500,000"));
      expect(s.paid).to.equal(yuan("1,200,000"));
      expect(s.reserved).to.equal(yuan("800,000"));
      expect(s.withdrawn).to.equal(yuan("1,000,000"));
      expect(s.available).to.equal(yuan("17,500,000"));
      expect(s.surplus).to.equal(0n);
    });
  });
});
