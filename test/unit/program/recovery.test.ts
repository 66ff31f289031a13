import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import type { IGrantProgram } from "../../../typechain-types/index.js";
import { MilestoneState } from "../../../core/enums.js";
import { textHash } from "../../../core/ids.js";
import {
  guiyangFixture,
  expectLedgerMatchesChain,
  NOTICE,
  terms,
  yuan,
  type GuiyangWorld,
  introduced,
} from "../../utils/fixtures.js";
import { approveSubmitted } from "../../../scripts/lib/scenario.js";
import { submittedNationalLab } from "../../utils/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const FRAUD = textHash("audit 2018-07: forged breakthrough certificate");

interface Recoverable {
  w: GuiyangWorld;
  htz: IGrantProgram;
  city: IGrantProgram;
  grantee: HardhatEthersSigner;
  entityNo: bigint;
  /** HTZ technical-breakthrough grant of company B: 1,000,000 paid, 800,000 still reserved. */
  htzGrant: bigint;
  /** City leading-talent grant of company B: 1,000,000 in one milestone, approved and payable. */
  cityGrant: bigint;
}

async function approve(w: GuiyangWorld, program: IGrantProgram, grantId: bigint, index: number, evidence: string) {
  await approveSubmitted(program, w.actors.reviewers, grantId, index, evidence, { reasonHash: textHash("verified") });
}

/**
 * Company B holds a paid HTZ milestone (1,000,000 of a 1,800,000 breakthrough award) and a payable
 * city leading-talent award it has not claimed yet.
 */
async function paidGrantee(): Promise<Recoverable> {
  const w = await networkHelpers.loadFixture(deployGuiyang);
  const { htz, city } = w;
  const grantee = w.actors.companyB;
  const now = BigInt(await networkHelpers.time.latest());

  await htz.award(
    w.ids.b,
    w.htzCategories.get("technical-breakthrough")!,
    0,
    terms(now, [
      ["1,000,000", 60],
      ["800,000", 120],
    ]),
  );
  const htzGrant = await htz.grantCount();
  await city.awardWithOptions(
    w.ids.b,
    w.cityCategories.get("leading-talent")!,
    0,
    terms(now, [["1,000,000", 60]]),
    introduced(now),
  );
  const cityGrant = await city.grantCount();

  const evidence = textHash("breakthrough: consensus protocol, expert committee report");
  await htz.connect(grantee).submitEvidence(htzGrant, 0, evidence);
  await approve(w, htz, htzGrant, 0, evidence);
  const talent = textHash("talent: province's Hundred leading talents, 2017 list");
  await city.connect(grantee).submitEvidence(cityGrant, 0, talent);
  await approve(w, city, cityGrant, 0, talent);
  await networkHelpers.time.increase(NOTICE);
  await htz.connect(grantee).claim(htzGrant, [0]);

  return { w, htz, city, grantee, entityNo: w.nos.b, htzGrant, cityGrant };
}

/** Gives `payer` tokens and lets the HTZ program pull them. */
async function fundPayer(r: Recoverable, payer: HardhatEthersSigner, amount: bigint) {
  await r.w.token.mint(payer.address, amount);
  await r.w.token.connect(payer).approve(await r.htz.getAddress(), amount);
}

async function entityState(r: Recoverable) {
  const record = await r.w.registry.entity(r.entityNo);
  return {
    openRecoveries: record.openRecoveries,
    barsByHtz: await r.w.registry.barsSetBy(r.entityNo, await r.htz.getAddress()),
    barsByCity: await r.w.registry.barsSetBy(r.entityNo, await r.city.getAddress()),
  };
}

async function snapshot(r: Recoverable) {
  return {
    htz: await r.htz.summary(),
    city: await r.city.summary(),
    htzGrant: await r.htz.grant(r.htzGrant),
    cityGrant: await r.city.grant(r.cityGrant),
    entity: await entityState(r),
    htzBalance: await r.w.token.balanceOf(await r.htz.getAddress()),
    cityBalance: await r.w.token.balanceOf(await r.city.getAddress()),
    granteeBalance: await r.w.token.balanceOf(r.grantee.address),
  };
}

