/**
 * History reads that survive hosted endpoints' limits (tasks/runtime/logs.ts, used by mg:report):
 * through a real HTTP proxy that refuses eth_getLogs over 1,000 blocks or 1,000 logs, in front of a
 * real node (Hardhat's in-process EDR), every log still arrives exactly once and in order, and block
 * times come in JSON-RPC batches.
 */
import { expect } from "chai";
import { JsonRpcProvider } from "ethers";
import { network } from "hardhat";

import { forwardToProvider, startCappingProxy, type CappingProxy } from "../../scripts/lib/capping-proxy.js";
import { blockTimes, fetchLogs, isRangeLimit } from "../../tasks/runtime/logs.js";

const connection = await network.create();
const { ethers } = connection;

describe("log reads under endpoint limits (a capping JSON-RPC proxy in front of a real node)", function () {
  let proxy: CappingProxy;
  let provider: JsonRpcProvider;
  let tokenAddress: string;
  let mintBlocks: number[];
  const PER_BLOCK = 400;

  before(async function () {
    const [deployer, holder] = await ethers.getSigners();
    const token = await ethers.deployContract("MockYuan", ["Demo yuan", "dCNY", 2], deployer);
    tokenAddress = await token.getAddress();
    // Three blocks of 400 Transfer logs each, 300 blocks apart, inside 4,000 mostly empty blocks: any
    // window holding two of them has more than 1,000 logs, and the whole span is over 1,000 blocks.
    mintBlocks = [];
    for (let b = 0; b < 3; b++) {
      await connection.provider.request({ method: "evm_setAutomine", params: [false] });
      // Sent together with explicit nonces (one after another they take tens of seconds).
      const nonce = await deployer.getNonce("pending");
      const sent = await Promise.all(
        Array.from({ length: PER_BLOCK }, (_, i) => token.mint(holder.address, 1n, { nonce: nonce + i })),
      );
      await connection.provider.request({ method: "evm_mine", params: [] });
      await connection.provider.request({ method: "evm_setAutomine", params: [true] });
      const receipt = await sent[0].wait();
      mintBlocks.push(receipt!.blockNumber);
      await connection.provider.request({ method: "hardhat_mine", params: ["0x12b"] }); // 299 empty blocks
    }
    await connection.provider.request({ method: "hardhat_mine", params: ["0xbb8"] }); // 3,000 more
    proxy = await startCappingProxy(forwardToProvider(connection.provider), { maxRange: 1_000, maxLogs: 1_000 });
    const chainId = (await ethers.provider.getNetwork()).chainId;
    // No response cache (ethers keeps identical answers for 250 ms), so every read reaches the proxy.
    provider = new JsonRpcProvider(proxy.url, chainId, { staticNetwork: true, cacheTimeout: -1 });
  });

  after(async function () {
    provider.destroy();
    await proxy.close();
  });

  it("the proxy refuses what hosted endpoints refuse: a range over 1,000 blocks, an answer over 1,000 logs", async function () {
    const latest = await provider.getBlockNumber();
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => null,
        (error: unknown) => error,
      );
    const wide = await refusal(provider.getLogs({ address: tokenAddress, fromBlock: 0, toBlock: latest }));
    expect(String((wide as Error | null)?.message)).to.match(/max block range 1000/);
    const crowded = await refusal(
      provider.getLogs({ address: tokenAddress, fromBlock: mintBlocks[0], toBlock: mintBlocks[2] }),
    );
    expect(String((crowded as Error | null)?.message)).to.match(/more than 1000 results/);
    expect(isRangeLimit(wide)).to.equal(true);
    expect(isRangeLimit(crowded)).to.equal(true);
    // A rate limit or a timeout is not a size limit: shrinking the range would only hide it.
    expect(isRangeLimit(new Error("server response 429 Too Many Requests"))).to.equal(false);
    expect(isRangeLimit({ error: { code: -32005, message: "project ID request rate exceeded" } })).to.equal(false);
    expect(isRangeLimit(new Error("request timeout (code=TIMEOUT)"))).to.equal(false);
    expect(isRangeLimit(new Error("execution reverted"))).to.equal(false);
  });

  it("fetchLogs gets every log exactly once, oldest first, by halving the range on each refusal", async function () {
    const before = { ...proxy.counters };
    const latest = await provider.getBlockNumber();
    expect(latest).to.be.greaterThan(3_500);
    const { logs, stats } = await fetchLogs(provider, tokenAddress, 0, latest, 10_000);

    expect(logs).to.have.length(3 * PER_BLOCK);
    const keys = logs.map((l) => `${l.blockNumber}:${l.index}`);
    expect(new Set(keys).size).to.equal(logs.length);
    for (let i = 1; i < logs.length; i++) {
      const [a, b] = [logs[i - 1], logs[i]];
      expect(a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.index < b.index)).to.equal(true);
    }
    expect([...new Set(logs.map((l) => l.blockNumber))]).to.deep.equal(mintBlocks);
    // Both kinds of refusal happened, and the reader kept the smaller range afterwards.
    expect(proxy.counters.refusedRange - before.refusedRange).to.be.greaterThan(0);
    expect(proxy.counters.refusedSize - before.refusedSize).to.be.greaterThan(0);
    expect(stats.refused).to.equal(
      proxy.counters.refusedRange - before.refusedRange + (proxy.counters.refusedSize - before.refusedSize),
    );
    expect(stats.finalRange).to.be.at.most(1_000);
  });

  it("a block holding more logs than the endpoint returns per query is refused in one sentence, not retried forever", async function () {
    const strict = await startCappingProxy(forwardToProvider(connection.provider), { maxRange: 1_000, maxLogs: 100 });
    const chainId = (await ethers.provider.getNetwork()).chainId;
    const client = new JsonRpcProvider(strict.url, chainId, { staticNetwork: true, cacheTimeout: -1 });
    try {
      const outcome = await fetchLogs(client, tokenAddress, mintBlocks[0], mintBlocks[0] + 10, 10_000).then(
        () => null,
        (error: unknown) => error as Error & { zh?: string },
      );
      expect(outcome?.message).to.equal(
        `The endpoint refuses the logs of block ${mintBlocks[0]} even on their own (a block holds more than it returns per query): use an endpoint without this limit.`,
      );
      expect(outcome?.zh).to.match(/^该节点连单个区块 \d+ 的日志也拒绝返回/);
      // Halving stops at one block: a handful of refusals, not one per block of the range.
      expect(strict.counters.refusedSize).to.be.at.most(5);
    } finally {
      client.destroy();
      await strict.close();
    }
  });

  it("blockTimes reads 150 block headers in two JSON-RPC batches, not 150 requests", async function () {
    const before = { ...proxy.counters };
    const blocks = Array.from({ length: 150 }, (_, i) => 1_000 + i);
    const times = await blockTimes(provider, blocks);
    expect(times.size).to.equal(150);
    expect(times.get(1_149)! >= times.get(1_000)!).to.equal(true);
    expect(proxy.counters.requests - before.requests).to.equal(150);
    expect(proxy.counters.posts - before.posts).to.be.at.most(2);
  });
});
