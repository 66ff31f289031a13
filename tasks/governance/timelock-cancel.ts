/** mg:timelock-cancel — an owner of the bureau's Safe proposes cancelling a scheduled operation. */
import { existsSync } from "node:fs";

import { proposeTimelockCancel, writeProposal } from "../../scripts/lib/safe-proposals.js";
import { TaskInputError, requireText, type CommonArgs } from "../runtime/args.js";
import { shownPath } from "../runtime/connection.js";
import { confirmationLines, readProposalArg, safeContext } from "../runtime/governed.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";

export interface TimelockCancelArgs extends CommonArgs {
  proposal: string | undefined;
  out: string | undefined;
}

const action = defineAction("mg:timelock-cancel", async (args: TimelockCancelArgs, env) => {
  const { file, path } = readProposalArg(env, args.proposal);
  const out = requireText(args.out, "--out", {
    en: "the cancellation proposal file to write",
    zh: "要写入的取消提议文件",
  });
  if (existsSync(out)) {
    throw new TaskInputError(
      `The proposal file ${out} already exists: choose a new name (a proposal is never overwritten).`,
      `提议文件 ${out} 已存在：请换一个文件名（不会覆盖已有提议）。`,
    );
  }
  const cancel = await proposeTimelockCancel(await safeContext(env), file, env.signer.address, await env.time.latest());
  writeProposal(out, cancel);
  return {
    result: { proposal: out, cancels: path, operation: cancel.timelock!.id, safeTxHash: cancel.safeTxHash },
    lines: [
      line(
        `Proposed to the Safe ${cancel.safe}: ${cancel.description.en}.`,
        `已向多签钱包 ${cancel.safe} 提议：${cancel.description.zh}。`,
      ),
      line(
        `  Written to ${shownPath(out)}, signed by ${env.signer.address}.`,
        `  已写入 ${shownPath(out)}，由 ${env.signer.address} 签名。`,
      ),
      ...(await confirmationLines(env, cancel, out)),
    ],
  };
});

export default action;

/** What mg:timelock-cancel returns (and prints with --json, beside ok and task). */
export type TimelockCancelResult = ResultOf<typeof action>;
