/** Sending a transaction and keeping what operators want to see of it. */
import type { ContractTransactionReceipt, ContractTransactionResponse, TransactionReceipt } from "ethers";

import type { Bilingual } from "../../core/messages/labels.js";

export interface Sent {
  hash: string;
  block: number;
  gasUsed: bigint;
  receipt: ContractTransactionReceipt;
}

/** Sends, waits for one confirmation and fails with a sentence if the receipt is missing or reverted. */
export async function sent(response: Promise<ContractTransactionResponse>): Promise<Sent> {
  const tx = await response;
  const receipt = await tx.wait();
  if (receipt === null) throw new Error(`Transaction ${tx.hash} was not mined.`);
  return { hash: receipt.hash, block: receipt.blockNumber, gasUsed: receipt.gasUsed, receipt };
}

/**
 * A sent transaction as a summary line: "  tx 0xabc… in block 12 (58,100 gas)" /
 * "  交易 0xabc…，区块 12（消耗 58,100 gas）".
 * @param s the sent transaction
 */
export function txLine(s: Sent): Bilingual {
  const gas = s.gasUsed.toLocaleString("en-US");
  return {
    en: `  tx ${s.hash} in block ${s.block} (${gas} gas)`,
    zh: `  交易 ${s.hash}，区块 ${s.block}（消耗 ${gas} gas）`,
  };
}

/**
 * A mined receipt of a plain transaction (not sent through a typed contract: a Safe's execTransaction
 * sent by the Safe SDK, a timelock execution) as a {@link Sent}.
 * @param receipt the receipt
 */
export function sentOf(receipt: TransactionReceipt): Sent {
  return {
    hash: receipt.hash,
    block: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    receipt: receipt as ContractTransactionReceipt,
  };
}
