/** mg:advance-time — local chains only: moves the clock forward (to pass a notice window in a rehearsal). */
import { formatTimestamp } from "../../core/time.js";
import { defineAction, parseWhole, TaskInputError, type CommonArgs } from "./lib/context.js";

export interface AdvanceTimeArgs extends CommonArgs {
  days: string;
}

export default defineAction<AdvanceTimeArgs, Record<string, unknown>>("mg:advance-time", async (args, env) => {
  if (!env.local) throw new TaskInputError("mg:advance-time works only on local chains; real chains keep real time.");
  const days = parseWhole(args.days, "--days");
  await env.time.increase(Number(days) * 86_400);
  const now = await env.time.latest();
  return {
    result: { days, now },
    lines: [`Advanced the local chain by ${days} day(s); it is now ${formatTimestamp(now)}.`],
  };
});
