/**
 * mg:supervision — where a grant stands in its supervision after payment (监管期): the period, the
 * attestation windows due, filed and missed, and whether it is closed; with --start, starts the period of
 * a grant whose payments are over (anyone may).
 */
import { Compliance, enumNames } from "../../core/enums.js";
import { formatBeijing } from "../../core/messages/labels.js";
import { formatTimestamp } from "../../core/time.js";
import type { CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { grantId } from "../runtime/hashes.js";
import { sent, txLine } from "../runtime/tx.js";

export interface SupervisionArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  start: boolean;
}

/** Each compliance state in both languages, as the tasks and reports name it. */
export const COMPLIANCE_LABELS = {
  None: { en: "no supervision period", zh: "无监管期" },
  AwaitingPayments: { en: "payments not over (supervision not started)", zh: "尚未拨付完毕（监管期未开始）" },
  ReadyToStart: {
    en: "payments over, supervision not started: anyone may start it (mg:supervision --start)",
    zh: "已拨付完毕，监管期尚未开始：任何人均可启动（mg:supervision --start）",
  },
  Supervising: { en: "under supervision, attestations up to date", zh: "监管中，合规报告按期提交" },
  AttestationMissed: {
    en: "under supervision, an attestation MISSED: eligible for recovery (a manager decides)",
    zh: "监管中，有合规报告逾期未交：可责令追回（由项目经办决定）",
  },
  Closed: { en: "supervision over: closed for good", zh: "监管期满：已结案" },
} as const;

const NAMES = enumNames(Compliance);

const action = defineAction("mg:supervision", async (args: SupervisionArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const tx = args.start ? await sent(p.program.startSupervision(id)) : null;
  const v = await p.program.supervisionOf(id);
  const state = NAMES[Number(v.state)];
  const label = COMPLIANCE_LABELS[state];
  const started = v.startsAt !== 0n;
  return {
    result: {
      program: p.name,
      grantId: id,
      state,
      startsAt: v.startsAt,
      endsAt: v.endsAt,
      windows: Number(v.windows),
      windowsDue: Number(v.windowsDue),
      attested: Number(v.attestedCount),
      missed: Number(v.missed),
      nextDueAt: v.nextDueAt,
      tx: tx?.hash ?? null,
    },
    lines: [
      line(`Grant ${id} in ${p.name}: ${label.en}.`, `${p.name} 第 ${id} 号资助：${label.zh}。`),
      ...(started
        ? [
            line(
              `  supervision ${formatTimestamp(v.startsAt)} to ${formatTimestamp(v.endsAt)}; attestations: ${v.attestedCount} filed, ${v.missed} missed, ${v.windowsDue} of ${v.windows} windows over${v.nextDueAt === 0n ? "" : `; the current one ends ${formatTimestamp(v.nextDueAt)}`}`,
              `  监管期 ${formatBeijing(v.startsAt, "zh")} 至 ${formatBeijing(v.endsAt, "zh")}；合规报告：已交 ${v.attestedCount} 期，逾期 ${v.missed} 期，${v.windows} 期中已到期 ${v.windowsDue} 期${v.nextDueAt === 0n ? "" : `；本期截止 ${formatBeijing(v.nextDueAt, "zh")}`}`,
            ),
          ]
        : []),
      ...(tx === null ? [] : [txLine(tx)]),
    ],
  };
});

export default action;

/** What mg:supervision returns (and prints with --json, beside ok and task). */
export type SupervisionResult = ResultOf<typeof action>;