describe("GrantProgram recovery", function () {
  describe("orderRecovery", function () {
    describe("by an account without MANAGER_ROLE", function () {
      it("is refused (AccessControlUnauthorizedAccount) and nothing changes", async function () {
        const r = await paidGrantee();
        const managerRole = await r.htz.MANAGER_ROLE();
        const before = await snapshot(r);
        for (const caller of [r.w.actors.stranger, r.w.actors.admin, r.w.actors.treasurer]) {
          await expect(r.htz.connect(caller).orderRecovery(r.htzGrant, yuan("1,000,000"), FRAUD))
            .to.be.revertedWithCustomError(r.htz, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, managerRole);
        }
        expect(await snapshot(r)).to.deep.equal(before);
      });
    });

    describe("for a zero amount", function () {
      it("is refused (GrantProgram_ZeroAmount) and nothing changes", async function () {
        const r = await paidGrantee();
        const before = await snapshot(r);
        await expect(r.htz.orderRecovery(r.htzGrant, 0n, FRAUD)).to.be.revertedWithCustomError(
          r.htz,
          "GrantProgram_ZeroAmount",
        );
        expect(await snapshot(r)).to.deep.equal(before);
      });
    });

    describe("for more than was paid", function () {
      it("is refused with RecoveryTooLarge(amount, paid) one fen above the 1,000,000 paid", async function () {
        const r = await paidGrantee();
        const before = await snapshot(r);
        await expect(r.htz.orderRecovery(r.htzGrant, yuan("1,000,000.01"), FRAUD))
          .to.be.revertedWithCustomError(r.htz, "GrantProgram_RecoveryTooLarge")
          .withArgs(yuan("1,000,000.01"), yuan("1,000,000"));
        expect(await snapshot(r)).to.deep.equal(before);
      });

      it("is refused with RecoveryTooLarge(amount, 0) on a grant of which nothing was paid", async function () {
        const r = await paidGrantee();
        const before = await snapshot(r);
        await expect(r.city.orderRecovery(r.cityGrant, yuan("0.01"), FRAUD))
          .to.be.revertedWithCustomError(r.city, "GrantProgram_RecoveryTooLarge")
          .withArgs(yuan("0.01"), 0n);
        expect(await snapshot(r)).to.deep.equal(before);
      });
    });

    describe("a second order on the same grant", function () {
      it("is accepted up to the remainder, refused beyond it, and does not add a second bar", async function () {
        const r = await paidGrantee();
        await r.htz.orderRecovery(r.htzGrant, yuan("600,000"), FRAUD);
        await expectLedgerMatchesChain(r.htz);

        const before = await snapshot(r);
        await expect(r.htz.orderRecovery(r.htzGrant, yuan("400,000.01"), FRAUD))
          .to.be.revertedWithCustomError(r.htz, "GrantProgram_RecoveryTooLarge")
          .withArgs(yuan("400,000.01"), yuan("400,000"));
        expect(await snapshot(r)).to.deep.equal(before);

        await expect(r.htz.orderRecovery(r.htzGrant, yuan("400,000"), FRAUD))
          .to.emit(r.htz, "RecoveryOrdered")
          .withArgs(r.htzGrant, r.entityNo, yuan("400,000"), FRAUD);
        expect((await r.htz.grant(r.htzGrant)).recoveryOwed).to.equal(yuan("1,000,000"));
        expect((await r.htz.summary()).recoveryOutstanding).to.equal(yuan("1,000,000"));
        expect(await entityState(r)).to.deep.equal({ openRecoveries: 1n, barsByHtz: 1n, barsByCity: 0n });
        await expectLedgerMatchesChain(r.htz);

        const after = await snapshot(r);
        await expect(r.htz.orderRecovery(r.htzGrant, yuan("0.01"), FRAUD))
          .to.be.revertedWithCustomError(r.htz, "GrantProgram_RecoveryTooLarge")
          .withArgs(yuan("0.01"), 0n);
        expect(await snapshot(r)).to.deep.equal(after);
      });
    });

    describe("on a grant with unpaid milestones", function () {
      it("cancels the grant and returns its 800,000 reserve to available, keeping the award key", async function () {
        const r = await paidGrantee();
        const before = await r.htz.summary();
        const tx = r.htz.orderRecovery(r.htzGrant, yuan("1,000,000"), FRAUD);
        await expect(tx).to.emit(r.htz, "GrantCancelled").withArgs(r.htzGrant, yuan("800,000"), false, FRAUD);
        await expect(tx).to.emit(r.htz, "RecoveryOrdered").withArgs(r.htzGrant, r.entityNo, yuan("1,000,000"), FRAUD);

        const g = await r.htz.grant(r.htzGrant);
        expect(g.cancelled).to.equal(true);
        expect(g.reserved).to.equal(0n);
        expect(g.recoveryOwed).to.equal(yuan("1,000,000"));
        expect(await r.htz.milestoneState(r.htzGrant, 0)).to.equal(MilestoneState.Paid);
        expect(await r.htz.milestoneState(r.htzGrant, 1)).to.equal(MilestoneState.Cancelled);

        const after = await r.htz.summary();
        expect(after.available).to.equal(before.available + yuan("800,000"));
        expect(after.reserved).to.equal(before.reserved - yuan("800,000"));
        expect(after.paid).to.equal(before.paid);
        expect(after.recoveryOutstanding).to.equal(yuan("1,000,000"));
        await expectLedgerMatchesChain(r.htz);

        // Money was paid, so the award key stays held: no second breakthrough award.
        const [holder] = await r.w.registry.awardHolder(r.entityNo, (await r.htz.category(g.categoryId)).awardKey);
        expect(holder).to.equal(await r.htz.getAddress());
      });
    });

    describe("barring the entity", function () {
      it("bars it once on the shared registry and emits EntityBarred", async function () {
        const r = await paidGrantee();
        await expect(r.htz.orderRecovery(r.htzGrant, yuan("500,000"), FRAUD))
          .to.emit(r.w.registry, "EntityBarred")
          .withArgs(r.entityNo, await r.htz.getAddress(), 1n);
        expect(await entityState(r)).to.deep.equal({ openRecoveries: 1n, barsByHtz: 1n, barsByCity: 0n });
        expect((await r.w.registry.payoutOf(r.entityNo)).openRecoveries).to.equal(1n);
      });

      it("refuses a new award to the barred entity in the other programme (city): EntityRegistry_EntityBarred", async function () {
        const r = await paidGrantee();
        await r.htz.orderRecovery(r.htzGrant, yuan("1,000,000"), FRAUD);
        const now = BigInt(await networkHelpers.time.latest());

        const before = await snapshot(r);
        await expect(
          r.city.award(r.w.ids.b, r.w.cityCategories.get("main-board-listing")!, 0, terms(now, [["10,000,000", 90]])),
        )
          .to.be.revertedWithCustomError(r.city, "EntityRegistry_EntityBarred")
          .withArgs(r.entityNo, 1n);
        expect(await snapshot(r)).to.deep.equal(before);
      });

      it("refuses the barred entity's claim of a payable milestone in the other programme: EntityRegistry_EntityBarred", async function () {
        const r = await paidGrantee();
        await r.htz.orderRecovery(r.htzGrant, yuan("1,000,000"), FRAUD);
        expect(await r.city.milestoneState(r.cityGrant, 0)).to.equal(MilestoneState.Payable);

        const before = await snapshot(r);
        // Declared in the registry's section of Errors, thrown by the program itself (it is in the program's ABI).
        await expect(r.city.connect(r.grantee).claim(r.cityGrant, [0]))
          .to.be.revertedWithCustomError(r.city, "EntityRegistry_EntityBarred")
          .withArgs(r.entityNo, 1n);
        expect(await snapshot(r)).to.deep.equal(before);
      });

      it("refuses a new award to the barred entity in the ordering programme too", async function () {
        const r = await paidGrantee();
        await r.htz.orderRecovery(r.htzGrant, yuan("1,000,000"), FRAUD);
        const now = BigInt(await networkHelpers.time.latest());

        const before = await snapshot(r);
        await expect(
          r.htz.award(r.w.ids.b, r.w.htzCategories.get("application-product")!, 0, terms(now, [["500,000", 90]])),
        )
          .to.be.revertedWithCustomError(r.htz, "EntityRegistry_EntityBarred")
          .withArgs(r.entityNo, 1n);
        expect(await snapshot(r)).to.deep.equal(before);
      });
    });
  });

  describe("repay", function () {
    describe("by someone other than the grantee", function () {
      it("is accepted on the grantee's behalf and emits Repaid with what is still owed", async function () {
        const r = await paidGrantee();
        await r.htz.orderRecovery(r.htzGrant, yuan("1,000,000"), FRAUD);
        const payer = r.w.actors.stranger;
        await fundPayer(r, payer, yuan("250,000"));

        const tx = r.htz.connect(payer).repay(r.htzGrant, yuan("250,000"));
        await expect(tx).to.emit(r.htz, "Repaid").withArgs(r.htzGrant, payer.address, yuan("250,000"), yuan("750,000"));
        await expect(tx).to.changeTokenBalances(ethers, r.w.token, [payer, r.htz], [-yuan("250,000"), yuan("250,000")]);
        await expectLedgerMatchesChain(r.htz);
      });
    });

    describe("for zero or more than is owed", function () {
      it("refuses zero with RepaymentTooLarge(0, owed)", async function () {
        const r = await paidGrantee();
        await r.htz.orderRecovery(r.htzGrant, yuan("1,000,000"), FRAUD);
        await fundPayer(r, r.grantee, yuan("1,000,000"));
        const before = await snapshot(r);
        await expect(r.htz.connect(r.grantee).repay(r.htzGrant, 0n))
          .to.be.revertedWithCustomError(r.htz, "GrantProgram_RepaymentTooLarge")
          .withArgs(0n, yuan("1,000,000"));
        expect(await snapshot(r)).to.deep.equal(before);
      });

      it("refuses one fen above the debt with RepaymentTooLarge(amount, owed)", async function () {
        const r = await paidGrantee();
        await r.htz.orderRecovery(r.htzGrant, yuan("1,000,000"), FRAUD);
        await fundPayer(r, r.grantee, yuan("1,000,000.01"));
        const before = await snapshot(r);
        await expect(r.htz.connect(r.grantee).repay(r.htzGrant, yuan("1,000,000.01")))
          .to.be.revertedWithCustomError(r.htz, "GrantProgram_RepaymentTooLarge")
          .withArgs(yuan("1,000,000.01"), yuan("1,000,000"));
        expect(await snapshot(r)).to.deep.equal(before);
      });

      it("refuses any repayment on a grant that owes nothing with RepaymentTooLarge(amount, 0)", async function () {
        const r = await paidGrantee();
        await fundPayer(r, r.grantee, yuan("100"));
        const before = await snapshot(r);
        await expect(r.htz.connect(r.grantee).repay(r.htzGrant, yuan("100")))
          .to.be.revertedWithCustomError(r.htz, "GrantProgram_RepaymentTooLarge")
          .withArgs(yuan("100"), 0n);
        expect(await snapshot(r)).to.deep.equal(before);
      });
    });

    describe("in instalments", function () {
      it("keeps the bar after a partial repayment and lifts it on the last one; the ledger identity holds at every step", async function () {
        const r = await paidGrantee();
        const htzAddress = await r.htz.getAddress();
        const start = await r.htz.summary();
        await expectLedgerMatchesChain(r.htz);

        await r.htz.orderRecovery(r.htzGrant, yuan("1,000,000"), FRAUD);
        const ordered = await r.htz.summary();
        expect(ordered.recoveryOutstanding).to.equal(yuan("1,000,000"));
        expect(ordered.available).to.equal(start.available + yuan("800,000"));
        await expectLedgerMatchesChain(r.htz);

        // Partial: 400,000 returns to the budget, the bar stays.
        await fundPayer(r, r.grantee, yuan("1,000,000"));
        await expect(r.htz.connect(r.grantee).repay(r.htzGrant, yuan("400,000"))).not.to.emit(
          r.w.registry,
          "BarLifted",
        );
        const partial = await r.htz.summary();
        expect(partial.repaid).to.equal(yuan("400,000"));
        expect(partial.available).to.equal(ordered.available + yuan("400,000"));
        expect(partial.recoveryOutstanding).to.equal(yuan("600,000"));
        expect(partial.paid).to.equal(ordered.paid);
        await expectLedgerMatchesChain(r.htz);
        expect(await entityState(r)).to.deep.equal({ openRecoveries: 1n, barsByHtz: 1n, barsByCity: 0n });
        await expect(r.city.connect(r.grantee).claim(r.cityGrant, [0]))
          .to.be.revertedWithCustomError(r.city, "EntityRegistry_EntityBarred")
          .withArgs(r.entityNo, 1n);

        // Final: the bar is lifted and the rest returns to the budget.
        await expect(r.htz.connect(r.grantee).repay(r.htzGrant, yuan("600,000")))
          .to.emit(r.w.registry, "BarLifted")
          .withArgs(r.entityNo, htzAddress, 0n);
        const repaid = await r.htz.summary();
        expect(repaid.repaid).to.equal(yuan("1,000,000"));
        expect(repaid.available).to.equal(ordered.available + yuan("1,000,000"));
        expect(repaid.recoveryOutstanding).to.equal(0n);
        await expectLedgerMatchesChain(r.htz);
        expect(await entityState(r)).to.deep.equal({ openRecoveries: 0n, barsByHtz: 0n, barsByCity: 0n });
        const g = await r.htz.grant(r.htzGrant);
        expect(g.recoveryOwed).to.equal(0n);
        expect(g.recovered).to.equal(yuan("1,000,000"));

        // Unbarred: the entity can claim its city award again.
        await expect(r.city.connect(r.grantee).claim(r.cityGrant, [0])).to.changeTokenBalances(
          ethers,
          r.w.token,
          [r.grantee, r.city],
          [yuan("1,000,000"), -yuan("1,000,000")],
        );
        await expectLedgerMatchesChain(r.city);
      });

      it("refuses a further repayment once the debt is settled (RepaymentTooLarge(amount, 0))", async function () {
        const r = await paidGrantee();
        await r.htz.orderRecovery(r.htzGrant, yuan("300,000"), FRAUD);
        await fundPayer(r, r.grantee, yuan("300,000.01"));
        await r.htz.connect(r.grantee).repay(r.htzGrant, yuan("300,000"));

        const before = await snapshot(r);
        await expect(r.htz.connect(r.grantee).repay(r.htzGrant, yuan("0.01")))
          .to.be.revertedWithCustomError(r.htz, "GrantProgram_RepaymentTooLarge")
          .withArgs(yuan("0.01"), 0n);
        expect(await snapshot(r)).to.deep.equal(before);
      });
    });
  });

  describe("EntityRegistry.liftBar", function () {
    describe("by a program that did not set the bar", function () {
      it("is refused with EntityRegistry_NoOpenRecovery and the HTZ bar stays", async function () {
        const r = await paidGrantee();
        await r.htz.orderRecovery(r.htzGrant, yuan("1,000,000"), FRAUD);
        const { registry, actors } = r.w;
        // Simulate another program: any account holding PROGRAM_ROLE on the registry.
        const otherProgram = actors.spare[0];
        await registry.connect(actors.registryAdmin).grantRole(await registry.PROGRAM_ROLE(), otherProgram.address);

        const before = await snapshot(r);
        await expect(registry.connect(otherProgram).liftBar(r.entityNo))
          .to.be.revertedWithCustomError(registry, "EntityRegistry_NoOpenRecovery")
          .withArgs(r.entityNo);
        expect(await snapshot(r)).to.deep.equal(before);
        expect(await registry.barsSetBy(r.entityNo, otherProgram.address)).to.equal(0n);
      });
    });
  });
});

