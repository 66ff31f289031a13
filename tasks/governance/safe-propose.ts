/**
 * mg:safe-propose — a Safe owner proposes any admin call the suite's tasks have no step of their own for
 * (appoint or remove an official with grantRole/revokeRole, change the committee or quorum, authorise a
 * program on the registry, accept the factory's ownership…): the function by name, its arguments as a
 * JSON array, on the program, its registry or the factory. Nothing is sent: like
 * `--via-safe` on mg:fund, it writes a proposal file for mg:safe-confirm / mg:safe-execute (and, with
 * `--via-timelock`, mg:timelock-execute after the delay). The call is tried first as the account that
 * will make it, so a proposal that the contract would refuse now is refused here with the contract's
 * own sentence.
 */
import { Interface, type FunctionFragment } from "ethers";

import type { Bilingual } from "../../core/messages/labels.js";
import { ROLE_IDS } from "../../core/messages/labels.js";
import { PROGRAM_ABI } from "../../core/program-abi.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import type { TaskEnv } from "../runtime/connection.js";
import { actingAccount, proposeInstead, throughSafe, type GovernedArgs } from "../runtime/governed.js";
import { defineAction, type ResultOf } from "../runtime/output.js";
import { bookFactory, bookProgram, bookRegistry } from "../runtime/resolution.js";

export interface SafeProposeArgs extends CommonArgs, GovernedArgs {
  program: string | undefined;
  jurisdiction: string | undefined;
  contract: string;
  call: string | undefined;
  args: string;
}

/** The contract a proposal calls: its address, its ABI and the name operators know it by. */
interface Target {
  address: string;
  abi: Interface;
  label: Bilingual;
}

async function target(env: TaskEnv, args: SafeProposeArgs): Promise<Target> {
  const kind = args.contract.trim();
  if (kind === "program") {
    const p = await bookProgram(env, args.program);
    const label = { en: `program ${p.name}`, zh: `资助项目 ${p.name}` };
    return { address: await p.program.getAddress(), abi: new Interface(PROGRAM_ABI), label };
  }
  if (kind === "registry") {
    const { registry, name } = await bookRegistry(env, args.jurisdiction);
    const label = { en: `registry ${name}`, zh: `登记册 ${name}` };
    return { address: await registry.getAddress(), abi: registry.interface, label };
  }
  if (kind === "factory") {
    const factory = await bookFactory(env);
    return { address: await factory.getAddress(), abi: factory.interface, label: { en: "factory", zh: "工厂合约" } };
  }
  throw new TaskInputError(
    `--contract must be program, registry or factory, not "${kind}".`,
    `--contract 必须是 program、registry 或 factory，不能是“${kind}”。`,
  );
}

/** The function named by --call: a name the contract has once, or a full signature such as grantRole(bytes32,address). */
function functionOf(t: Target, call: string | undefined): FunctionFragment {
  const text = (call ?? "").trim();
  const writable = t.abi.fragments.filter(
    (f): f is FunctionFragment => f.type === "function" && !(f as FunctionFragment).constant,
  );
  const matches = writable.filter((f) => f.name === text || f.format("sighash") === text.replace(/\s/g, ""));
  if (matches.length === 1) return matches[0];
  const names = [...new Set(writable.map((f) => f.name))].sort();
  if (matches.length > 1) {
    const forms = matches.map((f) => f.format("sighash")).join(", ");
    throw new TaskInputError(
      `The ${t.label.en} has several functions named ${text} (${forms}): give the full signature.`,
      `${t.label.zh} 有多个名为 ${text} 的函数（${forms}）：请给出完整签名。`,
    );
  }
  throw new TaskInputError(
    `The ${t.label.en} has no function "${text}" that changes state; its functions are ${names.join(", ")}.`,
    `${t.label.zh} 没有可改变状态的函数“${text}”；其函数为：${names.join("、")}。`,
  );
}

/** Role names a bytes32 argument may be given as: the key ("manager") or the constant ("MANAGER_ROLE"). */
const ROLE_NAMES = new Map<string, string>(
  (["admin", "manager", "treasurer", "guardian", "registrar", "program"] as const).flatMap((key) => [
    [key, ROLE_IDS[key]],
    [key === "admin" ? "DEFAULT_ADMIN_ROLE" : `${key.toUpperCase()}_ROLE`, ROLE_IDS[key]],
  ]),
);

/** The arguments of --args (a JSON array); a bytes32 argument may name a role (see ROLE_NAMES). */
function argumentsOf(fn: FunctionFragment, text: string): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values)) {
    throw new TaskInputError(
      `--args must be a JSON array such as '["manager", "0x…"]', not ${text}.`,
      `--args 必须是 JSON 数组，例如 '["manager", "0x…"]'，不能是 ${text}。`,
    );
  }
  if (values.length !== fn.inputs.length) {
    throw new TaskInputError(
      `${fn.format("sighash")} takes ${fn.inputs.length} argument(s), but --args gives ${values.length}.`,
      `${fn.format("sighash")} 需要 ${fn.inputs.length} 个参数，但 --args 给出了 ${values.length} 个。`,
    );
  }
  return values.map((value: unknown, i: number) =>
    fn.inputs[i].type === "bytes32" && typeof value === "string" ? (ROLE_NAMES.get(value) ?? value) : value,
  );
}

const action = defineAction("mg:safe-propose", async (args: SafeProposeArgs, env) => {
  if (!throughSafe(args)) {
    throw new TaskInputError(
      "mg:safe-propose needs --via-safe <the Safe that proposes> and --proposal <file>.",
      "mg:safe-propose 需要 --via-safe <提议的多签钱包> 和 --proposal <文件>。",
    );
  }
  const t = await target(env, args);
  const fn = functionOf(t, args.call);
  const values = argumentsOf(fn, args.args);
  let data: string;
  try {
    data = t.abi.encodeFunctionData(fn, values);
  } catch (error) {
    const reason = (error as { shortMessage?: string }).shortMessage ?? String(error);
    throw new TaskInputError(
      `--args do not fit ${fn.format("sighash")}: ${reason}.`,
      `--args 与 ${fn.format("sighash")} 的参数类型不符：${reason}。`,
    );
  }
  // As the account that will make it: the contract's own refusal is decoded into its sentence.
  await env.ethers.provider.call({ from: actingAccount(env, args), to: t.address, data });
  const shown = `${fn.name}(${values.map((v) => JSON.stringify(v)).join(", ")})`;
  const description = { en: `${shown} on the ${t.label.en}`, zh: `在${t.label.zh}上调用 ${shown}` };
  const proposed = await proposeInstead(
    env,
    args,
    [{ to: t.address, value: "0", data, what: description }],
    description,
  );
  return {
    result: { contract: t.address, function: fn.format("sighash"), arguments: values, ...proposed.result },
    lines: proposed.lines,
  };
});

export default action;

/** What mg:safe-propose returns (and prints with --json, beside ok and task). */
export type SafeProposeResult = ResultOf<typeof action>;
