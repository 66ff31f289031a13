/**
 * The seed program files cite where their rules come from: the `source` they name is a file of this
 * repository, and that file lists every category key the program pays under.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";

import { loadProgram } from "../../../scripts/lib/programs.js";
import { YUAN_DECIMALS } from "../../../scripts/lib/suite.js";

describe("seed program files: their cited source is in the repository", function () {
  for (const file of readdirSync("programs").filter((f) => f.endsWith(".json"))) {
    it(`${file} cites a repository file that lists each of its category keys`, function () {
      const program = loadProgram(path.join("programs", file), YUAN_DECIMALS);
      const cited = program.source.split(" ")[0];
      expect(existsSync(cited), `${file}: source "${program.source}"`).to.equal(true);
      const text = readFileSync(cited, "utf8");
      expect(text).to.include(`programs/${file}`);
      for (const category of program.categories) expect(text, category.key).to.include(`\`${category.key}\``);
    });
  }
});
