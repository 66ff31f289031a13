/**
 * mg:verify-case-file FILE — checks a grant's case file against the chain: the manifest matches the
 * file, every recorded event is in its transaction's receipt at its log index with the same name and
 * arguments in the same block, and the chain has no event about the grant up to the file's last block
 * that the file leaves out. The first difference is refused in one sentence (exit 1).
 */
import { existsSync, readFileSync } from "node:fs";

import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { argsText, caseManifest, CASE_FILE_FORMAT, concernsGrant, type CaseFile } from "../runtime/case-file.js";
import { programAt } from "../../core/program-abi.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { fetchLogs } from "../runtime/logs.js";

export interface VerifyCaseFileArgs extends CommonArgs {
  file: string;
}

const action = defineAction("mg:verify-case-file", async (args: VerifyCaseFileArgs, env) => {
  if (!existsSync(args.file)) {
    throw new TaskInputError(`${args.file}: no such file.`, `${args.file}：文件不存在。`);
  }
  const file = JSON.parse(readFileSync(args.file, "utf8")) as CaseFile;
  if (file.format !== CASE_FILE_FORMAT) {
    throw new TaskInputError(
      `${args.file} is not a case file of this suite (format "${String(file.format)}").`,
      `${args.file} 不是本系统的案卷文件（格式“${String(file.format)}”）。`,
    );
  }
  const { manifest, ...body } = file;
  if (caseManifest(body) !== manifest) {
    throw new TaskInputError(
      `${args.file} was changed after it was written: its manifest does not match its contents.`,
      `${args.file} 写出后被改动过：其清单哈希与内容不符。`,
    );
  }
  if ((await env.ethers.provider.getNetwork()).chainId.toString() !== file.chainId) {
    throw new TaskInputError(
      `${args.file} records chain ${file.chainId}; this is chain ${env.chainId}: use --network for that chain.`,
      `${args.file} 记录的是链 ${file.chainId}，当前为链 ${env.chainId}：请用 --network 指定该链。`,
    );
  }
  const program = programAt(file.program, env.signer);
  const grant = BigInt(file.grantId);
  const differs = (what: string, whatZh: string) =>
    new TaskInputError(`${args.file} does not match the chain: ${what}.`, `${args.file} 与链上记录不符：${whatZh}。`);

  // In chain order, opening with the grant's award: nothing about a grant precedes its award, so the
  // completeness scan below may start there (a file cannot move its own start by dropping early events).
  const first = file.events[0];
  if (first === undefined || first.name !== "GrantAwarded") {
    throw differs(
      `it must open with grant ${grant}'s GrantAwarded event`,
      `文件须以第 ${grant} 号资助的 GrantAwarded 事件开头`,
    );
  }
  file.events.forEach((e, i) => {
    const previous = file.events[i - 1];
    if (
      previous !== undefined &&
      (e.blockNumber < previous.blockNumber ||
        (e.blockNumber === previous.blockNumber && e.logIndex <= previous.logIndex))
    ) {
      throw differs(
        `its events are not in chain order (event ${i}, transaction ${e.txHash})`,
        `其事件未按链上顺序排列（第 ${i} 个事件，交易 ${e.txHash}）`,
      );
    }
  });
  for (const e of file.events) {
    const receipt = await env.ethers.provider.getTransactionReceipt(e.txHash);
    const log = receipt?.logs.find((l) => l.index === e.logIndex);
    if (receipt === null || log === undefined || log.address.toLowerCase() !== file.program.toLowerCase()) {
      throw differs(
        `transaction ${e.txHash} has no log ${e.logIndex} of the program`,
        `交易 ${e.txHash} 中没有该项目合约的第 ${e.logIndex} 条日志`,
      );
    }
    const parsed = program.interface.parseLog(log);
    const same =
      parsed !== null &&
      parsed.name === e.name &&
      receipt.blockNumber === e.blockNumber &&
      receipt.blockHash === e.blockHash &&
      (await env.ethers.provider.getBlock(receipt.blockHash))?.timestamp === e.time &&
      JSON.stringify(argsText(parsed.args)) === JSON.stringify(e.args);
    if (!same) {
      throw differs(
        `the ${e.name} event of transaction ${e.txHash} (log ${e.logIndex}) reads otherwise on chain`,
        `交易 ${e.txHash}（第 ${e.logIndex} 条日志）的 ${e.name} 事件在链上的内容不同`,
      );
    }
  }
  // Nothing left out: the grant's events on chain up to the file's last block are exactly the file's.
  const from = first.blockNumber;
  const { logs } = await fetchLogs(env.ethers.provider, file.program, from, file.toBlock);
  const onChain = logs.filter((l) => {
    const parsed = program.interface.parseLog(l);
    return parsed !== null && concernsGrant(parsed.args, grant);
  });
  const inFile = new Set(file.events.map((e) => `${e.txHash}:${e.logIndex}`));
  const missing = onChain.find((l) => !inFile.has(`${l.transactionHash}:${l.index}`));
  if (missing !== undefined || onChain.length !== file.events.length) {
    throw differs(
      `the chain has an event about grant ${grant} that the file leaves out (transaction ${missing?.transactionHash ?? "?"})`,
      `链上有关于第 ${grant} 号资助的事件未列入该文件（交易 ${missing?.transactionHash ?? "?"}）`,
    );
  }
  // The file names its program; say whether this network's address book knows that address.
  const recorded = Object.entries(env.book.programs).find(
    ([, entry]) => entry.address.toLowerCase() === file.program.toLowerCase(),
  )?.[0];
  return {
    result: {
      file: args.file,
      grantId: grant,
      events: file.events.length,
      verified: true,
      program: file.program,
      programInAddressBook: recorded ?? null,
    },
    lines: [
      line(
        `${args.file}: all ${file.events.length} events of grant ${grant} match the chain (receipts, blocks, arguments), none left out up to block ${file.toBlock}.`,
        `${args.file}：第 ${grant} 号资助的全部 ${file.events.length} 个事件与链上记录一致（回执、区块、参数），截至区块 ${file.toBlock} 无遗漏。`,
      ),
      recorded === undefined
        ? line(
            `  The program ${file.program} is not in this network's address book: check yourself that it is the program you mean.`,
            `  项目合约 ${file.program} 不在本网络的地址簿中：请自行核实这是您要查的项目。`,
          )
        : line(
            `  The program ${file.program} is ${recorded} in this network's address book.`,
            `  项目合约 ${file.program} 即本网络地址簿中的 ${recorded}。`,
          ),
    ],
  };
});

export default action;

/** What mg:verify-case-file returns (and prints with --json, beside ok and task). */
export type VerifyCaseFileResult = ResultOf<typeof action>;
