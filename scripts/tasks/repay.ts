/** mg:repay — repays recovered money (anyone may pay for the grantee); the bar lifts when fully repaid. */
import { bookProgram, bookToken, defineAction, TaskInputError, type CommonArgs } from "./lib/context.js";
import { grantId } from "./lib/hashes.js";
import { sent, txLine } from "./lib/tx.js";

export interface RepayArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  amount: string | undefined;
  mint: boolean;
}

export default defineAction<RepayArgs, Record<string, unknown>>("mg:repay", async (args, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const g = await p.program.grant(id);
  const owed = g.recoveryOwed;
  if (owed === 0n) throw new TaskInputError(`Nothing is owed on grant ${id}.`);
  const amount =
    args.amount === undefined || args.amount.trim() === "" || args.amount.trim() === "all"
      ? owed
      : p.parse(args.amount, "--amount");
  const { token, entry } = await bookToken(env);
  const payer = env.signer.address;
  if (args.mint) {
    if (!entry.demo || !env.local) throw new TaskInputError("--mint works only with the demo yuan on a local chain.");
    await sent(token.mint(payer, amount));
  }
  const programAddress = await p.program.getAddress();
  if ((await token.allowance(payer, programAddress)) < amount) await sent(token.approve(programAddress, amount));
  const tx = await sent(p.program.repay(id, amount));
  const after = await p.program.grant(id);
  const still = after.recoveryOwed;
  return {
    result: { program: p.name, grantId: id, amount, payer, stillOwed: still, tx: tx.hash },
    lines: [
      `Repaid ${p.money(amount)} on grant ${id} in ${p.name} from ${payer}; it returns to the available budget.`,
      still === 0n
        ? "  Fully repaid: the entity's bar from this recovery is lifted."
        : `  Still owed: ${p.money(still)}.`,
      txLine(tx),
    ],
  };
});
