/** mg:advance-time — local chains only: moves the clock forward (to pass a notice window in a rehearsal). */
import { formatBeijing } from "../../core/messages/labels.js";
import { formatTimestamp } from "../../core/time.js";
import { wholeNumber, TaskInputError, type CommonArgs } from "../runtime/args.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";

export interface AdvanceTimeArgs extends CommonArgs {
  days: number;
}

const action = defineAction("mg:advance-time", async (args: AdvanceTimeArgs, env) => {
  if (!env.local) {
    throw new TaskInputError(
      "mg:advance-time works only on local chains; real chains keep real time.",
      "mg:advance-time 仅适用于本地链；真实链按真实时间运行。",
    );
  }
  const days = wholeNumber(args.days, "--days");
  await env.time.increase(Number(days) * 86_400);
  const now = await env.time.latest();
  return {
    result: { days, now },
    lines: [
      line(
        `Advanced the local chain by ${days} day(s); it is now ${formatTimestamp(now)}.`,
        `本地链时间已前进 ${days} 天，现为 ${formatBeijing(now, "zh")}。`,
      ),
    ],
  };
});

export default action;

/** What mg:advance-time returns (and prints with --json, beside ok and task). */
export type AdvanceTimeResult = ResultOf<typeof action>;
