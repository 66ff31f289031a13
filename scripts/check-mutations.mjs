// `npm run test:mutations [-- M3 M7 ...]`: shows that the invariant suite fails on deliberately broken
// contracts. For each mutation in test/solidity/mutations.json (one exact text replacement in one
// contract file), applies it, runs test/solidity/invariant/Invariants.t.sol at the default depth, lists
// the tests that failed, and restores the file with `git checkout`. Exits 1 if a mutation is caught by
// nothing or its text is no longer found (the list must follow the code). Not part of CI: ≈ 3 min per
// mutation on 2 cores. The results table lives in test/solidity/README.md.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const mutations = JSON.parse(readFileSync("test/solidity/mutations.json", "utf8"));
const wanted = process.argv.slice(2);
const selected = wanted.length === 0 ? mutations : mutations.filter((m) => wanted.includes(m.id));
if (execFileSync("git", ["status", "--porcelain", "contracts"], { encoding: "utf8" }).trim() !== "") {
  console.error("check-mutations: contracts/ has uncommitted changes; commit or stash them first.");
  process.exit(1);
}
// The runner finds the handler by matching its code against artifacts/: build everything once first.
execFileSync("npx", ["hardhat", "build", "--quiet"], { stdio: "inherit" });

let bad = 0;
for (const m of selected) {
  const source = readFileSync(m.file, "utf8");
  const found = source.split(m.replace).length - 1;
  if (found !== 1) {
    console.log(`${m.id}  text found ${found} times in ${m.file} (expected once): update mutations.json`);
    bad += 1;
    continue;
  }
  writeFileSync(m.file, source.replace(m.replace, m.with));
  try {
    const run = spawnSync("npx", ["hardhat", "test", "solidity", "test/solidity/invariant/Invariants.t.sol"], {
      encoding: "utf8",
    });
    const output = `${run.stdout}\n${run.stderr}`;
    const failed = [...new Set([...output.matchAll(/^\s+\d+\) InvariantsTest#(\w+)/gm)].map((x) => x[1]))];
    if (failed.length === 0) bad += 1;
    console.log(`${m.id}  ${m.breaks}\n     caught by: ${failed.length === 0 ? "NOTHING" : failed.join(", ")}`);
  } finally {
    execFileSync("git", ["checkout", "--", m.file]);
  }
}
process.exit(bad === 0 ? 0 : 1);
