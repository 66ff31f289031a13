import { expect } from "chai";
import { AbiCoder, keccak256 } from "ethers";
import { network } from "hardhat";

import type { IGrantProgram, MockYuan } from "../../../typechain-types/index.js";
import { AwardMode, MilestoneState } from "../../../core/enums.js";
import { textHash, groupAwardKey } from "../../../core/ids.js";
import {
  guiyangFixture,
  expectLedgerMatchesChain,
  NOTICE,
  terms,
  yuan,
  ZERO_HASH,
  type GuiyangWorld,
  introduced,
} from "../../utils/fixtures.js";
import { approveSubmitted, submitAndApprove } from "../../../scripts/lib/scenario.js";
import { DAY } from "../../../scripts/lib/suite.js";
import { submittedNationalLab } from "../../utils/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const ZERO_ADDRESS = ethers.ZeroAddress;
const TALENT_GROUP_NAME = textHash("group:guiyang-blockchain-talent-2017");
const TALENT_GROUP = groupAwardKey(TALENT_GROUP_NAME);

/** What a refused call must leave untouched: both programs' summaries, settings and token balances. */
async function snapshot(w: GuiyangWorld) {
  const holders = [w.htz, w.city, w.actors.treasury, w.actors.treasurer, w.actors.companyA, w.actors.companyB];
  const balances: bigint[] = [];
  for (const holder of holders) balances.push(await w.token.balanceOf(await holder.getAddress()));
  return {
    htz: await w.htz.summary(),
    city: await w.city.summary(),
    htzSettings: await w.htz.settings(),
    citySettings: await w.city.settings(),
    balances,
  };
}

function categoryParams(overrides: Partial<ReturnType<typeof baseCategory>> = {}) {
  return { ...baseCategory(), ...overrides };
}

function baseCategory() {
  return {
    mode: AwardMode.Fixed as number,
    amount: yuan("300,000"),
    maxAwards: 0,
    maxTotal: 0n,
    exclusivityGroup: ZERO_HASH,
    descriptionHash: textHash("test category"),
    tierGroup: 0,
    tier: 0,
    supervisionPeriod: 0,
    attestationInterval: 0,
    eligibilityWindow: 0,
  };
}

/** The registry admin creates `group` (if new) and admits `program` to it, as mg:create-program does. */
async function admitToGroup(w: GuiyangWorld, program: IGrantProgram, group: string) {
  const admin = w.registry.connect(w.actors.registryAdmin);
  if (!(await w.registry.groupExists(group))) await admin.createGroup(group);
  await admin.admitToGroup(group, await program.getAddress());
}

async function now(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest());
}

async function fundProgram(token: MockYuan, program: IGrantProgram, treasurer: GuiyangWorld["actors"]["treasurer"]) {
  const amount = yuan("1,000");
  await token.mint(treasurer.address, amount);
  await token.connect(treasurer).approve(await program.getAddress(), amount);
  return program.connect(treasurer).fund(amount);
}

