import { expect } from "chai";
import { network } from "hardhat";

import { EntityKind, MilestoneState } from "../../../core/enums.js";
import { companyId, textHash } from "../../../core/ids.js";
import { guiyangFixture, NOTICE, terms, yuan } from "../../utils/fixtures.js";
import { submitAndApprove } from "../../../scripts/lib/scenario.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

async function paidFirstMilestone() {
  const w = await networkHelpers.loadFixture(deployGuiyang);
  const now = BigInt(await networkHelpers.time.latest());
  const lab = w.htzCategories.get("rd-platform-national")!;
  await w.htz.award(
    w.ids.a,
    lab,
    0,
    terms(now, [
      ["3,000,000", 90],
      ["2,000,000", 180],
    ]),
  );
  const grantId = await w.htz.grantCount();
  const evidence = textHash("licence");
  await submitAndApprove(w.htz, w.actors.companyA, w.actors.reviewers, grantId, 0, evidence, {
    reasonHash: textHash("ok"),
  });
  await networkHelpers.time.increase(NOTICE);
  await w.htz.connect(w.actors.companyA).claim(grantId, [0]);
  return { w, grantId, evidence, lab };
}

describe("GrantProgramLens", function () {
  describe("milestones", function () {
    it("lists each milestone with its amount, derived state, approvals and current evidence", async function () {
      const { w, grantId, evidence } = await paidFirstMilestone();
      const list = await w.core.lens.milestones(await w.htz.getAddress(), grantId);
      expect(list.length).to.equal(2);
      expect(list[0].amount).to.equal(yuan("3,000,000"));
      expect(list[0].state).to.equal(MilestoneState.Paid);
      expect(list[0].approvals).to.equal(0b0111n);
      expect(list[0].evidenceHash).to.equal(evidence);
      expect(list[1].state).to.equal(MilestoneState.Pending);
      expect(list[1].evidenceHash).to.equal(`0x${"00".repeat(32)}`);
    });
  });

  describe("grantTotals", function () {
    it("adds up awarded, paid and reserved exactly", async function () {
      const { w, grantId } = await paidFirstMilestone();
      const [awarded, paid, reserved] = await w.core.lens.grantTotals(await w.htz.getAddress(), grantId);
      expect(awarded).to.equal(yuan("5,000,000"));
      expect(paid).to.equal(yuan("3,000,000"));
      expect(reserved).to.equal(yuan("2,000,000"));
      expect(await w.htz.available()).to.equal(yuan("15,000,000"));
      expect((await w.htz.ledger()).paid).to.equal(yuan("3,000,000"));
    });
  });

  describe("awardsOf", function () {
    it("shows the grant an entity holds per category and zero elsewhere", async function () {
      const { w, grantId, lab } = await paidFirstMilestone();
      const ids = await w.core.lens.awardsOf(await w.htz.getAddress(), w.nos.a);
      expect(ids.length).to.equal(5);
      expect(ids[Number(lab) - 1]).to.equal(grantId);
      expect(ids.filter((id) => id !== 0n).length).to.equal(1);
      expect((await w.core.lens.awardsOf(await w.htz.getAddress(), w.nos.b)).every((id) => id === 0n)).to.equal(true);
    });
  });

  describe("grantPage", function () {
    async function twoGrants() {
      const { w, grantId, lab } = await paidFirstMilestone();
      const now = BigInt(await networkHelpers.time.latest());
      const product = w.htzCategories.get("application-product")!;
      await w.htz.award(w.ids.b, product, 0, terms(now, [["800,000", 60]]));
      return { w, program: await w.htz.getAddress(), first: grantId, lab, product };
    }

    it("returns each grant of the page with its header and milestones, in id order", async function () {
      const { w, program, first, lab, product } = await twoGrants();
      const page = await w.core.lens.grantPage(program, first, 100);
      expect(page.map((r) => r.id)).to.deep.equal([first, first + 1n]);
      expect(page[0].grant.entityNo).to.equal(w.nos.a);
      expect(page[0].grant.categoryId).to.equal(lab);
      expect(page[0].milestones.map((m) => m.state)).to.deep.equal([
        BigInt(MilestoneState.Paid),
        BigInt(MilestoneState.Pending),
      ]);
      expect(page[1].grant.entityNo).to.equal(w.nos.b);
      expect(page[1].grant.categoryId).to.equal(product);
      expect(page[1].milestones.map((m) => m.amount)).to.deep.equal([yuan("800,000")]);
    });

    it("stops at the last grant and returns nothing past it or for id 0", async function () {
      const { w, program, first } = await twoGrants();
      expect((await w.core.lens.grantPage(program, first + 1n, 10)).map((r) => r.id)).to.deep.equal([first + 1n]);
      expect((await w.core.lens.grantPage(program, first, 1)).map((r) => r.id)).to.deep.equal([first]);
      expect(await w.core.lens.grantPage(program, first + 2n, 10)).to.deep.equal([]);
      expect(await w.core.lens.grantPage(program, 0, 10)).to.deep.equal([]);
    });

    it("grantsById returns the named grants in the order given and refuses an unknown id", async function () {
      const { w, program, first } = await twoGrants();
      const rows = await w.core.lens.grantsById(program, [first + 1n, first]);
      expect(rows.map((r) => r.id)).to.deep.equal([first + 1n, first]);
      expect(rows.map((r) => r.grant.entityNo)).to.deep.equal([w.nos.b, w.nos.a]);
      expect(rows[1].milestones.length).to.equal(2);
      await expect(w.core.lens.grantsById(program, [first + 2n])).to.be.revertedWithCustomError(
        w.htz,
        "GrantProgram_UnknownGrant",
      );
      const tooMany = Array.from({ length: 101 }, () => first);
      await expect(w.core.lens.grantsById(program, tooMany))
        .to.be.revertedWithCustomError(w.core.lens, "GrantProgramLens_PageTooLarge")
        .withArgs(101n, 100n);
    });

    it("refuses a page of more than MAX_PAGE_ROWS rows (PageTooLarge)", async function () {
      const { w, program, first } = await twoGrants();
      const max = await w.core.lens.MAX_PAGE_ROWS();
      expect(max).to.equal(100n);
      await expect(w.core.lens.grantPage(program, first, max + 1n))
        .to.be.revertedWithCustomError(w.core.lens, "GrantProgramLens_PageTooLarge")
        .withArgs(max + 1n, max);
      await expect(w.core.lens.applicationPage(program, 1, max + 1n))
        .to.be.revertedWithCustomError(w.core.lens, "GrantProgramLens_PageTooLarge")
        .withArgs(max + 1n, max);
    });
  });

  describe("applicationPage and categories", function () {
    it("pages applications with their ids and lists every category by id", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const program = await w.htz.getAddress();
      const product = w.htzCategories.get("application-product")!;
      await w.htz.connect(w.actors.companyB).submitApplication(product, textHash("application b"));
      await w.htz.connect(w.actors.companyC).submitApplication(product, textHash("application c"));
      const page = await w.core.lens.applicationPage(program, 2, 5);
      expect(page.map((r) => r.id)).to.deep.equal([2n]);
      expect(page[0].application.entityNo).to.equal(w.nos.c);
      expect(page[0].application.categoryId).to.equal(product);
      const list = await w.core.lens.categories(program);
      expect(list.length).to.equal((await w.htz.settings()).categoryCount);
      expect(list[Number(product) - 1].awardKey).to.equal((await w.htz.category(product)).awardKey);
    });
  });

  describe("reviewers", function () {
    it("lists the current committee in slot order and drops a removed reviewer", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const program = await w.htz.getAddress();
      expect(await w.core.lens.reviewers(program)).to.deep.equal(w.actors.reviewers.map((r) => r.address));
      await w.htz.connect(w.actors.admin).removeReviewer(w.actors.reviewers[1].address);
      const [r1, , r3, r4] = w.actors.reviewers;
      expect(await w.core.lens.reviewers(program)).to.deep.equal([r1.address, r3.address, r4.address]);
    });
  });
});

describe("GrantProgram separation of duties at award time", function () {
  for (const role of ["admin", "guardian"] as const) {
    it(`refuses an award whose payout wallet is the program ${role} (RoleConflict) and moves nothing`, async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const wallet = w.actors[role];
      const id = companyId(`91520115MA6ROLE${role.toUpperCase().slice(0, 3)}`);
      await w.registry.connect(w.actors.registrar).registerEntity(id, EntityKind.Company, wallet.address);
      const roleId = role === "admin" ? await w.htz.DEFAULT_ADMIN_ROLE() : await w.htz.GUARDIAN_ROLE();
      const before = await w.htz.summary();
      const now = BigInt(await networkHelpers.time.latest());
      await expect(w.htz.award(id, w.htzCategories.get("rd-platform-provincial")!, 0, terms(now, [["1,000,000", 30]])))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
        .withArgs(wallet.address, roleId, textHash("GRANTEE"));
      expect(await w.htz.summary()).to.deep.equal(before);
    });
  }

  it("refuses to deploy an extension bound to the zero factory", async function () {
    const extension = await ethers.getContractFactory("GrantProgramExtension");
    await expect(extension.deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      extension,
      "GrantProgram_ZeroFactory",
    );
  });
});
