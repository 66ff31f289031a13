/**
 * mg:close-year — the treasurer closes an ended fiscal year of a program with fiscal years: the year's
 * unreserved rest is returned to the program's fixed treasury or carried into the next year, by the rule the
 * program was created with. Years close in order; nothing is sent when the contract would refuse.
 */
import { yearEndWords } from "../../core/fiscal.js";
import { fiscalYearArg, requireText, TaskInputError, type CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { sent, txLine } from "../runtime/tx.js";

export interface CloseYearArgs extends CommonArgs {
  program: string | undefined;
  fiscalYear: string | undefined;
}

const action = defineAction("mg:close-year", async (args: CloseYearArgs, env) => {
  const p = await bookProgram(env, args.program);
  const year = fiscalYearArg(
    requireText(args.fiscalYear, "--fiscal-year", {
      en: "the fiscal year to close, e.g. 2026",
      zh: "要结账的预算年度，如 2026",
    }),
  );
  const book = await p.program.fiscalBook();
  if (book.startMonth === 0n)
    throw new TaskInputError(
      `${p.name} keeps one undated budget; it has no fiscal years to close.`,
      `${p.name} 只有一个不分年度的预算，没有可结账的预算年度。`,
    );
  // The contract's refusals (not ended, out of order, not the treasurer) come back as one sentence each.
  await p.program.closeFiscalYear.staticCall(year);
  const rest = (await p.program.fiscalYear(year)).available;
  const tx = await sent(p.program.closeFiscalYear(year));
  const closed = await p.program.fiscalYear(year);
  const rule = yearEndWords(book.yearEnd);
  const next = await p.program.fiscalYear(year + 1);
  return {
    result: {
      program: p.name,
      fiscalYear: year,
      /** The unreserved rest at the close, in token units. */
      rest: p.amount(rest),
      rule: Number(book.yearEnd) === 0 ? "return" : "carry-over",
      committed: p.amount(closed.committed),
      nextYearAvailable: p.amount(next.available),
      tx: tx.hash,
    },
    lines: [
      line(
        `Closed fiscal year ${year} of ${p.name}: its unreserved ${p.money(rest)} ${rule.en}.`,
        `已结账 ${p.name} 的 ${year} 预算年度：未预留的 ${p.moneyZh(rest)} 已${rule.zh}。`,
      ),
      txLine(tx),
      line(
        `  ${year}: appropriated ${p.money(closed.appropriated)}, carried in ${p.money(closed.carriedIn)}, released ${p.money(closed.released)}; awarded ${p.money(closed.committed)}, withdrawn ${p.money(closed.withdrawn)}, carried out ${p.money(closed.carriedOut)}`,
        `  ${year} 年度：拨入 ${p.moneyZh(closed.appropriated)}，上年结转 ${p.moneyZh(closed.carriedIn)}，退回 ${p.moneyZh(closed.released)}；授予 ${p.moneyZh(closed.committed)}，提取 ${p.moneyZh(closed.withdrawn)}，结转下年 ${p.moneyZh(closed.carriedOut)}`,
      ),
      line(
        `  fiscal year ${year + 1} now has ${p.money(next.available)} unreserved`,
        `  ${year + 1} 预算年度现有未预留预算 ${p.moneyZh(next.available)}`,
      ),
    ],
  };
});

export default action;

/** What mg:close-year returns (and prints with --json, beside ok and task). */
export type CloseYearResult = ResultOf<typeof action>;
