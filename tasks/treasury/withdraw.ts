/** mg:withdraw — the treasurer withdraws unreserved budget to the program's fixed treasury address. */
import { requireText, type CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { sent, txLine } from "../runtime/tx.js";
import { proposeInstead, requireActingRole, throughSafe, type GovernedArgs } from "../runtime/governed.js";
import { ROLE_IDS } from "../../core/messages/labels.js";

export interface WithdrawArgs extends CommonArgs, GovernedArgs {
  program: string | undefined;
  amount: string | undefined;
}

const action = defineAction("mg:withdraw", async (args: WithdrawArgs, env) => {
  const p = await bookProgram(env, args.program);
  const text = requireText(args.amount, "--amount", {
    en: 'an amount in yuan, or "all" for the whole available budget',
    zh: "以元为单位的金额，或“all”表示全部可用预算",
  });
  // With fiscal years a withdrawal comes out of the current year, so "all" is that year's unreserved rest.
  const { startMonth } = await p.program.fiscalBook();
  const all = async () => {
    if (startMonth === 0n) return p.program.available();
    const latest = await env.ethers.provider.getBlock("latest");
    const year = await p.program.fiscalYearOf(BigInt(latest?.timestamp ?? 0));
    return (await p.program.fiscalYear(year)).available;
  };
  const amount = text.toLowerCase() === "all" ? await all() : p.parse(text, "--amount");
  const treasury = await p.program.treasury();
  if (throughSafe(args)) {
    await requireActingRole(env, args, (a) => p.program.hasRole(ROLE_IDS.treasurer, a), ROLE_IDS.treasurer);
    const description = line(
      `withdraw ${p.money(amount)} from ${p.name} to the treasury ${treasury}`,
      `从 ${p.name} 提取 ${p.moneyZh(amount)} 至财政账户 ${treasury}`,
    );
    const call = {
      to: await p.program.getAddress(),
      value: "0",
      data: p.program.interface.encodeFunctionData("withdraw", [amount]),
      what: description,
    };
    const proposed = await proposeInstead(env, args, [call], description);
    return {
      result: { program: p.name, amount: p.amount(amount), treasury, ...proposed.result },
      lines: proposed.lines,
    };
  }
  const tx = await sent(p.program.withdraw(amount));
  const s = await p.program.summary();
  return {
    result: {
      program: p.name,
      amount: p.amount(amount),
      treasury,
      withdrawn: p.amount(s.withdrawn),
      available: p.amount(s.available),
      tx: tx.hash,
    },
    lines: [
      line(
        `Withdrew ${p.money(amount)} from ${p.name} to the treasury ${treasury}.`,
        `已从 ${p.name} 提取 ${p.moneyZh(amount)} 至财政账户 ${treasury}。`,
      ),
      txLine(tx),
      line(
        `  withdrawn in total ${p.money(s.withdrawn)}; still available ${p.money(s.available)}`,
        `  累计提取 ${p.moneyZh(s.withdrawn)}；尚可用 ${p.moneyZh(s.available)}`,
      ),
    ],
  };
});

export default action;

/** What mg:withdraw returns (and prints with --json, beside ok and task). */
export type WithdrawResult = ResultOf<typeof action>;
