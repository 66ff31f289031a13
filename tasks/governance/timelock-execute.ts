/** mg:timelock-execute — anyone runs what a Safe proposal scheduled on the timelock, once its delay is over. */
import { executeTimelockOperation } from "../../scripts/lib/safe-proposals.js";
import type { CommonArgs } from "../runtime/args.js";
import { readProposalArg } from "../runtime/governed.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { sentOf, txLine, type Sent } from "../runtime/tx.js";

export interface TimelockExecuteArgs extends CommonArgs {
  proposal: string | undefined;
}

const action = defineAction("mg:timelock-execute", async (args: TimelockExecuteArgs, env) => {
  const { file, path } = readProposalArg(env, args.proposal);
  let tx: Sent | undefined;
  await executeTimelockOperation(
    env.ethers.provider,
    file,
    async (request) => {
      // Estimated first (ethers), so a refused call costs nothing and is named by the contracts' own error.
      const receipt = await (await env.signer.sendTransaction(request)).wait();
      if (receipt === null || receipt.status !== 1) throw new Error("The timelock's execution was not mined.");
      tx = sentOf(receipt);
      return tx.hash;
    },
    path,
    await env.time.latest(),
  );
  const op = file.timelock!;
  return {
    result: { proposal: path, timelock: op.timelock, operation: op.id, tx: tx!.hash },
    lines: [
      line(
        `The timelock ${op.timelock} executed what the Safe ${file.safe} scheduled: ${file.description.en}.`,
        `时间锁 ${op.timelock} 已执行多签钱包 ${file.safe} 排期的操作：${file.description.zh}。`,
      ),
      line(
        `  operation ${op.id}; proposed by ${file.proposedBy}; confirmed by ${file.signatures.map((s) => s.signer).join(", ")}; executed by ${env.signer.address}`,
        `  操作 ${op.id}；提议人 ${file.proposedBy}；确认人 ${file.signatures.map((s) => s.signer).join("、")}；执行人 ${env.signer.address}`,
      ),
      txLine(tx!),
    ],
  };
});

export default action;

/** What mg:timelock-execute returns (and prints with --json, beside ok and task). */
export type TimelockExecuteResult = ResultOf<typeof action>;
