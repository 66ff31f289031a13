/** mg:pause — the guardian pauses a program; with --unpause the admin resumes it. */
import type { CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { sent, txLine } from "../runtime/tx.js";
import { proposeInstead, requireActingRole, throughSafe, type GovernedArgs } from "../runtime/governed.js";
import { ROLE_IDS } from "../../core/messages/labels.js";

export interface PauseArgs extends CommonArgs, GovernedArgs {
  program: string | undefined;
  unpause: boolean;
}

const action = defineAction("mg:pause", async (args: PauseArgs, env) => {
  const p = await bookProgram(env, args.program);
  if (throughSafe(args)) {
    const role = args.unpause ? ROLE_IDS.admin : ROLE_IDS.guardian;
    await requireActingRole(env, args, (a) => p.program.hasRole(role, a), role);
    const description = args.unpause
      ? line(`unpause ${p.name} (program admin)`, `恢复 ${p.name} 运行（项目管理员）`)
      : line(`pause ${p.name} (guardian)`, `暂停 ${p.name}（应急暂停人）`);
    const call = {
      to: await p.program.getAddress(),
      value: "0",
      data: args.unpause
        ? p.program.interface.encodeFunctionData("unpause")
        : p.program.interface.encodeFunctionData("pause"),
      what: description,
    };
    const proposed = await proposeInstead(env, args, [call], description);
    return { result: { program: p.name, paused: !args.unpause, ...proposed.result }, lines: proposed.lines };
  }
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
