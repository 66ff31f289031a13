import { network } from "hardhat";
const c = await network.getOrCreate();
const book = JSON.parse((await import("node:fs")).readFileSync((await import("node:fs")).readdirSync("/tmp/bsbook").filter(f=>f.endsWith(".json") && !f.includes("portal")).map(f=>"/tmp/bsbook/"+f)[0], "utf8"));
const address = book.programs["bench-scale"].address;
for (const big of [false, true]) {
  if (big) { const logs = (await c.provider.request({ method: "eth_getLogs", params: [{ address, fromBlock: "0x0", toBlock: "latest" }] })) as unknown[]; console.log("logs", logs.length); }
  try {
    await Promise.all(Array.from({length: 10}, (_, i) => c.provider.request({ method: "eth_getBlockByNumber", params: ["0x" + (i+1).toString(16), false] })));
    console.log("10 concurrent ok, big=", big);
  } catch (e) { console.log("FAILED big=", big, String(e).slice(0, 80)); }
}
