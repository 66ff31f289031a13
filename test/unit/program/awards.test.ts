import { expect } from "chai";
import { keccak256 } from "ethers";
import { network } from "hardhat";

import type { IGrantProgram } from "../../../typechain-types/index.js";
import { DAY } from "../../../scripts/lib/suite.js";
import { AwardMode, EntityKind } from "../../../core/enums.js";
import { companyId, individualCommitment, textHash } from "../../../core/ids.js";
import { guiyangFixture, NOTICE, terms, yuan, ZERO_HASH, type GuiyangWorld, introduced } from "../../utils/fixtures.js";
import { programAt } from "../../../core/program-abi.js";
import { termsHashOf } from "../../utils/programs.js";
import { NO_FISCAL_CALENDAR } from "../../../core/fiscal.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const ZERO_ADDRESS = ethers.ZeroAddress;
const GRANTEE = keccak256(ethers.toUtf8Bytes("GRANTEE"));
/** An explicit gas limit skips estimation, so a refused call is mined at the timestamp we set. */
const MINED = { gasLimit: 3_000_000n };
const ApplicationStatus = { None: 0n, Open: 1n, Awarded: 2n, Declined: 3n } as const;

async function now(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest());
}

/** What a refused award must leave untouched: summary, categories, applications, balances. */
async function snapshot(w: GuiyangWorld, program: IGrantProgram = w.htz) {
  const s = await program.summary();
  const categories = [];
  for (let id = 1n; id <= s.categoryCount; id++) categories.push(await program.category(id));
  const balances: bigint[] = [];
  for (const holder of [program, w.actors.companyA, w.actors.companyB, w.actors.companyC, w.actors.treasury]) {
    balances.push(await w.token.balanceOf(await holder.getAddress()));
  }
  return {
    summary: s,
    categories,
    grantCount: await program.grantCount(),
    applicationCount: await program.applicationCount(),
    balances,
    entityCount: await w.registry.entityCount(),
  };
}

function categoryParams(mode: number, amount: bigint, maxAwards: number, maxTotal: bigint) {
  return {
    mode,
    amount,
    maxAwards,
    maxTotal,
    exclusivityGroup: ZERO_HASH,
    descriptionHash: textHash("test category"),
    tierGroup: 0,
    tier: 0,
    supervisionPeriod: 0,
    attestationInterval: 0,
    eligibilityWindow: 0,
  };
}

