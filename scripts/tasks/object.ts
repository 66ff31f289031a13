/** mg:object — anyone objects to an approved milestone during its public notice window. */
import { formatTimestamp } from "../../core/time.js";
import { bookProgram, defineAction, type CommonArgs } from "./lib/context.js";
import { documentHash, grantId, milestoneIndex } from "./lib/hashes.js";
import { sent, txLine } from "./lib/tx.js";

export interface ObjectArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestone: string;
  file: string | undefined;
  hash: string | undefined;
}

export default defineAction<ObjectArgs, Record<string, unknown>>("mg:object", async (args, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const index = milestoneIndex(args.milestone);
  const evidence = documentHash(args.file, args.hash, "objection's supporting document");
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
      `${env.signer.address} objected to milestone #${index} of grant ${id} in ${p.name}; it cannot be paid until a manager rules.`,
      `  supporting document ${evidence}; notice window ends ${formatTimestamp(m.noticeEndsAt)}`,
      txLine(tx),
    ],
  };
});
