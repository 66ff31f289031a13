/** mg:apply — an entity applies to a category from its payout wallet, with the hash of its documents. */
import type { CommonArgs } from "../runtime/args.js";
import { bookProgram, categoryId } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { hashFromOptions } from "../runtime/hashes.js";
import { sent, txLine } from "../runtime/tx.js";

export interface ApplyArgs extends CommonArgs {
  program: string | undefined;
  category: string | undefined;
  file: string | undefined;
  hash: string | undefined;
}

const action = defineAction("mg:apply", async (args: ApplyArgs, env) => {
  const p = await bookProgram(env, args.program);
  const category = categoryId(p, args.category);
  const hash = hashFromOptions(args.file, args.hash, { en: "application documents", zh: "申请材料" });
  const applicationId = await p.program.submitApplication.staticCall(category, hash);
  const tx = await sent(p.program.submitApplication(category, hash));
  return {
    result: {
      program: p.name,
      applicationId,
      category,
      applicationHash: hash,
      applicant: env.signer.address,
      tx: tx.hash,
    },
    lines: [
      line(
        `Application ${applicationId} submitted to category ${args.category} of ${p.name} by ${env.signer.address}.`,
        `第 ${applicationId} 号申请已由 ${env.signer.address} 提交至 ${p.name} 的 ${args.category} 类别。`,
      ),
      line(`  documents hash ${hash}`, `  申请材料哈希 ${hash}`),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:apply returns (and prints with --json, beside ok and task). */
export type ApplyResult = ResultOf<typeof action>;
