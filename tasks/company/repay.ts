/** mg:repay — repays recovered money (anyone may pay for the grantee); the bar lifts when fully repaid. */
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { bookProgram, bookToken } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { grantId } from "../runtime/hashes.js";
import { sent, txLine } from "../runtime/tx.js";

export interface RepayArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  amount: string | undefined;
  mint: boolean;
}

const action = defineAction("mg:repay", async (args: RepayArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const g = await p.program.grant(id);
  const owed = g.recoveryOwed;
  if (owed === 0n) throw new TaskInputError(`Nothing is owed on grant ${id}.`, `第 ${id} 号资助没有应退回的款项。`);
  const amount =
    args.amount === undefined || args.amount.trim() === "" || args.amount.trim() === "all"
      ? owed
      : p.parse(args.amount, "--amount");
  const { token, entry } = await bookToken(env);
  const payer = env.signer.address;
  if (args.mint) {
    if (!entry.demo || !env.local) {
      throw new TaskInputError(
        "--mint works only with the demo yuan on a local chain.",
        "--mint 仅适用于本地链上的演示人民币代币。",
      );
    }
    await sent(token.mint(payer, amount));
  }
  const programAddress = await p.program.getAddress();
  if ((await token.allowance(payer, programAddress)) < amount) await sent(token.approve(programAddress, amount));
  const tx = await sent(p.program.repay(id, amount));
  const after = await p.program.grant(id);
  const still = after.recoveryOwed;
  return {
    result: { program: p.name, grantId: id, amount: p.amount(amount), payer, stillOwed: p.amount(still), tx: tx.hash },
    lines: [
      line(
        `Repaid ${p.money(amount)} on grant ${id} in ${p.name} from ${payer}; it returns to the available budget.`,
        `${payer} 已退回 ${p.name} 第 ${id} 号资助款项 ${p.moneyZh(amount)}，该款项回到可用预算。`,
      ),
      still === 0n
        ? line(
            "  Fully repaid: the entity's bar from this recovery is lifted.",
            "  已全部退回：该主体因本次追回而受的申领限制已解除。",
          )
        : line(`  Still owed: ${p.money(still)}.`, `  尚欠：${p.moneyZh(still)}。`),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:repay returns (and prints with --json, beside ok and task). */
export type RepayResult = ResultOf<typeof action>;
