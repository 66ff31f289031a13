import { expect } from "chai";
import { network } from "hardhat";

import { DAY } from "../../scripts/lib/suite.js";
import { MilestoneState } from "../../core/enums.js";
import { textHash } from "../../core/ids.js";
import { guiyangFixture, expectLedgerMatchesChain, NOTICE, terms, yuan } from "../utils/fixtures.js";
import { submitAndApprove } from "../../scripts/lib/scenario.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

describe("Guiyang High-tech Zone programme, end to end", function () {
  it("pays a 5,000,000 national-lab award in two milestones after committee approval and public notice", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const { htz, token, actors } = w;
    const now = BigInt(await networkHelpers.time.latest());
    const lab = w.htzCategories.get("rd-platform-national")!;

    await htz.award(
      w.ids.a,
      lab,
      0,
      terms(now, [
        ["3,000,000", 90],
        ["2,000,000", 180],
      ]),
    );
    const grantId = await htz.grantCount();
    expect((await htz.summary()).reserved).to.equal(yuan("5,000,000"));

    const evidence = textHash("licence: national engineering lab, 2017");
    await submitAndApprove(htz, actors.companyA, actors.reviewers, grantId, 0, evidence, {
      reasonHash: textHash("verified"),
    });
    expect(await htz.milestoneState(grantId, 0)).to.equal(MilestoneState.InNotice);

    await networkHelpers.time.increase(NOTICE);
    expect(await htz.milestoneState(grantId, 0)).to.equal(MilestoneState.Payable);
    await expect(htz.connect(actors.companyA).claim(grantId, [0])).to.changeTokenBalances(
      ethers,
      token,
      [actors.companyA, htz],
      [yuan("3,000,000"), -yuan("3,000,000")],
    );
    const s = await htz.summary();
    expect(s.paid).to.equal(yuan("3,000,000"));
    expect(s.reserved).to.equal(yuan("2,000,000"));
    await expectLedgerMatchesChain(htz);
  });

  it("awards a 1,800,000 breakthrough under the 2,000,000 cap and refuses a product award above 1,000,000", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const { htz } = w;
    const now = BigInt(await networkHelpers.time.latest());
    const breakthrough = w.htzCategories.get("technical-breakthrough")!;
    const product = w.htzCategories.get("application-product")!;

    await expect(htz.award(w.ids.b, breakthrough, 0, terms(now, [["1,800,000", 60]]))).to.emit(htz, "GrantAwarded");
    const before = await htz.summary();
    await expect(
      htz.award(
        w.ids.c,
        product,
        0,
        terms(now, [
          ["600,000", 30],
          ["400,000.01", 60],
        ]),
      ),
    )
      .to.be.revertedWithCustomError(htz, "GrantProgram_AmountOverCap")
      .withArgs(yuan("1,000,000.01"), yuan("1,000,000"));
    expect(await htz.summary()).to.deep.equal(before);
  });

  it("refuses a second national-lab award to the same company, even with a new wallet", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const { htz, registry, actors } = w;
    const now = BigInt(await networkHelpers.time.latest());
    const lab = w.htzCategories.get("rd-platform-national")!;
    await htz.award(w.ids.a, lab, 0, terms(now, [["5,000,000", 90]]));

    const newWallet = actors.spare[0];
    await registry.connect(actors.registrar).requestWalletChange(w.nos.a, newWallet.address);
    await networkHelpers.time.increase(3n * DAY);
    await registry.completeWalletChange(w.nos.a);

    // The national lab is the top level of the platform tier group: held once, whatever the wallet.
    const before = await htz.summary();
    await expect(htz.award(w.ids.a, lab, 0, terms(now + 3n * DAY, [["5,000,000", 90]])))
      .to.be.revertedWithCustomError(htz, "GrantProgram_TierNotAbove")
      .withArgs(w.nos.a, 1, 3, 3);
    expect(await htz.summary()).to.deep.equal(before);
  });
});
