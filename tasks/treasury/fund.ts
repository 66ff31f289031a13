/** mg:fund — the treasurer funds a program (approves the exact amount first if needed). */
import { formatMoney } from "../../core/messages/labels.js";
import { formatYuan } from "../../core/money.js";
import { fiscalYearArg, requireText, TaskInputError, type CommonArgs } from "../runtime/args.js";
import { bookProgram, bookToken, requireAuthorised } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf, type SummaryLine } from "../runtime/output.js";
import { sent, txLine } from "../runtime/tx.js";
import {
  actingAccount,
  proposeInstead,
  requireActingRole,
  throughSafe,
  type GovernedArgs,
} from "../runtime/governed.js";
import { ROLE_IDS } from "../../core/messages/labels.js";

export interface FundArgs extends CommonArgs, GovernedArgs {
  program: string | undefined;
  amount: string | undefined;
  mint: boolean;
  fiscalYear: string | undefined;
}

const action = defineAction("mg:fund", async (args: FundArgs, env) => {
  const p = await bookProgram(env, args.program);
  await requireAuthorised(env, p);
  const amount = p.parse(
    requireText(args.amount, "--amount", {
      en: 'the amount in yuan, e.g. "20,000,000.00"',
      zh: "以元为单位的金额，如“20,000,000.00”",
    }),
    "--amount",
  );
  // A program with fiscal years appropriates to the named year, or to the current one.
  const named = args.fiscalYear === undefined ? null : fiscalYearArg(args.fiscalYear);
  const { startMonth } = await p.program.fiscalBook();
  if (named !== null && startMonth === 0n)
    throw new TaskInputError(
      `${p.name} keeps one undated budget; it has no fiscal years (drop --fiscal-year).`,
      `${p.name} 只有一个不分年度的预算，没有预算年度（请去掉 --fiscal-year）。`,
    );
  const latest = await env.ethers.provider.getBlock("latest");
  const year =
    named ?? (startMonth === 0n ? null : Number(await p.program.fiscalYearOf(BigInt(latest?.timestamp ?? 0))));
  const fundCall =
    named === null
      ? p.program.interface.encodeFunctionData("fund", [amount])
      : p.program.interface.encodeFunctionData("fundFiscalYear", [named, amount]);
  const { token, entry } = await bookToken(env);
  const viaSafe = throughSafe(args);
  if (viaSafe) await requireActingRole(env, args, (a) => p.program.hasRole(ROLE_IDS.treasurer, a), ROLE_IDS.treasurer);
  // Through a Safe, the Safe is the treasurer: it holds the money and approves it.
  const treasurer = viaSafe ? actingAccount(env, args) : env.signer.address;
  const lines: SummaryLine[] = [];
  if (args.mint) {
    if (!entry.demo || !env.local) {
      throw new TaskInputError(
        "--mint works only with the demo yuan on a local chain.",
        "--mint 仅适用于本地链上的演示人民币代币。",
      );
    }
    await sent(token.mint(treasurer, amount));
    lines.push(
      line(
        `Minted ${formatYuan(amount, p.decimals)} demo yuan (local token) to ${treasurer}.`,
        `已向 ${treasurer} 铸造演示人民币 ${p.moneyZh(amount)}（本地代币）。`,
      ),
    );
  }
  const balance = await token.balanceOf(treasurer);
  if (balance < amount) {
    throw new TaskInputError(
      `${treasurer} holds ${p.money(balance)}, less than the ${p.money(amount)} to fund.`,
      `${treasurer} 持有 ${formatMoney(balance, p.decimals, "zh")}，少于拟拨入的 ${formatMoney(amount, p.decimals, "zh")}。`,
    );
  }
  const programAddress = await p.program.getAddress();
  if (viaSafe) {
    const calls = [];
    if ((await token.allowance(treasurer, programAddress)) < amount) {
      calls.push({
        to: await token.getAddress(),
        value: "0",
        data: token.interface.encodeFunctionData("approve", [programAddress, amount]),
        what: line(`approve ${p.money(amount)} to ${p.name}`, `授权 ${p.name} 动用 ${p.moneyZh(amount)}`),
      });
    }
    calls.push({
      to: programAddress,
      value: "0",
      data: fundCall,
      what: line(`fund ${p.name} with ${p.money(amount)}`, `向 ${p.name} 拨入 ${p.moneyZh(amount)}`),
    });
    const proposed = await proposeInstead(env, args, calls, {
      en: `fund ${p.name} with ${p.money(amount)} from ${treasurer}`,
      zh: `由 ${treasurer} 向 ${p.name} 拨入 ${p.moneyZh(amount)}`,
    });
    return {
      result: { program: p.name, amount: p.amount(amount), ...proposed.result },
      lines: [...lines, ...proposed.lines],
    };
  }
  if ((await token.allowance(treasurer, programAddress)) < amount) {
    await sent(token.approve(programAddress, amount));
  }
  const tx = await sent(named === null ? p.program.fund(amount) : p.program.fundFiscalYear(named, amount));
  const s = await p.program.summary();
  lines.push(
    line(
      `Funded ${p.name} with ${p.money(amount)} from ${treasurer}.`,
      `${treasurer} 已向 ${p.name} 拨入资金 ${p.moneyZh(amount)}。`,
    ),
    ...(year === null ? [] : [line(`  appropriated to fiscal year ${year}`, `  列入 ${year} 预算年度`)]),
    txLine(tx),
    line(
      `  funded ${p.money(s.funded)}; available ${p.money(s.available)}; reserved ${p.money(s.reserved)}`,
      `  累计拨入 ${p.moneyZh(s.funded)}；可用 ${p.moneyZh(s.available)}；已预留 ${p.moneyZh(s.reserved)}`,
    ),
  );
  return {
    result: {
      program: p.name,
      amount: p.amount(amount),
      funded: p.amount(s.funded),
      available: p.amount(s.available),
      /** The fiscal year the funding was appropriated to (null: the program keeps one undated budget). */
      fiscalYear: year,
      tx: tx.hash,
    },
    lines,
  };
});

export default action;

/** What mg:fund returns (and prints with --json, beside ok and task). */
export type FundResult = ResultOf<typeof action>;
