/** mg:pause — the guardian pauses a program; with --unpause the admin resumes it. */
import type { CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { sent, txLine } from "../runtime/tx.js";

export interface PauseArgs extends CommonArgs {
  program: string | undefined;
  unpause: boolean;
}

const action = defineAction("mg:pause", async (args: PauseArgs, env) => {
  const p = await bookProgram(env, args.program);
  const tx = await sent(args.unpause ? p.program.unpause() : p.program.pause());
  return {
    result: { program: p.name, paused: !args.unpause, by: env.signer.address, tx: tx.hash },
    lines: [
      args.unpause
        ? line(
            `${p.name} unpaused by its admin ${env.signer.address}.`,
            `${p.name} 已由管理员 ${env.signer.address} 恢复运行。`,
          )
        : line(
            `${p.name} paused by its guardian ${env.signer.address}: awards, applications, evidence, votes and claims stop until the admin unpauses.`,
            `${p.name} 已由应急暂停人 ${env.signer.address} 暂停：授予资助、申请、提交材料、投票和领取均停止，直至管理员恢复运行。`,
          ),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:pause returns (and prints with --json, beside ok and task). */
export type PauseResult = ResultOf<typeof action>;
