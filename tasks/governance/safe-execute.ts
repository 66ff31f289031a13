/** mg:safe-execute — anyone sends a Safe proposal whose owners' threshold is met. */
import { executeSafeProposal, timelockStatus, writeProposal } from "../../scripts/lib/safe-proposals.js";
import { CoreInputError } from "../../core/input-error.js";
import type { SafeProposalFile } from "../../scripts/lib/safe-proposals.js";
import type { CommonArgs } from "../runtime/args.js";
import type { TaskEnv } from "../runtime/connection.js";
import { readProposalArg, safeContext, timelockLine } from "../runtime/governed.js";
import { defineAction, line, type ResultOf, type SummaryLine } from "../runtime/output.js";
import { sentOf, txLine } from "../runtime/tx.js";

export interface SafeExecuteArgs extends CommonArgs {
  proposal: string | undefined;
}

const action = defineAction("mg:safe-execute", async (args: SafeExecuteArgs, env) => {
  const { file, path } = readProposalArg(env, args.proposal);
  const hash = await executeSafeProposal(await safeContext(env), file, env.signer.address, path).then(
    (r) => r.hash,
    async (error: unknown) => {
      // The Safe refuses a failing inner call as a whole (GS013): name the call's own refusal instead.
      if (error instanceof CoreInputError) throw error;
      await explainRefusal(env, file);
      throw error;
    },
  );
  // The Safe SDK returns once the transaction is sent, not mined: wait for it. (A Hardhat node mines
  // before answering eth_sendRawTransaction; anvil and every real network answer first.)
  const receipt = await env.ethers.provider.waitForTransaction(hash);
  if (receipt === null) throw new Error(`Transaction ${hash} was not mined.`);
  if (receipt.status !== 1) throw new Error(`Transaction ${hash} failed.`);
  // A Safe whose inner call reverts still mines execTransaction, with ExecutionFailure: say so.
  const failed = receipt.logs.some(
    (log) => log.address.toLowerCase() === file.safe.toLowerCase() && log.topics[0] === EXECUTION_FAILURE,
  );
  const executed = { tx: hash, block: receipt.blockNumber, by: env.signer.address };
  writeProposal(path, { ...file, executed });
  const signers = file.signatures.map((s) => s.signer).join(", ");
  const lines: SummaryLine[] = [
    failed
      ? line(
          `The Safe ${file.safe} ran its transaction ${file.transaction.nonce} but the call failed (ExecutionFailure): ${file.description.en}. Nothing it called changed; propose again.`,
          `多签钱包 ${file.safe} 执行了第 ${file.transaction.nonce} 号交易，但调用失败（ExecutionFailure）：${file.description.zh}。被调用的合约没有任何变化；请重新提议。`,
        )
      : line(
          `Executed by the Safe ${file.safe} (transaction ${file.transaction.nonce}): ${file.description.en}.`,
          `多签钱包 ${file.safe} 已执行（第 ${file.transaction.nonce} 号交易）：${file.description.zh}。`,
        ),
    line(
      `  proposed by ${file.proposedBy}; confirmed by ${signers}; sent by ${env.signer.address}`,
      `  提议人 ${file.proposedBy}；确认人 ${signers}；发送人 ${env.signer.address}`,
    ),
    txLine(sentOf(receipt)),
  ];
  if (!failed && file.timelock?.action === "schedule") {
    lines.push(timelockLine(file, await timelockStatus(env.ethers.provider, file.timelock)));
  }
  if (!failed && file.timelock?.action === "cancel") {
    lines.push(
      line(`  The timelock operation ${file.timelock.id} is cancelled.`, `  时间锁操作 ${file.timelock.id} 已取消。`),
    );
  }
  return {
    result: {
      proposal: path,
      safe: file.safe,
      executed: !failed,
      tx: hash,
      signatures: file.signatures.map((s) => s.signer),
    },
    lines,
    failed: failed
      ? line(
          "The Safe's call failed (ExecutionFailure): nothing it called changed.",
          "多签钱包的调用失败（ExecutionFailure）：被调用的合约没有任何变化。",
        )
      : undefined,
  };
});

/**
 * Replays the proposal's calls one by one from the account that would make them (the Safe, or the
 * timelock for what it schedules), so the first one the contracts refuse throws its own error.
 */
async function explainRefusal(env: TaskEnv, file: SafeProposalFile): Promise<void> {
  const from = file.safe;
  const calls = file.timelock === undefined ? file.calls : [{ to: file.transaction.to, data: file.transaction.data }];
  for (const call of calls) await env.ethers.provider.call({ from, to: call.to, data: call.data });
}

/** keccak256("ExecutionFailure(bytes32,uint256)"), the Safe's event for a failed inner call. */
const EXECUTION_FAILURE = "0x23428b18acfb3ea64b08dc0c1d296ea9c09702c09083ca5272e64d115b687d23";

export default action;

/** What mg:safe-execute returns (and prints with --json, beside ok and task). */
export type SafeExecuteResult = ResultOf<typeof action>;
