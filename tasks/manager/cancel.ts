/** mg:cancel — a manager cancels a grant's unpaid milestones; their amount returns to the budget. */
import { requireText, type CommonArgs } from "../runtime/args.js";
import { citedReason } from "../runtime/citation.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { grantId } from "../runtime/hashes.js";
import { sent, txLine } from "../runtime/tx.js";

export interface CancelArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  reason: string | undefined;
  article: string | undefined;
}

const action = defineAction("mg:cancel", async (args: CancelArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const cited = citedReason(
    p,
    requireText(args.reason, "--reason", {
      en: "why the grant is cancelled (its hash goes on chain)",
      zh: "取消资助的理由（其哈希上链）",
    }),
    args.article,
    "",
  );
  const reason = cited.hash;
  const { reserved, paidCount } = await p.program.grant(id);
  const tx = await sent(p.program.cancelGrant(id, reason));
  return {
    result: {
      program: p.name,
      grantId: id,
      released: p.amount(reserved),
      awardKeyReleased: paidCount === 0n,
      reasonHash: reason,
      /** The reason text hashed (keep it on file; publish it with the decision), and the article it cites. */
      reasonText: cited.text,
      article: cited.article,
      tx: tx.hash,
    },
    lines: [
      line(
        `Grant ${id} in ${p.name} cancelled; ${p.money(reserved)} returned to the available budget.`,
        `${p.name} 第 ${id} 号资助已撤销，${p.moneyZh(reserved)} 退回可用预算。`,
      ),
      paidCount === 0n
        ? line(
            "  Nothing had been paid, so the entity may be awarded in this category again.",
            "  尚未支付任何款项，该主体仍可再次获得本类别资助。",
          )
        : line(
            `  ${paidCount} milestone(s) had been paid; use mg:recover to order money back.`,
            `  已支付 ${paidCount} 个里程碑的款项；如需追回，请使用 mg:recover。`,
          ),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:cancel returns (and prints with --json, beside ok and task). */
export type CancelResult = ResultOf<typeof action>;
