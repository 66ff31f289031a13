/** Sending a transaction and keeping what operators want to see of it. */
import type { ContractTransactionReceipt, ContractTransactionResponse } from "ethers";

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

/** "tx 0xabc… in block 12 (58,100 gas)" */
export function txLine(s: Sent): string {
  return `  tx ${s.hash} in block ${s.block} (${s.gasUsed.toLocaleString("en-US")} gas)`;
}
