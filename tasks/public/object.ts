/** mg:object — anyone objects to an approved milestone during its public notice window. */
import { formatBeijing, milestoneRef } from "../../core/messages/labels.js";
import { formatTimestamp } from "../../core/time.js";
import type { CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { hashFromOptions, grantId, milestoneIndex } from "../runtime/hashes.js";
import { sent, txLine } from "../runtime/tx.js";

export interface ObjectArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestone: number;
  file: string | undefined;
  hash: string | undefined;
}

const action = defineAction("mg:object", async (args: ObjectArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const index = milestoneIndex(args.milestone);
  const evidence = hashFromOptions(args.file, args.hash, {
    en: "objection's supporting document",
    zh: "异议的证明材料",
  });
  const tx = await sent(p.program.object(id, index, evidence));
  const m = await p.program.milestone(id, index);
  return {
    result: {
      program: p.name,
      grantId: id,
      milestone: index,
      objector: env.signer.address,
      evidenceHash: evidence,
      tx: tx.hash,
    },
    lines: [
      line(
        `${env.signer.address} objected to milestone #${index} of grant ${id} in ${p.name}; it cannot be paid until a manager rules.`,
        `${env.signer.address} 已对 ${p.name} ${milestoneRef(id, index, "zh")}提出异议；经办人裁决前该里程碑不能支付。`,
      ),
      line(
        `  supporting document ${evidence}; notice window ends ${formatTimestamp(m.noticeEndsAt)}`,
        `  异议材料 ${evidence}；公示期截止 ${formatBeijing(m.noticeEndsAt, "zh")}`,
      ),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:object returns (and prints with --json, beside ok and task). */
export type ObjectResult = ResultOf<typeof action>;