describe("GrantProgram administration", function () {
  describe("addCategory", function () {
    describe("when the parameters are valid", function () {
      it("adds the next category with its own award key when the exclusivity group is zero", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        const htzAddress = await htz.getAddress();
        const expectedKey = keccak256(AbiCoder.defaultAbiCoder().encode(["address", "uint16"], [htzAddress, 6]));
        const params = categoryParams({ maxAwards: 3, maxTotal: yuan("900,000") });
        await expect(htz.addCategory(params))
          .to.emit(htz, "CategoryAdded")
          .withArgs(6n, AwardMode.Fixed, params.amount, 3n, params.maxTotal, expectedKey, params.descriptionHash);
        const c = await htz.category(6n);
        expect(c.awardKey).to.equal(expectedKey);
        expect(c.amount).to.equal(params.amount);
        expect(c.maxAwards).to.equal(3n);
        expect(c.maxTotal).to.equal(params.maxTotal);
        expect(c.mode).to.equal(BigInt(AwardMode.Fixed));
        expect(c.awardsMade).to.equal(0n);
        expect(c.committed).to.equal(0n);
        expect((await htz.summary()).categoryCount).to.equal(6n);
      });

      it("gives each zero-group category a key of its own, distinct across programs", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const keys = new Set<string>();
        for (const [program, ids] of [
          [w.htz, w.htzCategories],
          [w.city, w.cityCategories],
        ] as const) {
          for (const id of ids.values()) keys.add((await program.category(id)).awardKey);
        }
        // HTZ: the three R&D-platform levels share their tier group's key, the other two have their own;
        // city: the main-board listing has its own, the two talent categories share one.
        expect(keys.size).to.equal(5);
        const platformKeys = new Set<string>();
        for (const level of ["rd-platform-national", "rd-platform-joint", "rd-platform-provincial"])
          platformKeys.add((await w.htz.category(w.htzCategories.get(level)!)).awardKey);
        expect(platformKeys.size).to.equal(1);
        expect((await w.city.category(w.cityCategories.get("leading-talent")!)).awardKey).to.equal(TALENT_GROUP);
        expect((await w.city.category(w.cityCategories.get("innovation-talent")!)).awardKey).to.equal(TALENT_GROUP);
      });

      it("takes the registry's key of a named exclusivity group the program was admitted to", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const group = ethers.id("group:test");
        await admitToGroup(w, w.htz, group);
        await w.htz.connect(w.actors.admin).addCategory(categoryParams({ exclusivityGroup: group }));
        expect((await w.htz.category(6n)).awardKey).to.equal(groupAwardKey(group));
      });

      it("refuses a named group the registry admin did not admit this program to (NotAdmittedToGroup), also when another program was", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        // The city's talent group exists and the city was admitted; HTZ was not.
        expect(await w.registry.groupExists(TALENT_GROUP_NAME)).to.equal(true);
        for (const group of [TALENT_GROUP_NAME, ethers.id("group:never-created")]) {
          const before = await snapshot(w);
          await expect(w.htz.connect(w.actors.admin).addCategory(categoryParams({ exclusivityGroup: group })))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotAdmittedToGroup")
            .withArgs(group);
          expect(await snapshot(w)).to.deep.equal(before);
          expect((await w.htz.settings()).categoryCount).to.equal(5n);
        }
      });

      it("accepts a fixed category whose maxTotal equals its amount", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await expect(w.htz.connect(w.actors.admin).addCategory(categoryParams({ maxTotal: yuan("300,000") }))).to.emit(
          w.htz,
          "CategoryAdded",
        );
      });
    });

    describe("when the parameters are invalid", function () {
      it("refuses the award mode None", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.admin).addCategory(categoryParams({ mode: AwardMode.None })))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidAwardMode")
          .withArgs(AwardMode.None);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a zero amount", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        for (const mode of [AwardMode.Fixed, AwardMode.Capped]) {
          await expect(
            w.htz.connect(w.actors.admin).addCategory(categoryParams({ mode, amount: 0n })),
          ).to.be.revertedWithCustomError(w.htz, "GrantProgram_ZeroCategoryAmount");
        }
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a fixed category whose maxTotal is one unit below its amount", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.admin).addCategory(categoryParams({ maxTotal: yuan("300,000") - 1n })))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_MaxTotalBelowAmount")
          .withArgs(yuan("300,000") - 1n, yuan("300,000"));
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the caller is not the admin", function () {
      it("refuses the manager, the guardian and a stranger", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        for (const caller of [w.actors.manager, w.actors.guardian, w.actors.stranger]) {
          await expect(w.htz.connect(caller).addCategory(categoryParams()))
            .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, ZERO_HASH);
        }
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when categories share an exclusivity group", function () {
      it("refuses the city's innovation-talent award to a company that holds its leading-talent award", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const leading = w.cityCategories.get("leading-talent")!;
        const innovation = w.cityCategories.get("innovation-talent")!;
        await w.city.awardWithOptions(w.ids.a, leading, 0, terms(t, [["1,000,000", 90]]), introduced(t));
        const before = await snapshot(w);
        await expect(w.city.awardWithOptions(w.ids.a, innovation, 0, terms(t, [["500,000", 90]]), introduced(t)))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_AlreadyAwarded")
          .withArgs(w.nos.a, TALENT_GROUP, await w.city.getAddress());
        expect(await snapshot(w)).to.deep.equal(before);
        // Another company is unaffected.
        await expect(
          w.city.awardWithOptions(w.ids.b, innovation, 0, terms(t, [["500,000", 90]]), introduced(t)),
        ).to.emit(w.city, "GrantAwarded");
      });

      it("refuses an htz award in the city's talent group to a company holding a city talent award", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        await admitToGroup(w, w.htz, TALENT_GROUP_NAME);
        await w.htz.connect(w.actors.admin).addCategory(categoryParams({ exclusivityGroup: TALENT_GROUP_NAME }));
        await w.city.awardWithOptions(
          w.ids.a,
          w.cityCategories.get("innovation-talent")!,
          0,
          terms(t, [["500,000", 90]]),
          introduced(t),
        );
        const before = await snapshot(w);
        await expect(w.htz.award(w.ids.a, 6n, 0, terms(t, [["300,000", 90]])))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_AlreadyAwarded")
          .withArgs(w.nos.a, TALENT_GROUP, await w.city.getAddress());
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("enforces a group created in both htz and city with addCategory, whichever program awards first", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const t = await now();
        const group = ethers.id("group:guiyang-platform-2017");
        await admitToGroup(w, w.htz, group);
        await admitToGroup(w, w.city, group);
        await w.htz.connect(w.actors.admin).addCategory(categoryParams({ exclusivityGroup: group }));
        await w.city
          .connect(w.actors.admin)
          .addCategory(categoryParams({ mode: AwardMode.Capped, amount: yuan("400,000"), exclusivityGroup: group }));
        expect((await w.htz.category(6n)).awardKey).to.equal(groupAwardKey(group));
        expect((await w.city.category(4n)).awardKey).to.equal(groupAwardKey(group));

        await w.htz.award(w.ids.b, 6n, 0, terms(t, [["300,000", 90]]));
        let before = await snapshot(w);
        await expect(w.city.award(w.ids.b, 4n, 0, terms(t, [["400,000", 90]])))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_AlreadyAwarded")
          .withArgs(w.nos.b, groupAwardKey(group), await w.htz.getAddress());
        expect(await snapshot(w)).to.deep.equal(before);

        await w.city.award(w.ids.c, 4n, 0, terms(t, [["350,000", 90]]));
        before = await snapshot(w);
        await expect(w.htz.award(w.ids.c, 6n, 0, terms(t, [["300,000", 90]])))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_AlreadyAwarded")
          .withArgs(w.nos.c, groupAwardKey(group), await w.city.getAddress());
        expect(await snapshot(w)).to.deep.equal(before);
        const [holder, grantId] = await w.registry.awardHolder(w.nos.c, groupAwardKey(group));
        expect(holder).to.equal(await w.city.getAddress());
        expect(grantId).to.equal(1n);
      });
    });
  });

  describe("addReviewer", function () {
    describe("when the reviewer is new", function () {
      it("hands out the next slot and emits ReviewerAdded", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        const newcomer = w.actors.spare[0].address;
        await expect(htz.addReviewer(newcomer)).to.emit(htz, "ReviewerAdded").withArgs(newcomer, 5n);
        expect(await htz.reviewerSlot(newcomer)).to.equal(5n);
        expect(await htz.reviewerAt(5)).to.equal(newcomer);
        const s = await htz.settings();
        expect(s.reviewerSlotsUsed).to.equal(5n);
        expect(s.activeReviewers).to.equal(0b11111n);
      });
    });

    describe("when the reviewer is refused", function () {
      it("refuses the zero address", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.admin).addReviewer(ZERO_ADDRESS)).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_ZeroReviewer",
        );
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a current reviewer", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        const r2 = w.actors.reviewers[1].address;
        await expect(w.htz.connect(w.actors.admin).addReviewer(r2))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_DuplicateReviewer")
          .withArgs(r2);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a manager", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.admin).addReviewer(w.actors.manager.address))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
          .withArgs(w.actors.manager.address, await w.htz.MANAGER_ROLE(), await w.htz.REVIEWER());
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses the treasurer", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.admin).addReviewer(w.actors.treasurer.address))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
          .withArgs(w.actors.treasurer.address, await w.htz.TREASURER_ROLE(), await w.htz.REVIEWER());
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a caller who is not the admin", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.manager).addReviewer(w.actors.spare[0].address))
          .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
          .withArgs(w.actors.manager.address, ZERO_HASH);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the committee fills all 16 slots (packed committee record)", function () {
      it("keeps every slot's account, whatever word boundary it straddles, and refuses slots 0 and 17", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        const accounts = w.actors.reviewers.map((r) => r.address);
        for (let i = 0; i < 12; i++) {
          const account = ethers.Wallet.createRandom().address;
          accounts.push(account);
          await htz.addReviewer(account);
        }
        for (let slot = 1; slot <= 16; slot++) expect(await htz.reviewerAt(slot)).to.equal(accounts[slot - 1]);
        expect(await w.core.lens.reviewers(await htz.getAddress())).to.deep.equal(accounts);
        for (const slot of [0, 17]) {
          await expect(htz.reviewerAt(slot))
            .to.be.revertedWithCustomError(htz, "GrantProgram_UnknownReviewerSlot")
            .withArgs(BigInt(slot));
        }
      });
    });

    describe("when slots run out", function () {
      it("refuses a 17th slot over the program's life, even after a removal freed a seat", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        for (let i = 0; i < 12; i++) await htz.addReviewer(ethers.Wallet.createRandom().address);
        expect((await htz.settings()).reviewerSlotsUsed).to.equal(16n);

        let before = await snapshot(w);
        await expect(htz.addReviewer(w.actors.spare[0].address))
          .to.be.revertedWithCustomError(htz, "GrantProgram_TooManyReviewers")
          .withArgs(16n);
        expect(await snapshot(w)).to.deep.equal(before);

        await htz.removeReviewer(w.actors.reviewers[3].address);
        before = await snapshot(w);
        await expect(htz.addReviewer(w.actors.spare[0].address))
          .to.be.revertedWithCustomError(htz, "GrantProgram_TooManyReviewers")
          .withArgs(16n);
        await expect(htz.addReviewer(w.actors.reviewers[3].address))
          .to.be.revertedWithCustomError(htz, "GrantProgram_TooManyReviewers")
          .withArgs(16n);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });
  });

  describe("removeReviewer", function () {
    describe("when the remaining reviewers still reach quorum", function () {
      it("retires the slot and emits ReviewerRemoved", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        const r4 = w.actors.reviewers[3].address;
        await expect(htz.removeReviewer(r4)).to.emit(htz, "ReviewerRemoved").withArgs(r4, 4n);
        expect(await htz.reviewerSlot(r4)).to.equal(0n);
        const s = await htz.settings();
        expect(s.activeReviewers).to.equal(0b0111n);
        expect(s.reviewerSlotsUsed).to.equal(4n);
      });

      it("never reuses a slot: a reviewer added after a removal gets a new slot", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        const r2 = w.actors.reviewers[1].address;
        await htz.removeReviewer(r2);
        const newcomer = w.actors.spare[0].address;
        await expect(htz.addReviewer(newcomer)).to.emit(htz, "ReviewerAdded").withArgs(newcomer, 5n);
        expect(await htz.reviewerSlot(newcomer)).to.equal(5n);
        // The removed reviewer may come back, but only in yet another new slot.
        await expect(htz.addReviewer(r2)).to.emit(htz, "ReviewerAdded").withArgs(r2, 6n);
        const s = await htz.settings();
        expect(s.reviewerSlotsUsed).to.equal(6n);
        expect(s.activeReviewers).to.equal(0b111101n);
      });
    });

    describe("when the removal is refused", function () {
      it("refuses a removal that would leave fewer reviewers than the quorum", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        await htz.removeReviewer(w.actors.reviewers[3].address);
        const before = await snapshot(w);
        await expect(htz.removeReviewer(w.actors.reviewers[0].address))
          .to.be.revertedWithCustomError(htz, "GrantProgram_InvalidQuorum")
          .withArgs(3n, 2n);
        expect(await snapshot(w)).to.deep.equal(before);
        expect(await htz.reviewerSlot(w.actors.reviewers[0].address)).to.equal(1n);
      });

      it("refuses an account that is not a current reviewer", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        await htz.removeReviewer(w.actors.reviewers[3].address);
        const before = await snapshot(w);
        for (const account of [w.actors.stranger.address, w.actors.reviewers[3].address]) {
          await expect(htz.removeReviewer(account))
            .to.be.revertedWithCustomError(htz, "GrantProgram_NotReviewer")
            .withArgs(account);
        }
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a caller who is not the admin", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.guardian).removeReviewer(w.actors.reviewers[0].address))
          .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
          .withArgs(w.actors.guardian.address, ZERO_HASH);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });
  });

  describe("setQuorum", function () {
    describe("when the quorum is between 1 and the current reviewers", function () {
      it("sets the quorum and emits QuorumChanged", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        await expect(htz.setQuorum(4)).to.emit(htz, "QuorumChanged").withArgs(3n, 4n);
        await expect(htz.setQuorum(1)).to.emit(htz, "QuorumChanged").withArgs(4n, 1n);
        expect((await htz.settings()).quorum).to.equal(1n);
      });
    });

    describe("when the quorum is out of range", function () {
      it("refuses a quorum of zero", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.admin).setQuorum(0))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidQuorum")
          .withArgs(0n, 4n);
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses a quorum above the current reviewers, counting only reviewers still active", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        let before = await snapshot(w);
        await expect(htz.setQuorum(5))
          .to.be.revertedWithCustomError(htz, "GrantProgram_InvalidQuorum")
          .withArgs(5n, 4n);
        expect(await snapshot(w)).to.deep.equal(before);

        await htz.removeReviewer(w.actors.reviewers[0].address);
        before = await snapshot(w);
        await expect(htz.setQuorum(4))
          .to.be.revertedWithCustomError(htz, "GrantProgram_InvalidQuorum")
          .withArgs(4n, 3n);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the caller is not the admin", function () {
      it("refuses the manager", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.manager).setQuorum(2))
          .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
          .withArgs(w.actors.manager.address, ZERO_HASH);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });
  });

  describe("grantRole", function () {
    describe("when the account is a reviewer", function () {
      it("refuses MANAGER_ROLE to a reviewer", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        const r1 = w.actors.reviewers[0].address;
        const role = await htz.MANAGER_ROLE();
        await expect(htz.grantRole(role, r1))
          .to.be.revertedWithCustomError(htz, "GrantProgram_RoleConflict")
          .withArgs(r1, await htz.REVIEWER(), role);
        expect(await htz.hasRole(role, r1)).to.equal(false);
      });

      it("refuses TREASURER_ROLE to a reviewer", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        const r3 = w.actors.reviewers[2].address;
        const role = await htz.TREASURER_ROLE();
        const before = await snapshot(w);
        await expect(htz.grantRole(role, r3))
          .to.be.revertedWithCustomError(htz, "GrantProgram_RoleConflict")
          .withArgs(r3, await htz.REVIEWER(), role);
        expect(await htz.hasRole(role, r3)).to.equal(false);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the role is not one of the program's four", function () {
      it("refuses it with GrantProgram_UnknownRole and records nothing", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        const role = ethers.id("AUDITOR_ROLE");
        const stranger = w.actors.stranger.address;
        const before = await snapshot(w);
        await expect(htz.grantRole(role, stranger))
          .to.be.revertedWithCustomError(htz, "GrantProgram_UnknownRole")
          .withArgs(role);
        expect(await htz.hasRole(role, stranger)).to.equal(false);
        expect(await htz.isOfficial(stranger)).to.equal(false);
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("when the account is a former reviewer", function () {
      it("grants MANAGER_ROLE once the reviewer was removed", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const htz = w.htz.connect(w.actors.admin);
        const r4 = w.actors.reviewers[3].address;
        await htz.removeReviewer(r4);
        const role = await htz.MANAGER_ROLE();
        await expect(htz.grantRole(role, r4)).to.emit(htz, "RoleGranted").withArgs(role, r4, w.actors.admin.address);
      });
    });
  });

  describe("revokeRole, renounceRole, getRoleAdmin and supportsInterface (roles kept in each account's word)", function () {
    it("lets the admin revoke a role: RoleRevoked, the role is gone, the account stays an official", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const htz = w.htz.connect(w.actors.admin);
      const role = await htz.MANAGER_ROLE();
      const manager = w.actors.manager.address;
      await expect(htz.revokeRole(role, manager))
        .to.emit(htz, "RoleRevoked")
        .withArgs(role, manager, w.actors.admin.address);
      expect(await htz.hasRole(role, manager)).to.equal(false);
      expect(await htz.isOfficial(manager)).to.equal(true);
      // Revoking again changes nothing and emits nothing.
      await expect(htz.revokeRole(role, manager)).not.to.emit(htz, "RoleRevoked");
    });

    it("grants a role the account already holds as a no-op: no RoleGranted, the role stays", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const htz = w.htz.connect(w.actors.admin);
      const role = await htz.MANAGER_ROLE();
      const before = await snapshot(w);
      await expect(htz.grantRole(role, w.actors.manager.address)).not.to.emit(htz, "RoleGranted");
      expect(await htz.hasRole(role, w.actors.manager.address)).to.equal(true);
      expect(await snapshot(w)).to.deep.equal(before);
    });

    it("refuses revokeRole from an account without the admin role (AccessControlUnauthorizedAccount)", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const role = await w.htz.MANAGER_ROLE();
      const before = await snapshot(w);
      await expect(w.htz.connect(w.actors.manager).revokeRole(role, w.actors.manager.address))
        .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
        .withArgs(w.actors.manager.address, ZERO_HASH);
      expect(await snapshot(w)).to.deep.equal(before);
    });

    it("refuses renounceRole for another account (AccessControlBadConfirmation)", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const role = await w.htz.MANAGER_ROLE();
      await expect(
        w.htz.connect(w.actors.stranger).renounceRole(role, w.actors.manager.address),
      ).to.be.revertedWithCustomError(w.htz, "AccessControlBadConfirmation");
      expect(await w.htz.hasRole(role, w.actors.manager.address)).to.equal(true);
    });

    it("names DEFAULT_ADMIN_ROLE the admin of every role and supports IAccessControl and IERC165", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      for (const role of [ZERO_HASH, await w.htz.MANAGER_ROLE(), await w.htz.GUARDIAN_ROLE(), ethers.id("X")]) {
        expect(await w.htz.getRoleAdmin(role)).to.equal(ZERO_HASH);
      }
      expect(await w.htz.supportsInterface("0x7965db0b")).to.equal(true); // IAccessControl
      expect(await w.htz.supportsInterface("0x01ffc9a7")).to.equal(true); // IERC165
      expect(await w.htz.supportsInterface("0xffffffff")).to.equal(false);
    });
  });

  describe("pause and unpause", function () {
    describe("pause", function () {
      it("lets the guardian pause and emits ProgramPaused", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await expect(w.htz.connect(w.actors.guardian).pause())
          .to.emit(w.htz, "ProgramPaused")
          .withArgs(w.actors.guardian.address);
        expect(await w.htz.paused()).to.equal(true);
      });

      it("refuses a caller who is not the guardian, including the admin", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        const role = await w.htz.GUARDIAN_ROLE();
        for (const caller of [w.actors.admin, w.actors.manager, w.actors.stranger]) {
          await expect(w.htz.connect(caller).pause())
            .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, role);
        }
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses to pause a program that is already paused", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await w.htz.connect(w.actors.guardian).pause();
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.guardian).pause()).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_Paused",
        );
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("unpause", function () {
      it("lets only the admin unpause and emits ProgramUnpaused", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await w.htz.connect(w.actors.guardian).pause();
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.guardian).unpause())
          .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
          .withArgs(w.actors.guardian.address, ZERO_HASH);
        expect(await snapshot(w)).to.deep.equal(before);
        await expect(w.htz.connect(w.actors.admin).unpause())
          .to.emit(w.htz, "ProgramUnpaused")
          .withArgs(w.actors.admin.address);
        expect(await w.htz.paused()).to.equal(false);
      });

      it("refuses to unpause a program that is not paused", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.admin).unpause()).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_NotPaused",
        );
        expect(await snapshot(w)).to.deep.equal(before);
      });
    });

    describe("while paused", function () {
      /** htz with one grant to company A: milestone 0 payable, 1 submitted, 2 pending; then paused. */
      async function pausedWorld() {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { htz, actors } = w;
        const t = await now();
        const lab = w.htzCategories.get("rd-platform-national")!;
        await htz.award(
          w.ids.a,
          lab,
          0,
          terms(t, [
            ["2,000,000", 30],
            ["2,000,000", 60],
            ["1,000,000", 90],
          ]),
        );
        const grantId = await htz.grantCount();
        const { termsHash } = await htz.grant(grantId);
        const evidence0 = textHash("evidence 0");
        await submitAndApprove(htz, actors.companyA, actors.reviewers, grantId, 0, evidence0, {
          reasonHash: textHash("ok"),
        });
        await networkHelpers.time.increase(NOTICE);
        const evidence1 = textHash("evidence 1");
        await htz.connect(actors.companyA).submitEvidence(grantId, 1, evidence1);
        await htz.connect(actors.guardian).pause();
        return { ...w, grantId, termsHash, evidence1 };
      }

      it("refuses award", async function () {
        const w = await pausedWorld();
        const before = await snapshot(w);
        const t = await now();
        await expect(
          w.htz.award(w.ids.b, w.htzCategories.get("rd-platform-joint")!, 0, terms(t, [["2,000,000", 90]])),
        ).to.be.revertedWithCustomError(w.htz, "GrantProgram_Paused");
        expect(await snapshot(w)).to.deep.equal(before);
      });

      it("refuses submitApplication", async function () {
        const w = await pausedWorld();
        const before = await snapshot(w);
        await expect(
          w.htz.connect(w.actors.companyB).submitApplication(1, textHash("application")),
        ).to.be.revertedWithCustomError(w.htz, "GrantProgram_Paused");
        expect(await snapshot(w)).to.deep.equal(before);
        expect(await w.htz.applicationCount()).to.equal(0n);
      });

      it("refuses submitEvidence", async function () {
        const w = await pausedWorld();
        const before = await snapshot(w);
        await expect(
          w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 2, textHash("evidence 2")),
        ).to.be.revertedWithCustomError(w.htz, "GrantProgram_Paused");
        expect(await snapshot(w)).to.deep.equal(before);
        expect(await w.htz.evidenceOf(w.grantId, 2)).to.equal(ZERO_HASH);
      });

      it("refuses vote", async function () {
        const w = await pausedWorld();
        const before = await snapshot(w);
        await expect(
          w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 1, w.termsHash, w.evidence1, true, textHash("ok")),
        ).to.be.revertedWithCustomError(w.htz, "GrantProgram_Paused");
        expect(await snapshot(w)).to.deep.equal(before);
        expect((await w.htz.milestone(w.grantId, 1)).approvals).to.equal(0n);
      });

      it("refuses claim and moves no tokens; the claim works again after the admin unpauses", async function () {
        const w = await pausedWorld();
        const before = await snapshot(w);
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0])).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_Paused",
        );
        expect(await snapshot(w)).to.deep.equal(before);

        await w.htz.connect(w.actors.admin).unpause();
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0])).to.changeTokenBalances(
          ethers,
          w.token,
          [w.actors.companyA, w.htz],
          [yuan("2,000,000"), -yuan("2,000,000")],
        );
      });

      it("still lets the treasurer fund and withdraw", async function () {
        const w = await pausedWorld();
        await expect(fundProgram(w.token, w.htz, w.actors.treasurer))
          .to.emit(w.htz, "Funded")
          .withArgs(w.actors.treasurer.address, yuan("1,000"));
        await expect(w.htz.connect(w.actors.treasurer).withdraw(yuan("3,000"))).to.changeTokenBalances(
          ethers,
          w.token,
          [w.actors.treasury, w.htz],
          [yuan("3,000"), -yuan("3,000")],
        );
        const s = await w.htz.summary();
        expect(s.funded).to.equal(yuan("20,001,000"));
        expect(s.withdrawn).to.equal(yuan("3,000"));
        await expectLedgerMatchesChain(w.htz);
      });

      it("does not affect the other program on the same registry", async function () {
        const w = await pausedWorld();
        const t = await now();
        expect(await w.city.paused()).to.equal(false);
        await expect(
          w.city.award(w.ids.b, w.cityCategories.get("main-board-listing")!, 0, terms(t, [["10,000,000", 90]])),
        ).to.emit(w.city, "GrantAwarded");
        await expect(
          w.city.connect(w.actors.companyC).submitApplication(w.cityCategories.get("leading-talent")!, textHash("app")),
        ).to.emit(w.city, "ApplicationSubmitted");
        await expect(w.city.connect(w.actors.companyB).submitEvidence(1n, 0, textHash("listing"))).to.emit(
          w.city,
          "EvidenceSubmitted",
        );
      });
    });
  });
});

