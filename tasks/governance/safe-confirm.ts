/** mg:safe-confirm — a Safe owner adds their signature to a proposal file (nothing is sent). */
import { confirmSafeProposal, writeProposal } from "../../scripts/lib/safe-proposals.js";
import type { CommonArgs } from "../runtime/args.js";
import { shownPath } from "../runtime/connection.js";
import { confirmationLines, readProposalArg, safeContext } from "../runtime/governed.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";

export interface SafeConfirmArgs extends CommonArgs {
  proposal: string | undefined;
}

const action = defineAction("mg:safe-confirm", async (args: SafeConfirmArgs, env) => {
  const { file, path } = readProposalArg(env, args.proposal);
  const next = await confirmSafeProposal(await safeContext(env), file, env.signer.address, path);
  writeProposal(path, next);
  return {
    result: {
      proposal: path,
      safe: next.safe,
      safeTxHash: next.safeTxHash,
      signatures: next.signatures.map((s) => s.signer),
    },
    lines: [
      line(
        `${env.signer.address} confirmed, for the Safe ${next.safe}: ${next.description.en} (${shownPath(path)}).`,
        `${env.signer.address} 已为多签钱包 ${next.safe} 确认：${next.description.zh}（${shownPath(path)}）。`,
      ),
      ...(await confirmationLines(env, next, path)),
    ],
  };
});

export default action;

/** What mg:safe-confirm returns (and prints with --json, beside ok and task). */
export type SafeConfirmResult = ResultOf<typeof action>;
