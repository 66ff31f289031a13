/**
 * core/identity.ts: credit codes (GB 32100), resident identity numbers (GB 11643) and passports are
 * checked before anything reaches the chain, and an individual's id is deterministic per registrar secret.
 */
import { expect } from "chai";

import { CoreInputError } from "../../../core/input-error.js";
import {
  individualId,
  parseIdentityDocument,
  parseRegistrarSecret,
  parseResidentId,
  parseUscc,
  usccCheckCharacter,
} from "../../../core/identity.js";

const SECRET = `0x${"5a".repeat(32)}`;
const OTHER_SECRET = `0x${"a5".repeat(32)}`;
/** Codes published by their holders and the standard's own example (valid check characters). */
const PUBLISHED_CODES = ["9144030071526726XG", "91350100M000100Y43", "91310000717854505W"];

/** The CoreInputError a call throws (fails the test if it throws nothing or something else). */
function refusal(call: () => unknown): CoreInputError {
  try {
    call();
  } catch (error) {
    expect(error).to.be.instanceOf(CoreInputError);
    return error as CoreInputError;
  }
  throw new Error("expected a CoreInputError");
}

describe("core/identity.ts", function () {
  describe("unified social credit codes (GB 32100)", function () {
    it("accepts published codes and normalises case and spaces", function () {
      for (const code of PUBLISHED_CODES) expect(parseUscc(` ${code.toLowerCase()} `)).to.equal(code);
    });

    it("refuses a one-character typo anywhere, naming the check character the code would need", function () {
      const code = PUBLISHED_CODES[0];
      for (let i = 0; i < 18; i += 1) {
        const replacement = code[i] === "1" ? "2" : "1";
        const typo = code.slice(0, i) + replacement + code.slice(i + 1);
        const error = refusal(() => parseUscc(typo));
        if (i === 17 || /^\d$/.test(code[i]) || i >= 8) {
          expect(error.message).to.include(`the last must be ${usccCheckCharacter(typo.slice(0, 17))}`);
          expect(error.zh).to.include("校验不通过");
        }
      }
    });

    it("refuses letters outside the alphabet (I, O, S, V, Z) and a wrong length, in both languages", function () {
      for (const bad of ["9144030071526726XO", "9144030071526726X", "914403007152672SXG"]) {
        const error = refusal(() => parseUscc(bad));
        expect(error.message).to.include("not a unified social credit code");
        expect(error.zh).to.include("不是统一社会信用代码");
      }
    });
  });

  describe("resident identity numbers (GB 11643)", function () {
    const today = new Date(Date.UTC(2026, 11, 2));

    it("accepts the standard's examples, with a lower-case x written as X", function () {
      expect(parseResidentId("11010519491231002x", today)).to.equal("11010519491231002X");
      expect(parseResidentId("440524188001010014", today)).to.equal("440524188001010014");
    });

    it("refuses a month 13, 30 February and a birth date after today", function () {
      for (const bad of ["110105194913310021", "110105194902300021", "110105202701010021"]) {
        expect(refusal(() => parseResidentId(bad, today)).message).to.include("no valid birth date");
      }
    });

    it("refuses a wrong check digit, naming the right one (the docs' old sample 520102199001011234)", function () {
      const error = refusal(() => parseResidentId("520102199001011234", today));
      expect(error.message).to.include("the last must be X");
      expect(error.zh).to.include("最后一位应为 X");
      expect(parseResidentId("52010219900101123X", today)).to.equal("52010219900101123X");
    });

    it("refuses anything but 17 digits and a check character", function () {
      expect(refusal(() => parseResidentId("1101051949123100", today)).message).to.include(
        "not a resident identity number",
      );
    });
  });

  describe("an individual's id", function () {
    it("is the same for the same person however the number is written, and differs per jurisdiction", function () {
      const first = individualId(SECRET, "11010519491231002X");
      expect(individualId(SECRET, " 11010519491231002x ")).to.equal(first);
      expect(individualId(OTHER_SECRET, "11010519491231002X")).to.not.equal(first);
      expect(individualId(SECRET, "440524188001010014")).to.not.equal(first);
    });

    it("takes passports in one written form and refuses others", function () {
      expect(parseIdentityDocument("passport:deu:c01x00t47")).to.equal("PASSPORT:DEU:C01X00T47");
      expect(parseIdentityDocument("PASSPORT:DEU:C01X00T47")).to.equal("PASSPORT:DEU:C01X00T47");
      expect(parseIdentityDocument("CN-RID:11010519491231002X")).to.equal("CN-RID:11010519491231002X");
      expect(individualId(SECRET, "PASSPORT:DEU:C01X00T47")).to.equal(individualId(SECRET, "passport:deu:c01x00t47"));
      expect(refusal(() => parseIdentityDocument("PASSPORT:C01X00T47")).message).to.include("PASSPORT:<country");
    });

    it("needs a 32-byte, non-zero registrar secret", function () {
      for (const bad of ["0x1234", `0x${"00".repeat(32)}`, "5a".repeat(32)]) {
        expect(refusal(() => parseRegistrarSecret(bad)).message).to.include("registrar secret must be 32");
      }
      expect(parseRegistrarSecret(` ${SECRET.toUpperCase().replace("0X", "0x")}\n`)).to.equal(SECRET);
    });
  });
});
