/** mg:apply — an entity applies to a category from its payout wallet, with the hash of its documents. */
import { bookProgram, categoryId, defineAction, type CommonArgs } from "./lib/context.js";
import { documentHash } from "./lib/hashes.js";
import { sent, txLine } from "./lib/tx.js";

export interface ApplyArgs extends CommonArgs {
  program: string | undefined;
  category: string | undefined;
  file: string | undefined;
  hash: string | undefined;
}

export default defineAction<ApplyArgs, Record<string, unknown>>("mg:apply", async (args, env) => {
  const p = await bookProgram(env, args.program);
  const category = categoryId(p, args.category);
  const hash = documentHash(args.file, args.hash, "application documents");
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
      `Application ${applicationId} submitted to category ${args.category} of ${p.name} by ${env.signer.address}.`,
      `  documents hash ${hash}`,
      txLine(tx),
    ],
  };
});
