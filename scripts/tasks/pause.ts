/** mg:pause — the guardian pauses a program; with --unpause the admin resumes it. */
import { bookProgram, defineAction, type CommonArgs } from "./lib/context.js";
import { sent, txLine } from "./lib/tx.js";

export interface PauseArgs extends CommonArgs {
  program: string | undefined;
  unpause: boolean;
}

export default defineAction<PauseArgs, Record<string, unknown>>("mg:pause", async (args, env) => {
  const p = await bookProgram(env, args.program);
  const tx = await sent(args.unpause ? p.program.unpause() : p.program.pause());
  return {
    result: { program: p.name, paused: !args.unpause, by: env.signer.address, tx: tx.hash },
    lines: [
      args.unpause
        ? `${p.name} unpaused by its admin ${env.signer.address}.`
        : `${p.name} paused by its guardian ${env.signer.address}: awards, applications, evidence, votes and claims stop until the admin unpauses.`,
      txLine(tx),
    ],
  };
});
