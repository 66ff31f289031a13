/**
 * One rule for a category's description hash: a program created from a program file records, for each
 * category, keccak256 of core categoryDescription(key, condition, conditionZh) — the text the portal checks the
 * condition it shows against (portal/src/history.ts conditionCard).
 */
import { expect } from "chai";
import { network } from "hardhat";

import { categoryDescription, textHash } from "../../../core/ids.js";
import { loadProgram } from "../../../scripts/lib/programs.js";
import { guiyangFixture, DECIMALS } from "../../utils/fixtures.js";

const connection = await network.create();
const { networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

describe("core/ids.ts categoryDescription: the category condition a program records", function () {
  it("is '<key>: <condition> | <conditionZh>' (both languages bound), and every category of a created program records its keccak256", async function () {
    expect(categoryDescription("rd-platform-national", "Licensed at national level", "获国家级批准授牌")).to.equal(
      "rd-platform-national: Licensed at national level | 获国家级批准授牌",
    );
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const definition = loadProgram("programs/guiyang-htz-blockchain-2017.json", DECIMALS);
    const added = await w.htz.queryFilter(w.htz.filters.CategoryAdded());
    expect(added).to.have.length(definition.categories.length);
    for (const category of definition.categories) {
      const id = w.htzCategories.get(category.key)!;
      const event = added.find((e) => e.args.categoryId === id)!;
      expect(event.args.descriptionHash, category.key).to.equal(
        textHash(categoryDescription(category.key, category.condition, category.conditionZh)),
      );
    }
  });
});