describe("GrantProgram hardening", function () {
  const EVIDENCE = textHash("licence: national engineering lab, 2017");
  const REASON = textHash("ok");
  const submitted = () => submittedNationalLab(networkHelpers, deployGuiyang, EVIDENCE);

  describe("pause and the public notice window", function () {
    /** Milestone 0 approved by three reviewers: returns the calendar end of its notice window. */
    async function approved() {
      const s = await submitted();
      const review = await approveSubmitted(s.htz, s.actors.reviewers, s.grantId, 0, EVIDENCE, { reasonHash: REASON });
      return { ...s, noticeEndsAt: review.noticeEndsAt };
    }

    it("a pause longer than the notice period does not make the milestone payable on resuming: the window stands still", async function () {
      const s = await approved();
      await networkHelpers.time.increase(DAY);
      await s.htz.connect(s.actors.guardian).pause();
      const pausedAt = BigInt(await networkHelpers.time.latest());
      await networkHelpers.time.increase(3n * NOTICE);
      await s.htz.connect(s.actors.admin).unpause();
      const pausedFor = BigInt(await networkHelpers.time.latest()) - pausedAt;

      const before = await s.w.token.balanceOf(s.actors.companyA.address);
      const summary = await s.htz.summary();
      await expect(s.htz.connect(s.actors.companyA).claim(s.grantId, [0]))
        .to.be.revertedWithCustomError(s.htz, "GrantProgram_WrongMilestoneState")
        .withArgs(s.grantId, 0, MilestoneState.InNotice, 1n << BigInt(MilestoneState.Payable));
      expect(await s.w.token.balanceOf(s.actors.companyA.address)).to.equal(before);
      expect(await s.htz.summary()).to.deep.equal(summary);
      expect(await s.htz.milestoneState(s.grantId, 0)).to.equal(MilestoneState.InNotice);

      // The window ends exactly the paused time later than first announced.
      const endsAt = (await s.htz.milestone(s.grantId, 0)).noticeEndsAt;
      expect(endsAt).to.equal(s.noticeEndsAt + pausedFor);
      await networkHelpers.time.setNextBlockTimestamp(endsAt);
      await expect(s.htz.connect(s.actors.companyA).claim(s.grantId, [0])).to.changeTokenBalance(
        ethers,
        s.w.token,
        s.actors.companyA,
        yuan("5,000,000"),
      );
    });

    it("the public can still object during a pause, after the announced end has passed in calendar time", async function () {
      const s = await approved();
      await s.htz.connect(s.actors.guardian).pause();
      await networkHelpers.time.increaseTo(s.noticeEndsAt + DAY);
      await expect(s.htz.connect(s.actors.stranger).object(s.grantId, 0, textHash("objection: forged licence")))
        .to.emit(s.htz, "ObjectionFiled")
        .withArgs(s.grantId, 0, s.actors.stranger.address, textHash("objection: forged licence"));
      expect(await s.htz.milestoneState(s.grantId, 0)).to.equal(MilestoneState.Contested);
    });

    it("shows calendar deadline and notice end during a pause as if the program resumed now (view and lens agree)", async function () {
      const s = await approved();
      await s.htz.connect(s.actors.guardian).pause();
      const pausedAt = BigInt(await networkHelpers.time.latest());
      await networkHelpers.time.increase(2n * DAY);
      const elapsed = BigInt(await networkHelpers.time.latest()) - pausedAt;
      const m = await s.htz.milestone(s.grantId, 0);
      expect(m.noticeEndsAt).to.equal(s.noticeEndsAt + elapsed);
      expect(m.deadline).to.equal(s.deadline + elapsed);
      const [viaLens] = await s.w.core.lens.milestones(await s.htz.getAddress(), s.grantId);
      expect(viaLens.noticeEndsAt).to.equal(m.noticeEndsAt);
      expect(viaLens.deadline).to.equal(m.deadline);
    });
  });

  describe("pause and deadlines", function () {
    it("stops the program's clock: no lapse during or right after a pause, and deadlines move by the paused time", async function () {
      const s = await submitted();
      await s.htz.connect(s.actors.reviewers[0]).vote(s.grantId, 0, s.termsHash, EVIDENCE, true, REASON);
      await s.htz.connect(s.actors.guardian).pause();
      const pausedAt = BigInt(await networkHelpers.time.latest());
      await networkHelpers.time.increaseTo(s.deadline + 10n * DAY);

      const before = await s.htz.summary();
      await expect(s.htz.connect(s.actors.stranger).lapse(s.grantId, 0)).to.be.revertedWithCustomError(
        s.htz,
        "GrantProgram_DeadlineNotPassed",
      );
      await s.htz.connect(s.actors.admin).unpause();
      const pausedFor = BigInt(await networkHelpers.time.latest()) - pausedAt;
      expect((await s.htz.settings()).pausedTotal).to.equal(pausedFor);
      await expect(s.htz.connect(s.actors.stranger).lapse(s.grantId, 0))
        .to.be.revertedWithCustomError(s.htz, "GrantProgram_DeadlineNotPassed")
        .withArgs(s.grantId, 0, s.deadline + pausedFor);
      expect(await s.htz.summary()).to.deep.equal(before);

      // The committee finishes its review after the pause, inside the extended deadline.
      for (const reviewer of s.actors.reviewers.slice(1, 3)) {
        await s.htz.connect(reviewer).vote(s.grantId, 0, s.termsHash, EVIDENCE, true, REASON);
      }
      await networkHelpers.time.increase(NOTICE);
      await expect(s.htz.connect(s.actors.companyA).claim(s.grantId, [0])).to.changeTokenBalance(
        ethers,
        s.w.token,
        s.actors.companyA,
        yuan("5,000,000"),
      );
    });

    it("keeps the calendar deadline of a grant awarded after a pause: shown as awarded, lapsable one second after", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      await w.htz.connect(w.actors.guardian).pause();
      await networkHelpers.time.increase(5n * DAY);
      await w.htz.connect(w.actors.admin).unpause();
      const now = BigInt(await networkHelpers.time.latest());
      await w.htz.award(w.ids.b, w.htzCategories.get("rd-platform-joint")!, 0, terms(now, [["2,000,000", 30]]));
      const grantId = await w.htz.grantCount();
      expect((await w.htz.milestone(grantId, 0)).deadline).to.equal(now + 30n * DAY);
      expect((await w.core.lens.milestones(await w.htz.getAddress(), grantId))[0].deadline).to.equal(now + 30n * DAY);
      await networkHelpers.time.increaseTo(now + 30n * DAY + 1n);
      await expect(w.htz.lapse(grantId, 0)).to.emit(w.htz, "MilestoneLapsed");
    });
  });
});
