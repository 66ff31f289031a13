import { expect } from "chai";
import { network } from "hardhat";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";

import { MilestoneState } from "../../core/enums.js";
import { textHash } from "../../core/ids.js";
import { signVote } from "../../core/votes.js";
import {
  guiyangFixture,
  expectLedgerMatchesChain,
  NOTICE,
  terms,
  yuan,
  ACCEPTS,
  introduced,
} from "../utils/fixtures.js";
import { submitAndApprove } from "../../scripts/lib/scenario.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

describe("Accountability across the Guiyang HTZ and city programmes", function () {
  it("pays a contested-then-cleared award, recovers a fraudulent one, bars the company everywhere until it repays, then lets it compete again", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const { htz, city, token, registry, actors } = w;
    const { companyA, companyB, stranger: citizen } = actors;
    const [guarantor] = actors.spare;
    const now = BigInt(await networkHelpers.time.latest());
    const verified = textHash("verified");

    // 1. HTZ awards company A the national-lab prize and company B a technical breakthrough;
    //    the city awards company B a leading-talent prize.
    await htz.award(
      w.ids.a,
      w.htzCategories.get("rd-platform-national")!,
      0,
      terms(now, [
        ["3,000,000", 90],
        ["2,000,000", 180],
      ]),
    );
    const labGrant = await htz.grantCount();
    await htz.award(
      w.ids.b,
      w.htzCategories.get("technical-breakthrough")!,
      0,
      terms(now, [
        ["1,000,000", 60],
        ["800,000", 120],
      ]),
    );
    const breakthroughGrant = await htz.grantCount();
    await city.awardWithOptions(
      w.ids.b,
      w.cityCategories.get("leading-talent")!,
      0,
      terms(now, [["1,000,000", 60]]),
      introduced(now),
    );
    const talentGrant = await city.grantCount();
    await expectLedgerMatchesChain(htz);
    await expectLedgerMatchesChain(city);

    // 2. Committee approval of A's first milestone, by on-chain votes.
    const labEvidence = textHash("licence: national engineering lab, 2017");
    await submitAndApprove(htz, companyA, actors.reviewers, labGrant, 0, labEvidence, { reasonHash: verified });
    expect(await htz.milestoneState(labGrant, 0)).to.equal(MilestoneState.InNotice);

    // 3. A citizen objects during the public notice; the office investigates and dismisses it.
    const complaint = textHash("complaint: the lab licence names a subsidiary");
    await expect(htz.connect(citizen).object(labGrant, 0, complaint))
      .to.emit(htz, "ObjectionFiled")
      .withArgs(labGrant, 0, citizen.address, complaint);
    expect(await htz.milestoneState(labGrant, 0)).to.equal(MilestoneState.Contested);
    await expect(htz.connect(companyA).claim(labGrant, [0]))
      .to.be.revertedWithCustomError(htz, "GrantProgram_WrongMilestoneState")
      .withArgs(labGrant, 0, MilestoneState.Contested, ACCEPTS.claim);
    const dismissal = textHash("ruling: the licence holder is company A itself");
    await expect(htz.ruleOnObjection(labGrant, 0, false, dismissal))
      .to.emit(htz, "ObjectionRuled")
      .withArgs(labGrant, 0, false, dismissal);
    expect(await htz.milestoneState(labGrant, 0)).to.equal(MilestoneState.InNotice);

    // 4. Company B's HTZ milestone is approved by a batch of signed votes; its city award by on-chain votes.
    const breakthroughEvidence = textHash("expert committee: first-in-China consensus protocol");
    const breakthroughTerms = (await htz.grant(breakthroughGrant)).termsHash;
    await htz.connect(companyB).submitEvidence(breakthroughGrant, 0, breakthroughEvidence);
    const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
    const signed: Awaited<ReturnType<typeof signVote>>[] = [];
    for (const reviewer of actors.reviewers.slice(1, 4)) {
      const choice = { grantId: breakthroughGrant, milestoneIndex: 0, approve: true, reasonHash: verified, deadline };
      signed.push(await signVote(reviewer, htz, choice));
    }
    await expect(
      htz.connect(citizen).submitSignedVotes(breakthroughGrant, 0, breakthroughTerms, breakthroughEvidence, signed),
    ).to.emit(htz, "MilestoneApproved");

    const talentEvidence = textHash("talent: province's Hundred leading talents, 2017 list");
    await submitAndApprove(city, companyB, actors.reviewers, talentGrant, 0, talentEvidence, { reasonHash: verified });

    // 5. After the notice window, A and B are paid in HTZ (B leaves its city award unclaimed for now).
    await networkHelpers.time.increase(NOTICE);
    await expect(htz.connect(companyA).claim(labGrant, [0])).to.changeTokenBalances(
      ethers,
      token,
      [companyA, htz],
      [yuan("3,000,000"), -yuan("3,000,000")],
    );
    await expect(htz.connect(companyB).claim(breakthroughGrant, [0])).to.changeTokenBalances(
      ethers,
      token,
      [companyB, htz],
      [yuan("1,000,000"), -yuan("1,000,000")],
    );
    await expectLedgerMatchesChain(htz);

    // 6. An audit finds B's certificate forged: HTZ orders the 1,000,000 back; the unpaid 800,000 is released.
    const fraud = textHash("audit 2018-07: forged breakthrough certificate");
    const availableBefore = (await htz.summary()).available;
    const order = htz.orderRecovery(breakthroughGrant, yuan("1,000,000"), fraud);
    await expect(order).to.emit(htz, "RecoveryOrdered").withArgs(breakthroughGrant, w.nos.b, yuan("1,000,000"), fraud);
    await expect(order)
      .to.emit(registry, "EntityBarred")
      .withArgs(w.nos.b, await htz.getAddress(), 1n);
    const ordered = await htz.summary();
    expect(ordered.available).to.equal(availableBefore + yuan("800,000"));
    expect(ordered.recoveryOutstanding).to.equal(yuan("1,000,000"));
    await expectLedgerMatchesChain(htz);

    // 7. B is barred in both programmes: no claim of its city award, no new award anywhere.
    expect(await city.milestoneState(talentGrant, 0)).to.equal(MilestoneState.Payable);
    const cityBefore = await city.summary();
    await expect(city.connect(companyB).claim(talentGrant, [0]))
      .to.be.revertedWithCustomError(city, "EntityRegistry_EntityBarred")
      .withArgs(w.nos.b, 1n);
    const later = BigInt(await networkHelpers.time.latest());
    await expect(
      city.award(w.ids.b, w.cityCategories.get("main-board-listing")!, 0, terms(later, [["10,000,000", 90]])),
    )
      .to.be.revertedWithCustomError(city, "EntityRegistry_EntityBarred")
      .withArgs(w.nos.b, 1n);
    expect(await city.summary()).to.deep.equal(cityBefore);
    const htzBefore = await htz.summary();
    await expect(htz.award(w.ids.b, w.htzCategories.get("application-product")!, 0, terms(later, [["500,000", 90]])))
      .to.be.revertedWithCustomError(htz, "EntityRegistry_EntityBarred")
      .withArgs(w.nos.b, 1n);
    expect(await htz.summary()).to.deep.equal(htzBefore);

    // 8. B repays 400,000 itself (bar stays), a guarantor pays the remaining 600,000 (bar lifted).
    await token.connect(companyB).approve(await htz.getAddress(), yuan("400,000"));
    await expect(htz.connect(companyB).repay(breakthroughGrant, yuan("400,000")))
      .to.emit(htz, "Repaid")
      .withArgs(breakthroughGrant, companyB.address, yuan("400,000"), yuan("600,000"));
    expect((await registry.entity(w.nos.b)).openRecoveries).to.equal(1n);
    await expectLedgerMatchesChain(htz);

    await token.mint(guarantor.address, yuan("600,000"));
    await token.connect(guarantor).approve(await htz.getAddress(), yuan("600,000"));
    await expect(htz.connect(guarantor).repay(breakthroughGrant, yuan("600,000")))
      .to.emit(registry, "BarLifted")
      .withArgs(w.nos.b, await htz.getAddress(), 0n);
    expect((await registry.entity(w.nos.b)).openRecoveries).to.equal(0n);
    expect(await registry.barsSetBy(w.nos.b, await htz.getAddress())).to.equal(0n);
    const settled = await htz.summary();
    expect(settled.repaid).to.equal(yuan("1,000,000"));
    expect(settled.recoveryOutstanding).to.equal(0n);
    expect(settled.available).to.equal(ordered.available + yuan("1,000,000"));
    await expectLedgerMatchesChain(htz);

    // 9. Unbarred: B claims its city award and may compete again in another category,
    //    but never a second breakthrough award (the one-time rule survives the recovery).
    await expect(city.connect(companyB).claim(talentGrant, [0])).to.changeTokenBalances(
      ethers,
      token,
      [companyB, city],
      [yuan("1,000,000"), -yuan("1,000,000")],
    );
    const latest = BigInt(await networkHelpers.time.latest());
    await expect(htz.award(w.ids.b, w.htzCategories.get("application-product")!, 0, terms(latest, [["500,000", 90]])))
      .to.emit(htz, "GrantAwarded")
      .withArgs(3n, w.nos.b, w.htzCategories.get("application-product")!, yuan("500,000"), 1, anyValue, 0n);
    await expect(
      htz.award(w.ids.b, w.htzCategories.get("technical-breakthrough")!, 0, terms(latest, [["500,000", 90]])),
    ).to.be.revertedWithCustomError(registry, "EntityRegistry_AlreadyAwarded");

    const end = await htz.summary();
    expect(end.funded).to.equal(yuan("20,000,000"));
    expect(end.paid).to.equal(yuan("4,000,000"));
    expect(end.repaid).to.equal(yuan("1,000,000"));
    expect(end.reserved).to.equal(yuan("2,500,000"));
    expect(end.available).to.equal(yuan("14,500,000"));
    await expectLedgerMatchesChain(htz);
    await expectLedgerMatchesChain(city);
  });
});
