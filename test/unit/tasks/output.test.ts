/**
 * The language of task summaries (tasks/runtime/output.ts): MG_LANG picks it, an unknown value is
 * refused in both languages, and Chinese tables stay aligned in a terminal (a CJK character takes two
 * columns) while English tables are laid out exactly as before.
 */
import { expect } from "chai";

import { TaskInputError } from "../../../tasks/runtime/args.js";
import { formatTable, renderTable, summaryLang, table } from "../../../tasks/runtime/output.js";

describe("Task summaries in the operator's language (tasks/runtime/output.ts)", function () {
  describe("summaryLang", function () {
    it("is English when MG_LANG is unset, empty or en, and Chinese for zh (any case)", function () {
      expect([undefined, "", "en", "EN", " zh ", "ZH"].map((v) => summaryLang(v))).to.deep.equal([
        "en",
        "en",
        "en",
        "en",
        "zh",
        "zh",
      ]);
    });

    it("refuses any other value with one sentence in each language", function () {
      expect(() => summaryLang("fr"))
        .to.throw(TaskInputError, "MG_LANG=fr is not a language the tasks speak")
        .with.property("zh", "MG_LANG=fr 不是可用的输出语言：请使用 MG_LANG=zh（中文）或 MG_LANG=en（英文，默认）。");
    });
  });

  describe("renderTable", function () {
    const t = table({ state: { en: "state", zh: "状态" }, amount: { en: "amount", zh: "金额" } }, [
      { state: { en: "paid", zh: "已支付" }, amount: { en: "3,000.00 yuan", zh: "3,000.00 元" } },
    ]).table;

    it("prints English headers and cells padded by string length, as formatTable always did", function () {
      expect(renderTable(t, "en")).to.equal(formatTable([{ state: "paid", amount: "3,000.00 yuan" }]));
      expect(renderTable(t, "en")).to.equal(
        ["  state         amount", "  -----  -------------", "  paid   3,000.00 yuan"].join("\n"),
      );
    });

    it("prints Chinese headers and cells padded by terminal columns (a CJK character counts twice)", function () {
      expect(renderTable(t, "zh")).to.equal(
        ["  状态           金额", "  ------  -----------", "  已支付  3,000.00 元"].join("\n"),
      );
    });

    it("says an empty table is empty in the chosen language", function () {
      expect(formatTable([], "zh")).to.equal("  （无）");
      expect(formatTable([], "en")).to.equal("  (none)");
    });
  });
});