describe("GrantProgram awards", function () {
  describe("award", function () {
    describe("when every requirement holds", function () {
      it("accepts milestones of 1,000,000.01 and 999,999.99 for the 2,000,000 joint-lab category", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const joint = w.htzCategories.get("rd-platform-joint")!;
        const milestones = terms(t, [
          ["1,000,000.01", 60],
          ["999,999.99", 120],
        ]);
        await w.htz.award(w.ids.c, joint, 0, milestones);
        const g = await w.htz.grant(1n);
        expect(g.reserved).to.equal(yuan("2,000,000"));
        expect(g.milestoneCount).to.equal(2n);
        expect(g.entityNo).to.equal(w.nos.c);
        const s = await w.htz.summary();
        expect(s.reserved).to.equal(yuan("2,000,000"));
        expect(s.available).to.equal(yuan("18,000,000"));
        const c = await w.htz.category(joint);
        expect(c.committed).to.equal(yuan("2,000,000"));
        expect(c.awardsMade).to.equal(1n);
        expect((await w.htz.milestone(1n, 0)).amount).to.equal(yuan("1,000,000.01"));
        expect((await w.htz.milestone(1n, 1)).amount).to.equal(yuan("999,999.99"));
      });

      it("emits GrantAwarded and one MilestoneScheduled per milestone with their arguments", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const breakthrough = w.htzCategories.get("technical-breakthrough")!;
        const milestones = terms(t, [
          ["600,000", 30],
          ["700,000", 90],
          ["500,000.50", 180],
        ]);
        const tx = w.htz.award(w.ids.b, breakthrough, 0, milestones);
        const chainId = (await ethers.provider.getNetwork()).chainId;
        const expectedHash = termsHashOf(chainId, await w.htz.getAddress(), 1n, w.nos.b, breakthrough, milestones);
        await expect(tx)
          .to.emit(w.htz, "GrantAwarded")
          .withArgs(1n, w.nos.b, breakthrough, yuan("1,800,000.50"), 3n, expectedHash, 0n);
        for (const [i, m] of milestones.entries()) {
          await expect(tx)
            .to.emit(w.htz, "MilestoneScheduled")
            .withArgs(1n, BigInt(i), m.amount, m.deadline, m.descriptionHash);
        }
        await expect(tx)
          .to.emit(w.registry, "AwardRecorded")
          .withArgs(w.nos.b, (await w.htz.category(breakthrough)).awardKey, await w.htz.getAddress(), 1n);
      });

      it("stores a termsHash equal to keccak256(abi.encode(chainid, program, grantId, entityNo, categoryId, terms))", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const chainId = (await ethers.provider.getNetwork()).chainId;
        const htzAddress = await w.htz.getAddress();
        const lab = w.htzCategories.get("rd-platform-national")!;
        const product = w.htzCategories.get("application-product")!;
        const first = terms(t, [
          ["3,000,000", 90],
          ["2,000,000", 180],
        ]);
        const second = terms(t, [["999,999.99", 45]]);
        await w.htz.award(w.ids.a, lab, 0, first);
        await w.htz.award(w.ids.a, product, 0, second);
        expect((await w.htz.grant(1n)).termsHash).to.equal(termsHashOf(chainId, htzAddress, 1n, w.nos.a, lab, first));
        expect((await w.htz.grant(2n)).termsHash).to.equal(
          termsHashOf(chainId, htzAddress, 2n, w.nos.a, product, second),
        );
        // The same terms in another program hash differently.
        const leading = w.cityCategories.get("leading-talent")!;
        const cityTerms = terms(t, [["1,000,000", 60]]);
        await w.city.awardWithOptions(w.ids.a, leading, 0, cityTerms, introduced(t));
        expect((await w.city.grant(1n)).termsHash).to.equal(
          termsHashOf(chainId, await w.city.getAddress(), 1n, w.nos.a, leading, cityTerms),
        );
      });

      it("accepts 16 milestones, the most a grant may have", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const sixteen = terms(
          t,
          Array.from({ length: 16 }, (_, i): [string, number] => ["100,000", 10 * (i + 1)]),
        );
        await expect(w.htz.award(w.ids.a, w.htzCategories.get("technical-breakthrough")!, 0, sixteen))
          .to.emit(w.htz, "GrantAwarded")
          .withArgs(
            1n,
            w.nos.a,
            w.htzCategories.get("technical-breakthrough")!,
            yuan("1,600,000"),
            16n,
            (h: string) => h.startsWith("0x"),
            0n,
          );
      });

      it("accepts a first deadline one second after the current time", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = (await now()) + 100n;
        await networkHelpers.time.setNextBlockTimestamp(t);
        const milestones = [{ amount: yuan("1,000,000"), deadline: t + 1n, descriptionHash: textHash("m") }];
        await expect(w.htz.award(w.ids.a, w.htzCategories.get("application-product")!, 0, milestones, MINED)).to.emit(
          w.htz,
          "GrantAwarded",
        );
      });
    });

    describe("when the caller is not a manager", function () {
      it("refuses the admin, a reviewer and a stranger", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const before = await snapshot(w);
        const role = await w.htz.MANAGER_ROLE();
        for (const caller of [w.actors.admin, w.actors.reviewers[0], w.actors.stranger]) {
          await expect(
            w.htz
              .connect(caller)
              .award(w.ids.a, w.htzCategories.get("rd-platform-national")!, 0, terms(t, [["5,000,000", 90]])),
          )
            .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, role);
        }
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when outside the application window", function () {
      /** A program on the shared registry whose window opens 10 days from now and lasts 30 days. */
      async function futureProgram() {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const opensAt = t + 10n * DAY;
        const closesAt = opensAt + 30n * DAY;
        const params = {
          admin: w.actors.admin.address,
          managers: [w.actors.manager.address],
          reviewers: w.actors.reviewers.map((r) => r.address),
          treasurer: w.actors.treasurer.address,
          guardian: w.actors.guardian.address,
          quorum: 3,
          noticePeriod: NOTICE,
          windowOpensAt: opensAt,
          windowClosesAt: closesAt,
          upheldObjectionOutcome: 0,
          programFileHash: textHash("future program file"),
          policyTextHash: textHash("future policy text"),
          fiscalCalendar: NO_FISCAL_CALENDAR,
        };
        const args = [
          w.core.version,
          "Future programme",
          await w.token.getAddress(),
          await w.registry.getAddress(),
          w.actors.treasury.address,
          params,
        ] as const;
        const address = await w.core.factory.createProgram.staticCall(...args);
        await w.core.factory.createProgram(...args);
        const program = programAt(address, w.actors.admin);
        await w.registry.connect(w.actors.registryAdmin).grantRole(await w.registry.PROGRAM_ROLE(), address);
        await program.addCategory(categoryParams(AwardMode.Capped, yuan("1,000,000"), 0, 0n));
        await w.token.mint(w.actors.treasurer.address, yuan("1,000,000"));
        await w.token.connect(w.actors.treasurer).approve(address, yuan("1,000,000"));
        await program.connect(w.actors.treasurer).fund(yuan("1,000,000"));
        return { ...w, program: program.connect(w.actors.manager), opensAt, closesAt };
      }

      it("refuses an award one second before the window opens", async function () {
        const w = await futureProgram();
        const at = w.opensAt - 1n;
        const before = await snapshot(w, w.program);
        await networkHelpers.time.setNextBlockTimestamp(at);
        await expect(w.program.award(w.ids.a, 1n, 0, terms(at, [["1,000,000", 60]]), MINED))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_OutsideWindow")
          .withArgs(at, w.opensAt, w.closesAt);
        expect(await snapshot(w, w.program)).to.deep.equal(before);
        expect(await now()).to.equal(at);
      });

      it("accepts an award at exactly the opening second", async function () {
        const w = await futureProgram();
        await networkHelpers.time.setNextBlockTimestamp(w.opensAt);
        await expect(w.program.award(w.ids.a, 1n, 0, terms(w.opensAt, [["1,000,000", 60]]), MINED)).to.emit(
          w.program,
          "GrantAwarded",
        );
      });

      it("accepts an award at exactly the closing second", async function () {
        const w = await futureProgram();
        await networkHelpers.time.setNextBlockTimestamp(w.closesAt);
        await expect(w.program.award(w.ids.a, 1n, 0, terms(w.closesAt, [["1,000,000", 60]]), MINED)).to.emit(
          w.program,
          "GrantAwarded",
        );
      });

      it("refuses an award one second after the window closes", async function () {
        const w = await futureProgram();
        const at = w.closesAt + 1n;
        const before = await snapshot(w, w.program);
        await networkHelpers.time.setNextBlockTimestamp(at);
        await expect(w.program.award(w.ids.a, 1n, 0, terms(at, [["1,000,000", 60]]), MINED))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_OutsideWindow")
          .withArgs(at, w.opensAt, w.closesAt);
        expect(await snapshot(w, w.program)).to.deep.equal(before);
      });

      it("refuses an htz award after its 365-day window closed", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { windowOpensAt, windowClosesAt } = await w.htz.settings();
        const at = windowClosesAt + 1n;
        await networkHelpers.time.setNextBlockTimestamp(at);
        const before = await snapshot(w);
        await expect(
          w.htz.award(w.ids.a, w.htzCategories.get("rd-platform-national")!, 0, terms(at, [["5,000,000", 90]]), MINED),
        )
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_OutsideWindow")
          .withArgs(at, windowOpensAt, windowClosesAt);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the category is unknown", function () {
      it("refuses category 0 and a category id past the last one", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const before = await snapshot(w);
        for (const id of [0n, 6n]) {
          await expect(w.htz.award(w.ids.a, id, 0, terms(t, [["1,000", 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_UnknownCategory")
            .withArgs(id);
        }
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the milestone terms are malformed", function () {
      it("refuses an award with no milestones", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.award(w.ids.a, w.htzCategories.get("technical-breakthrough")!, 0, []))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidMilestoneCount")
          .withArgs(0n, 16n);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses an award with 17 milestones", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const seventeen = terms(
          t,
          Array.from({ length: 17 }, (_, i): [string, number] => ["100,000", 10 * (i + 1)]),
        );
        const before = await snapshot(w);
        await expect(w.htz.award(w.ids.a, w.htzCategories.get("technical-breakthrough")!, 0, seventeen))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidMilestoneCount")
          .withArgs(17n, 16n);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a milestone with a zero amount, naming its index", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const milestones = terms(t, [
          ["1,000,000", 30],
          ["0", 60],
          ["1,000,000", 90],
        ]);
        const before = await snapshot(w);
        await expect(w.htz.award(w.ids.a, w.htzCategories.get("rd-platform-joint")!, 0, milestones))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_ZeroMilestoneAmount")
          .withArgs(1n);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a milestone deadline in the past", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const past = t - DAY;
        const milestones = [{ amount: yuan("1,000,000"), deadline: past, descriptionHash: textHash("m") }];
        const before = await snapshot(w);
        await expect(w.htz.award(w.ids.a, w.htzCategories.get("application-product")!, 0, milestones))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidDeadline")
          .withArgs(0n, past);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a milestone deadline equal to the current time", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = (await now()) + 100n;
        const milestones = [{ amount: yuan("1,000,000"), deadline: t, descriptionHash: textHash("m") }];
        const before = await snapshot(w);
        await networkHelpers.time.setNextBlockTimestamp(t);
        await expect(w.htz.award(w.ids.a, w.htzCategories.get("application-product")!, 0, milestones, MINED))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidDeadline")
          .withArgs(0n, t);
        expect(await now()).to.equal(t);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a deadline equal to the previous milestone's", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const milestones = terms(t, [
          ["1,000,000", 60],
          ["1,000,000", 60],
        ]);
        const before = await snapshot(w);
        await expect(w.htz.award(w.ids.a, w.htzCategories.get("rd-platform-joint")!, 0, milestones))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidDeadline")
          .withArgs(1n, milestones[1].deadline);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a deadline more than ten years after the award (InvalidDeadline), and accepts one at ten years", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const tooFar = terms(t, [
          ["1,000,000", 30],
          ["1,000,000", 3651],
        ]);
        const before = await snapshot(w);
        await expect(w.htz.award(w.ids.a, w.htzCategories.get("rd-platform-joint")!, 0, tooFar))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidDeadline")
          .withArgs(1n, tooFar[1].deadline);
        expect(await snapshot(w)).to.deep.equal(before);
        await expect(
          w.htz.award(w.ids.a, w.htzCategories.get("rd-platform-joint")!, 0, terms(t, [["2,000,000", 3650]])),
        ).to.emit(w.htz, "GrantAwarded");
      });

      it("refuses a deadline earlier than the previous milestone's", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const milestones = terms(t, [
          ["500,000", 30],
          ["500,000", 90],
          ["1,000,000", 89],
        ]);
        const before = await snapshot(w);
        await expect(w.htz.award(w.ids.a, w.htzCategories.get("rd-platform-joint")!, 0, milestones))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidDeadline")
          .withArgs(2n, milestones[2].deadline);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the amount breaks the category's rules", function () {
      it("refuses a fixed-amount award one fen short of or above the fixed amount", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const lab = w.htzCategories.get("rd-platform-national")!;
        const before = await snapshot(w);
        for (const total of ["4,999,999.99", "5,000,000.01"]) {
          await expect(w.htz.award(w.ids.a, lab, 0, terms(t, [[total, 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_AmountNotFixedAmount")
            .withArgs(yuan(total), yuan("5,000,000"));
        }
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a capped award one fen over the cap", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const before = await snapshot(w);
        await expect(
          w.htz.award(
            w.ids.a,
            w.htzCategories.get("technical-breakthrough")!,
            0,
            terms(t, [
              ["1,000,000", 30],
              ["1,000,000.01", 60],
            ]),
          ),
        )
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_AmountOverCap")
          .withArgs(yuan("2,000,000.01"), yuan("2,000,000"));
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses an award once the category's maxAwards is exhausted", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await w.htz.connect(w.actors.admin).addCategory(categoryParams(AwardMode.Fixed, yuan("100,000"), 1, 0n));
        const t = await now();
        await w.htz.award(w.ids.a, 6n, 0, terms(t, [["100,000", 30]]));
        const before = await snapshot(w);
        await expect(w.htz.award(w.ids.b, 6n, 0, terms(t, [["100,000", 30]])))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_CategoryCountExhausted")
          .withArgs(6n, 1n);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses an award that takes the category one fen past its maxTotal", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await w.htz
          .connect(w.actors.admin)
          .addCategory(categoryParams(AwardMode.Capped, yuan("1,000,000"), 0, yuan("1,500,000")));
        const t = await now();
        await w.htz.award(w.ids.a, 6n, 0, terms(t, [["1,000,000", 30]]));
        const before = await snapshot(w);
        await expect(w.htz.award(w.ids.b, 6n, 0, terms(t, [["500,000.01", 30]])))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_CategoryTotalExceeded")
          .withArgs(6n, yuan("1,500,000.01"), yuan("1,500,000"));
        expect(await snapshot(w)).to.deep.equal(before);
        await expect(w.htz.award(w.ids.b, 6n, 0, terms(t, [["500,000", 30]]))).to.emit(w.htz, "GrantAwarded");
        expect((await w.htz.category(6n)).committed).to.equal(yuan("1,500,000"));
      });

      it("refuses an award one fen above the available budget", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await w.htz.connect(w.actors.admin).addCategory(categoryParams(AwardMode.Capped, yuan("100,000,000"), 0, 0n));
        const t = await now();
        const available = (await w.htz.summary()).available;
        expect(available).to.equal(yuan("20,000,000"));
        const before = await snapshot(w);
        await expect(w.htz.award(w.ids.a, 6n, 0, terms(t, [["20,000,000.01", 30]])))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InsufficientBudget")
          .withArgs(yuan("20,000,000.01"), available);
        expect(await snapshot(w)).to.deep.equal(before);
        await expect(w.htz.award(w.ids.a, 6n, 0, terms(t, [["20,000,000", 30]]))).to.emit(w.htz, "GrantAwarded");
        expect((await w.htz.summary()).available).to.equal(0n);
      });
    });

    describe("when the entity cannot receive the award", function () {
      it("refuses an unregistered entity", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const unknown = companyId("91520115MA6DK0009Z");
        const before = await snapshot(w);
        await expect(
          w.htz.award(unknown, w.htzCategories.get("rd-platform-national")!, 0, terms(t, [["5,000,000", 90]])),
        )
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_UnknownEntity")
          .withArgs(unknown);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses an entity whose payout wallet is a reviewer", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const reviewer = w.actors.reviewers[0].address;
        const id = companyId("91520115MA6DK0004D");
        await w.registry.connect(w.actors.registrar).registerEntity(id, EntityKind.Company, reviewer);
        const lab = w.htzCategories.get("rd-platform-national")!;
        const t = await now();
        const before = await snapshot(w);
        await expect(w.htz.award(id, lab, 0, terms(t, [["5,000,000", 90]])))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
          .withArgs(reviewer, await w.htz.REVIEWER(), GRANTEE);
        expect(await snapshot(w)).to.deep.equal(before);
        const [holder] = await w.registry.awardHolder(4n, (await w.htz.category(lab)).awardKey);
        expect(holder).to.equal(ZERO_ADDRESS);
      });

      it("refuses an entity whose payout wallet belongs to a removed reviewer (former official)", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const reviewer = w.actors.reviewers[3].address;
        await w.htz.connect(w.actors.admin).removeReviewer(reviewer);
        expect(await w.htz.reviewerSlot(reviewer)).to.equal(0n);
        const id = companyId("91520115MA6DK0004D");
        await w.registry.connect(w.actors.registrar).registerEntity(id, EntityKind.Company, reviewer);
        const lab = w.htzCategories.get("rd-platform-national")!;
        const t = await now();
        const before = await snapshot(w);
        await expect(w.htz.award(id, lab, 0, terms(t, [["5,000,000", 90]])))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
          .withArgs(reviewer, await w.htz.FORMER_OFFICIAL(), GRANTEE);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses an entity whose payout wallet holds MANAGER_ROLE", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const manager = w.actors.manager.address;
        const id = companyId("91520115MA6DK0004D");
        await w.registry.connect(w.actors.registrar).registerEntity(id, EntityKind.Company, manager);
        const t = await now();
        const before = await snapshot(w);
        await expect(w.htz.award(id, w.htzCategories.get("rd-platform-national")!, 0, terms(t, [["5,000,000", 90]])))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
          .withArgs(manager, await w.htz.MANAGER_ROLE(), GRANTEE);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses an entity whose payout wallet holds TREASURER_ROLE", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const treasurer = w.actors.treasurer.address;
        const id = individualCommitment(ethers.id("salt"), "520102199001011234");
        await w.registry.connect(w.actors.registrar).registerEntity(id, EntityKind.Individual, treasurer);
        const t = await now();
        const before = await snapshot(w);
        await expect(w.htz.award(id, w.htzCategories.get("rd-platform-national")!, 0, terms(t, [["5,000,000", 90]])))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
          .withArgs(treasurer, await w.htz.TREASURER_ROLE(), GRANTEE);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });
  });

  describe("submitApplication", function () {
    describe("when the applicant's wallet is registered", function () {
      it("opens an application for the wallet's entity and emits ApplicationSubmitted", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const joint = w.htzCategories.get("rd-platform-joint")!;
        const hash = textHash("application documents");
        await expect(w.htz.connect(w.actors.companyB).submitApplication(joint, hash))
          .to.emit(w.htz, "ApplicationSubmitted")
          .withArgs(1n, w.nos.b, joint, hash);
        const app = await w.htz.application(1n);
        expect(app.entityNo).to.equal(w.nos.b);
        expect(app.categoryId).to.equal(joint);
        expect(app.status).to.equal(ApplicationStatus.Open);
        expect(app.submittedAt).to.equal(await now());
        expect(await w.htz.applicationCount()).to.equal(1n);
      });
    });

    describe("when the application is refused", function () {
      it("refuses a wallet bound to no entity", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.stranger).submitApplication(1, textHash("app")))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
          .withArgs(w.actors.stranger.address, ZERO_ADDRESS);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a zero application hash", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.companyA).submitApplication(1, ZERO_HASH)).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_ZeroApplicationHash",
        );
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses an application one second after the window closes", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { windowOpensAt, windowClosesAt } = await w.htz.settings();
        const at = windowClosesAt + 1n;
        const before = await snapshot(w);
        await networkHelpers.time.setNextBlockTimestamp(at);
        await expect(w.htz.connect(w.actors.companyA).submitApplication(1, textHash("late"), MINED))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_OutsideWindow")
          .withArgs(at, windowOpensAt, windowClosesAt);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses an unknown category", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.companyA).submitApplication(9, textHash("app")))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_UnknownCategory")
          .withArgs(9n);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });
  });

  describe("award from an application", function () {
    /** Company B applied (application 1) to the joint-lab category. */
    async function withApplication() {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const joint = w.htzCategories.get("rd-platform-joint")!;
      await w.htz.connect(w.actors.companyB).submitApplication(joint, textHash("B applies for joint lab"));
      return { ...w, joint };
    }

    it("awards from an open application, marks it Awarded and logs its id", async function () {
      const w = await withApplication();
      const t = await now();
      await expect(w.htz.award(w.ids.b, w.joint, 1n, terms(t, [["2,000,000", 90]])))
        .to.emit(w.htz, "GrantAwarded")
        .withArgs(1n, w.nos.b, w.joint, yuan("2,000,000"), 1n, (h: string) => h.length === 66, 1n);
      expect((await w.htz.application(1n)).status).to.equal(ApplicationStatus.Awarded);
    });

    it("refuses an application of another entity", async function () {
      const w = await withApplication();
      const t = await now();
      const before = await snapshot(w);
      await expect(w.htz.award(w.ids.a, w.joint, 1n, terms(t, [["2,000,000", 90]])))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_ApplicationMismatch")
        .withArgs(1n);
      expect(await snapshot(w)).to.deep.equal(before);
      expect((await w.htz.application(1n)).status).to.equal(ApplicationStatus.Open);
    });

    it("refuses an application to another category", async function () {
      const w = await withApplication();
      const t = await now();
      const before = await snapshot(w);
      await expect(
        w.htz.award(w.ids.b, w.htzCategories.get("rd-platform-provincial")!, 1n, terms(t, [["1,000,000", 90]])),
      )
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_ApplicationMismatch")
        .withArgs(1n);
      expect(await snapshot(w)).to.deep.equal(before);
      expect((await w.htz.application(1n)).status).to.equal(ApplicationStatus.Open);
    });

    it("refuses a declined application", async function () {
      const w = await withApplication();
      await w.htz.declineApplication(1n, textHash("not a joint platform"));
      const t = await now();
      const before = await snapshot(w);
      await expect(w.htz.award(w.ids.b, w.joint, 1n, terms(t, [["2,000,000", 90]])))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_ApplicationNotOpen")
        .withArgs(1n);
      expect(await snapshot(w)).to.deep.equal(before);
    });

    it("refuses an application already awarded, even after the grant was cancelled", async function () {
      const w = await withApplication();
      const t = await now();
      await w.htz.award(w.ids.b, w.joint, 1n, terms(t, [["2,000,000", 90]]));
      await w.htz.cancelGrant(1n, textHash("awarded in error"));
      const before = await snapshot(w);
      await expect(w.htz.award(w.ids.b, w.joint, 1n, terms(t, [["2,000,000", 90]])))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_ApplicationNotOpen")
        .withArgs(1n);
      expect(await snapshot(w)).to.deep.equal(before);
    });

    it("refuses an application id that does not exist", async function () {
      const w = await withApplication();
      const t = await now();
      const before = await snapshot(w);
      await expect(w.htz.award(w.ids.b, w.joint, 42n, terms(t, [["2,000,000", 90]])))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_ApplicationNotOpen")
        .withArgs(42n);
      expect(await snapshot(w)).to.deep.equal(before);
    });
  });

  describe("declineApplication", function () {
    it("lets a manager decline an open application and emits ApplicationDeclined", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      await w.htz.connect(w.actors.companyA).submitApplication(1, textHash("app"));
      const reason = textHash("licence not national level");
      await expect(w.htz.declineApplication(1n, reason)).to.emit(w.htz, "ApplicationDeclined").withArgs(1n, reason);
      expect((await w.htz.application(1n)).status).to.equal(ApplicationStatus.Declined);
    });

    it("refuses a caller who is not a manager", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      await w.htz.connect(w.actors.companyA).submitApplication(1, textHash("app"));
      const before = await snapshot(w);
      const role = await w.htz.MANAGER_ROLE();
      for (const caller of [w.actors.admin, w.actors.reviewers[0], w.actors.companyA]) {
        await expect(w.htz.connect(caller).declineApplication(1n, textHash("no")))
          .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, role);
      }
      expect(await snapshot(w)).to.deep.equal(before);
      expect((await w.htz.application(1n)).status).to.equal(ApplicationStatus.Open);
    });

    it("refuses to decline an application that is not open", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      await w.htz.connect(w.actors.companyA).submitApplication(1, textHash("app"));
      await w.htz.declineApplication(1n, textHash("no"));
      const before = await snapshot(w);
      for (const id of [1n, 2n]) {
        await expect(w.htz.declineApplication(id, textHash("again")))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_ApplicationNotOpen")
          .withArgs(id);
      }
      expect(await snapshot(w)).to.deep.equal(before);
    });
  });
});
