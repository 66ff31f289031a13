/**
 * mg:case-file — writes one grant's case file (tasks/runtime/case-file.ts): every event about the grant
 * with block, log index, transaction hash and arguments, and a manifest hash, for an auditor's records.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { CommonArgs } from "../runtime/args.js";
import { buildCaseFile } from "../runtime/case-file.js";
import { grantId } from "../runtime/hashes.js";
import { programEvents } from "../runtime/history.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { bookProgram } from "../runtime/resolution.js";

export interface CaseFileArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  out: string | undefined;
}

const action = defineAction("mg:case-file", async (args: CaseFileArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  await p.program.grant(id); // refuses a grant that does not exist, in one sentence
  const { events, toBlock } = await programEvents(env.ethers.provider, p.program, p.entry.createdAtBlock);
  const caseFile = await buildCaseFile(env.ethers.provider, p.program, p.name, id, events, toBlock);
  const out = args.out === undefined || args.out.trim() === "" ? "exports" : args.out;
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `${p.name}-grant-${id}-case.json`);
  writeFileSync(file, JSON.stringify(caseFile, null, 2) + "\n");
  return {
    result: { program: p.name, grantId: id, file, events: caseFile.events.length, manifest: caseFile.manifest },
    lines: [
      line(
        `Case file of grant ${id} in ${p.name}: ${caseFile.events.length} events up to block ${toBlock}, written to ${file}.`,
        `${p.name} 第 ${id} 号资助的案卷：截至区块 ${toBlock} 共 ${caseFile.events.length} 个事件，已写入 ${file}。`,
      ),
      line(
        `  manifest ${caseFile.manifest}; anyone can check it with: npx hardhat mg:verify-case-file ${file}`,
        `  清单哈希 ${caseFile.manifest}；任何人都可用 npx hardhat mg:verify-case-file ${file} 核验。`,
      ),
    ],
  };
});

export default action;

/** What mg:case-file returns (and prints with --json, beside ok and task). */
export type CaseFileResult = ResultOf<typeof action>;
