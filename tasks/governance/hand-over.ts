/**
 * mg:hand-over — the key that set a program up hands its admin power, and its registry's, to the
 * bureau's timelock (mg:deploy-governance): grants the timelock DEFAULT_ADMIN_ROLE, then renounces its
 * own (scripts/lib/governance.ts handOverAdmin). From then on categories, reviewers, quorum, unpausing,
 * registrars and program authorisations go through the bureau's Safe (3 of 5) and the 2-day delay.
 */
import { handOverAdmin } from "../../scripts/lib/governance.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { bookProgram, bookRegistry } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf, type SummaryLine } from "../runtime/output.js";

export interface HandOverArgs extends CommonArgs {
  program: string | undefined;
}

const action = defineAction("mg:hand-over", async (args: HandOverArgs, env) => {
  const timelock = env.book.governance?.timelock;
  if (timelock === undefined) {
    throw new TaskInputError(
      "No timelock is recorded on this network: run mg:deploy-governance first.",
      "本网络没有记录时间锁：请先运行 mg:deploy-governance。",
    );
  }
  const p = await bookProgram(env, args.program);
  const { registry, name } = await bookRegistry(env, p.entry.jurisdiction);
  const admin = await p.program.DEFAULT_ADMIN_ROLE();
  const me = env.signer.address;
  const lines: SummaryLine[] = [];
  const handed: string[] = [];
  for (const [contract, en, zh] of [
    [p.program, `the program ${p.name}`, `资助项目 ${p.name}`],
    [registry, `the ${name} registry`, `${name} 主体登记簿`],
  ] as const) {
    if (await contract.hasRole(admin, timelock)) {
      if (await contract.hasRole(admin, me)) {
        throw new TaskInputError(
          `${me} still shares the admin role of ${en} with the timelock: renounce it (mg:hand-over does so only when it grants the role itself).`,
          `${me} 仍与时间锁共同持有${zh}的管理员角色：请放弃该角色（mg:hand-over 只在自己授予角色时代为放弃）。`,
        );
      }
      lines.push(line(`The timelock already is the admin of ${en}.`, `时间锁已是${zh}的管理员。`));
      continue;
    }
    if (!(await contract.hasRole(admin, me))) {
      throw new TaskInputError(
        `${me} is not the admin of ${en}, so it cannot hand it over: run mg:hand-over --from the key that set it up.`,
        `${me} 不是${zh}的管理员，无法移交：请用设立它的账户运行 mg:hand-over --from。`,
      );
    }
    await handOverAdmin(contract, env.signer, timelock);
    handed.push(await contract.getAddress());
    lines.push(
      line(
        `The admin role of ${en} is now held by the timelock ${timelock} alone; ${me} renounced it.`,
        `${zh}的管理员角色现由时间锁 ${timelock} 单独持有；${me} 已放弃该角色。`,
      ),
    );
  }
  return { result: { program: p.name, timelock, handedOver: handed }, lines };
});

export default action;

/** What mg:hand-over returns (and prints with --json, beside ok and task). */
export type HandOverResult = ResultOf<typeof action>;