describe("GrantProgram hardening", function () {
  const EVIDENCE = textHash("licence: national engineering lab, 2017");
  const REASON = textHash("ok");
  const submitted = () => submittedNationalLab(networkHelpers, deployGuiyang, EVIDENCE);

  describe("orderRecovery", function () {
    it("does not cancel a fully paid grant (no GrantCancelled), only bars and records the debt", async function () {
      const s = await submitted();
      await approveSubmitted(s.htz, s.actors.reviewers, s.grantId, 0, EVIDENCE, { reasonHash: REASON });
      await networkHelpers.time.increase(NOTICE);
      await s.htz.connect(s.actors.companyA).claim(s.grantId, [0]);
      const tx = s.htz.orderRecovery(s.grantId, yuan("5,000,000"), REASON);
      await expect(tx).to.emit(s.htz, "RecoveryOrdered");
      await expect(tx).not.to.emit(s.htz, "GrantCancelled");
      expect((await s.htz.grant(s.grantId)).cancelled).to.equal(false);
    });
  });
  describe("registry authorisation revoked while money is owed", function () {
    it("still lets the repayment lift the bar the program set", async function () {
      const s = await submitted();
      await approveSubmitted(s.htz, s.actors.reviewers, s.grantId, 0, EVIDENCE, { reasonHash: REASON });
      await networkHelpers.time.increase(NOTICE);
      await s.htz.connect(s.actors.companyA).claim(s.grantId, [0]);
      await s.htz.orderRecovery(s.grantId, yuan("1"), REASON);
      const { registry, token } = s.w;
      await registry
        .connect(s.actors.registryAdmin)
        .revokeRole(await registry.PROGRAM_ROLE(), await s.htz.getAddress());
      await token.connect(s.actors.companyA).approve(await s.htz.getAddress(), yuan("1"));

      await expect(s.htz.connect(s.actors.companyA).repay(s.grantId, yuan("1"))).to.emit(registry, "BarLifted");
      expect((await registry.entity(s.w.nos.a)).openRecoveries).to.equal(0n);
    });

    it("a wound-down program can still order recovery: the debt is recorded and the entity barred", async function () {
      const s = await submitted();
      await approveSubmitted(s.htz, s.actors.reviewers, s.grantId, 0, EVIDENCE, { reasonHash: REASON });
      await networkHelpers.time.increase(NOTICE);
      await s.htz.connect(s.actors.companyA).claim(s.grantId, [0]);
      const { registry } = s.w;
      await registry
        .connect(s.actors.registryAdmin)
        .revokeRole(await registry.PROGRAM_ROLE(), await s.htz.getAddress());

      await expect(s.htz.orderRecovery(s.grantId, yuan("5,000,000"), REASON))
        .to.emit(registry, "EntityBarred")
        .withArgs(s.w.nos.a, await s.htz.getAddress(), 1n);
      expect((await s.htz.grant(s.grantId)).recoveryOwed).to.equal(yuan("5,000,000"));
      expect((await s.htz.summary()).recoveryOutstanding).to.equal(yuan("5,000,000"));
      expect((await registry.entity(s.w.nos.a)).openRecoveries).to.equal(1n);
    });

    it("refuses liftBar and releaseAward from an account that was never authorised", async function () {
      const s = await submitted();
      const { registry } = s.w;
      const role = await registry.PROGRAM_ROLE();
      await expect(registry.connect(s.actors.stranger).liftBar(s.w.nos.a))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(s.actors.stranger.address, role);
      await expect(registry.connect(s.actors.stranger).releaseAward(s.w.nos.a, textHash("key")))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(s.actors.stranger.address, role);
    });
  });
});
