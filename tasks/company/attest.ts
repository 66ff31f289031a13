/**
 * mg:attest — during a grant's supervision period (监管期) the grantee's payout wallet files the compliance
 * attestation of the current window: the hash of the document showing the award's conditions still hold.
 */
import { formatBeijing } from "../../core/messages/labels.js";
import { formatTimestamp } from "../../core/time.js";
import type { CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { grantId, hashFromOptions } from "../runtime/hashes.js";
import { sent, txLine } from "../runtime/tx.js";

export interface AttestArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  file: string | undefined;
  hash: string | undefined;
}

const action = defineAction("mg:attest", async (args: AttestArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const hash = hashFromOptions(args.file, args.hash, { en: "compliance attestation", zh: "合规报告" });
  const tx = await sent(p.program.attest(id, hash));
  const filed = tx.receipt.logs
    .map((log) => p.program.interface.parseLog(log))
    .find((parsed) => parsed?.name === "AttestationFiled");
  const window = BigInt(filed?.args.window ?? 0);
  const v = await p.program.supervisionOf(id);
  return {
    result: {
      program: p.name,
      grantId: id,
      window: Number(window),
      windows: Number(v.windows),
      documentHash: hash,
      supervisionEndsAt: v.endsAt,
      tx: tx.hash,
    },
    lines: [
      line(
        `Attestation ${window} of ${v.windows} filed for grant ${id} in ${p.name}; supervision ends ${formatTimestamp(v.endsAt)}.`,
        `已为 ${p.name} 第 ${id} 号资助提交第 ${window} 期（共 ${v.windows} 期）合规报告；监管期至 ${formatBeijing(v.endsAt, "zh")}。`,
      ),
      line(`  document hash ${hash}`, `  文件哈希 ${hash}`),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:attest returns (and prints with --json, beside ok and task). */
export type AttestResult = ResultOf<typeof action>;
