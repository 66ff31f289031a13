/** mg:recover — a manager orders recovery of money already paid; the entity is barred until it repays. */
import { requireText, type CommonArgs } from "../runtime/args.js";
import { citedReason } from "../runtime/citation.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { grantId } from "../runtime/hashes.js";
import { sent, txLine } from "../runtime/tx.js";

export interface RecoverArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  amount: string | undefined;
  reason: string | undefined;
  article: string | undefined;
}

const action = defineAction("mg:recover", async (args: RecoverArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const amount = p.parse(
    requireText(args.amount, "--amount", { en: "the amount to recover, in yuan", zh: "追回金额（元）" }),
    "--amount",
  );
  const cited = citedReason(
    p,
    requireText(args.reason, "--reason", {
      en: "why the money is recovered (its hash goes on chain)",
      zh: "追回款项的理由（其哈希上链）",
    }),
    args.article,
    "",
  );
  const reason = cited.hash;
  const tx = await sent(p.program.orderRecovery(id, amount, reason));
  const g = await p.program.grant(id);
  return {
    result: {
      program: p.name,
      grantId: id,
      amount: p.amount(amount),
      owed: p.amount(g.recoveryOwed),
      entityNo: g.entityNo,
      reasonHash: reason,
      /** The reason text hashed (keep it on file; publish it with the decision), and the article it cites. */
      reasonText: cited.text,
      article: cited.article,
      tx: tx.hash,
    },
    lines: [
      line(
        `Recovery of ${p.money(amount)} ordered on grant ${id} in ${p.name}; entity number ${g.entityNo} is barred in every program of the registry until it repays.`,
        `已责令追回 ${p.name} 第 ${id} 号资助款项 ${p.moneyZh(amount)}；第 ${g.entityNo} 号主体在退回前不得申领本登记册下任何项目的资助。`,
      ),
      line(
        `  owed now ${p.money(g.recoveryOwed)}; unpaid milestones of the grant are cancelled.`,
        `  现应退回 ${p.moneyZh(g.recoveryOwed)}；该资助未支付的里程碑均已取消。`,
      ),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:recover returns (and prints with --json, beside ok and task). */
export type RecoverResult = ResultOf<typeof action>;
