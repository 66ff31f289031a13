/**
 * Many grants, quickly, on a local chain: for `npm run bench:scale` and the paging tests. Registers
 * individuals (the talent awards' grantees) and awards each one grant, by sending raw transactions
 * from the node's unlocked accounts with automine off, hundreds per block, instead of one task call
 * (and one block) per grant. Only for local chains, where the node signs for its accounts.
 *
 * What each grantee and grant is comes from the same code the tasks use: resident identity numbers
 * with their GB 11643 check character and the registrar commitment (core/identity.ts), the talent
 * category's fixed amount from the program file (scripts/lib/programs.ts), amounts in token units.
 */
import { dataSlice, getAddress, id as utf8Hash, Interface, toQuantity } from "ethers";

import { EntityKind } from "../../core/enums.js";
import { individualId, residentIdCheckCharacter } from "../../core/identity.js";
import { EntityRegistry__factory, IGrantProgram__factory } from "../../typechain-types/index.js";
import { DAY } from "./suite.js";
import { awardOptions } from "../../core/award-options.js";

/** The registrar secret of the seeded jurisdiction: a fixed, public test value, never a real one. */
export const SCALE_REGISTRAR_SECRET = `0x${"5ca1e".padEnd(64, "0")}`;

/** An EIP-1193 provider: the in-process network's `connection.provider`, or a local node's. */
export interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

/** Where and by whom grants are seeded. */
export interface ScaleTarget {
  provider: Eip1193;
  registry: string;
  program: string;
  /** Holds REGISTRAR_ROLE on the registry (an unlocked account of the node). */
  registrar: string;
  /** Holds MANAGER_ROLE on the program (an unlocked account of the node). */
  manager: string;
  categoryId: bigint;
  /** The grant's milestones in token units (their sum must be what the category allows). */
  milestoneAmounts: bigint[];
}

/** What seeding did. */
export interface SeedStats {
  transactions: number;
  blocks: number;
}

/**
 * A valid resident identity number for grantee `n` (0, 1, …): Guiyang's Guanshanhu district code,
 * a birth date from 1 January 1970 on, a 3-digit sequence, and the GB 11643 check character.
 */
export function scaleResidentId(n: number): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(n / 999) * 86_400_000);
  const date = birth.toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = `520115${date}${String((n % 999) + 1).padStart(3, "0")}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** Grantee `n`'s payout wallet: a fixed address no one holds the key of (the bench never claims). */
export function scaleWallet(n: number): string {
  return getAddress(dataSlice(utf8Hash(`milestone-grants scale wallet ${n}`), 12));
}

const registryInterface = new Interface(EntityRegistry__factory.abi);
const programInterface = new Interface(IGrantProgram__factory.abi);

/** How many transactions go into one block (the block gas limit is raised to hold them). */
const PER_BLOCK = 400;
/** How many transactions are sent at once (concurrent requests). */
const SEND_GROUP = 20;
/** The priority fee of each seeding transaction (1 gwei, in wei). */
const TIP = 1_000_000_000n;

/**
 * Registers grantees `first` … `first + count - 1` and awards each one grant in the target's
 * category, PER_BLOCK transactions a block. Automine is turned off while it runs and back on after.
 * @throws Error when a transaction reverted (the grant count then falls short) or was never mined
 */
export async function seedGrants(target: ScaleTarget, first: number, count: number): Promise<SeedStats> {
  const { provider } = target;
  const rpc = (method: string, params: unknown[] = []) => provider.request({ method, params });
  const latest = (await rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string; gasLimit: string };
  const now = BigInt(latest.timestamp);
  const stats: SeedStats = { transactions: 0, blocks: 0 };
  const deadlines = target.milestoneAmounts.map((_, i) => now + BigInt(180 * (i + 1)) * DAY);
  const terms = target.milestoneAmounts.map((amount, i) => ({
    amount,
    deadline: deadlines[i],
    descriptionHash: utf8Hash(`scale milestone ${i}`),
  }));
  const entityIds = Array.from({ length: count }, (_, i) =>
    individualId(SCALE_REGISTRAR_SECRET, scaleResidentId(first + i)),
  );
  const grantCount = async () =>
    programInterface.decodeFunctionResult(
      "grantCount",
      (await rpc("eth_call", [
        { to: target.program, data: programInterface.encodeFunctionData("grantCount") },
      ])) as string,
    )[0] as bigint;
  const grantsBefore = await grantCount();

  const registrations = entityIds.map((entityId, i) => ({
    from: target.registrar,
    to: target.registry,
    data: registryInterface.encodeFunctionData("registerEntity", [
      entityId,
      EntityKind.Individual,
      scaleWallet(first + i),
    ]),
  }));
  // The scale category is a talent award "in the year introduced": each grantee introduced 30 days ago.
  const options = awardOptions({
    qualifyingDate: now - 30n * DAY,
    reasonHash: utf8Hash("scale: introduced this year"),
  });
  const awards = entityIds.map((entityId) => ({
    from: target.manager,
    to: target.program,
    data: programInterface.encodeFunctionData("awardWithOptions", [entityId, target.categoryId, 0, terms, options]),
  }));

  await rpc("evm_setAutomine", [false]);
  try {
    // Registrations first, in their own blocks: an award needs its grantee registered.
    for (const batch of [registrations, awards]) {
      // One estimate per kind: every transaction of a kind costs about the same (fresh slots each).
      const gas = (BigInt((await rpc("eth_estimateGas", [batch[0]])) as string) * 3n) / 2n;
      await rpc("evm_setBlockGasLimit", [toQuantity(gas * BigInt(PER_BLOCK) + 1_000_000n)]);
      let nonce = BigInt((await rpc("eth_getTransactionCount", [batch[0].from, "pending"])) as string);
      for (let i = 0; i < batch.length; i += PER_BLOCK) {
        const chunk = batch.slice(i, i + PER_BLOCK);
        // Fees stated, so no client fills them in per transaction: over HTTP that asks the node for
        // its pending block each time, which costs more the more transactions are pending.
        const head = (await rpc("eth_getBlockByNumber", ["latest", false])) as { baseFeePerGas?: string };
        const base = BigInt(head.baseFeePerGas ?? "0x0");
        const fees = { maxFeePerGas: toQuantity(base * 2n + TIP), maxPriorityFeePerGas: toQuantity(TIP) };
        // Sent SEND_GROUP at a time: a node over HTTP drops connections when hundreds arrive at once.
        const hashes: unknown[] = [];
        for (let j = 0; j < chunk.length; j += SEND_GROUP) {
          hashes.push(
            ...(await Promise.all(
              chunk
                .slice(j, j + SEND_GROUP)
                .map((tx) =>
                  rpc("eth_sendTransaction", [{ ...tx, ...fees, gas: toQuantity(gas), nonce: toQuantity(nonce++) }]),
                ),
            )),
          );
        }
        await rpc("evm_mine");
        stats.blocks += 1;
        stats.transactions += chunk.length;
        // Sent in nonce order: when the last one is mined, the block held them all.
        if ((await rpc("eth_getTransactionReceipt", [hashes[hashes.length - 1]])) === null) {
          throw new Error(`seeding: block ${stats.blocks} did not hold all ${chunk.length} transactions`);
        }
      }
    }
  } finally {
    await rpc("evm_setAutomine", [true]);
    await rpc("evm_setBlockGasLimit", [latest.gasLimit]);
  }
  const grantsAfter = await grantCount();
  if (grantsAfter - grantsBefore !== BigInt(count)) {
    throw new Error(`seeding: ${grantsAfter - grantsBefore} of ${count} awards went through (a transaction reverted)`);
  }
  return stats;
}
