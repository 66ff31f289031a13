/**
 * The command line of an `mg:*` task, checked by the project before Hardhat parses it: Hardhat's own
 * parser answers a mistyped task or option, or a value that begins with "-", with codes like HHE404,
 * HHE504 and HHE509 and no suggestion. This hook runs when the runtime environment is created (after
 * the config and the task definitions are loaded, before Hardhat reads the task's arguments); on the
 * first problem it prints one sentence in Chinese and in English — with the nearest name when one is
 * close — and exits with code 1. It reads only the command line, so tasks run from code (tests,
 * scripts) are never affected.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { HardhatRuntimeEnvironmentHooks } from "hardhat/types/hooks";
import type { Task } from "hardhat/types/tasks";

import type { Bilingual } from "../../core/messages/labels.js";

/** A kebab-case option as typed (`--secret-file`) from its definition's camelCase name (`secretFile`). */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Edit distance between two short names (task and option names). */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The nearest of `names` to `typed`, if it is close enough to be what was meant. */
export function nearest(typed: string, names: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = distance(typed, name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

/** What the command line needs to know about the global options: their names and which take a value. */
export interface GlobalOptions {
  /** kebab-case names, e.g. "network", "show-stack-traces". */
  names: Set<string>;
  /** Those that take a value (not flags). */
  withValue: Set<string>;
}

/** The global options from the runtime environment's resolved values (a boolean value is a flag). */
export function globalOptionsOf(hre: Pick<HardhatRuntimeEnvironment, "globalOptions">): GlobalOptions {
  const entries = Object.entries(hre.globalOptions as unknown as Record<string, unknown>);
  return {
    names: new Set(entries.map(([name]) => kebab(name))),
    withValue: new Set(entries.filter(([, value]) => typeof value !== "boolean").map(([name]) => kebab(name))),
  };
}

/** Where the task name is: the first word that is neither an option nor a global option's value. */
function taskWord(args: readonly string[], globals: GlobalOptions): number {
  let at = 0;
  while (at < args.length && args[at].startsWith("-")) {
    const name = args[at].replace(/^--?/, "").split("=")[0];
    at += globals.withValue.has(name) && !args[at].includes("=") ? 2 : 1;
  }
  return at;
}

/**
 * The first problem Hardhat's parser would report for an `mg:*` command line, as one sentence in both
 * languages; null when the line is fine or is not an `mg:*` task (then Hardhat handles it).
 * @param args the command line after `hardhat` (process.argv.slice(2))
 * @param tasks the root tasks by name
 * @param globals the global options
 */
export function commandLineProblem(
  args: readonly string[],
  tasks: ReadonlyMap<string, Task>,
  globals: GlobalOptions,
): Bilingual | null {
  const at = taskWord(args, globals);
  const taskName = args[at];
  if (taskName === undefined || !taskName.startsWith("mg")) return null;
  const task = tasks.get(taskName);
  if (task === undefined) {
    const guess = nearest(
      taskName,
      [...tasks.keys()].filter((name) => name.startsWith("mg:")),
    );
    return {
      en: `There is no task ${taskName}${guess === null ? "" : `; did you mean ${guess}?`} (npx hardhat --help lists the mg:* tasks).`,
      zh: `没有名为 ${taskName} 的任务${guess === null ? "" : `；您是否要运行 ${guess}？`}（npx hardhat --help 可列出全部 mg:* 任务）。`,
    };
  }
  const options = new Map([...task.options.values()].map((o) => [kebab(o.name), o]));
  for (let i = at + 1; i < args.length; i++) {
    const word = args[i];
    if (word === "--") break; // the rest are positional values
    if (!word.startsWith("-")) continue;
    if (!word.startsWith("--")) continue; // short options (-h, -v) are Hardhat's own
    const [name, inline] = [word.slice(2).split("=")[0], word.includes("=")];
    if (name === "help") return null;
    const option = options.get(name);
    if (option === undefined) {
      if (globals.names.has(name)) {
        if (globals.withValue.has(name) && !inline) i += 1;
        continue;
      }
      const guess = nearest(name, [...options.keys(), ...globals.names]);
      return {
        en: `${taskName} has no option --${name}${guess === null ? "" : `; did you mean --${guess}?`} (npx hardhat ${taskName} --help lists its options).`,
        zh: `${taskName} 没有选项 --${name}${guess === null ? "" : `；您是否要用 --${guess}？`}（npx hardhat ${taskName} --help 可列出其选项）。`,
      };
    }
    if (option.type === "FLAG" || inline) continue;
    const value = args[i + 1];
    if (value === undefined || (value.startsWith("-") && value !== "-")) {
      const negative = value !== undefined && /^-\d/.test(value);
      return value === undefined
        ? { en: `${taskName}: --${name} needs a value.`, zh: `${taskName}：--${name} 需要一个值。` }
        : {
            en: `${taskName}: the value "${value}" of --${name} begins with "-", which the command line reads as an option${negative ? "; amounts and numbers cannot be negative" : ""}. If you meant it, write --${name}="${value}".`,
            zh: `${taskName}：--${name} 的值“${value}”以“-”开头，命令行会把它当作选项${negative ? "；金额和数字不能为负" : ""}。如确是此值，请写成 --${name}="${value}"。`,
          };
    }
    i += 1;
  }
  return null;
}

/** What an option's value is, in words (Hardhat's help shows its internal type names instead). */
function valueName(type: string): string {
  if (type === "INT" || type === "BIGINT" || type === "FLOAT") return "<number>";
  if (type === "FILE" || type === "FILE_WITHOUT_DEFAULT") return "<file>";
  return "<text>";
}

/**
 * The help of an `mg:*` task: usage with value names, each option's description and its default
 * stated once (optional options say so). Null when the line does not ask for an mg:* task's help.
 */
export function taskHelp(
  args: readonly string[],
  tasks: ReadonlyMap<string, Task>,
  globals: GlobalOptions,
): string | null {
  // Only the help of the task this line runs, asked for before any "--" (after it, words are values).
  const at = taskWord(args, globals);
  const name = args[at];
  const task = name === undefined || !name.startsWith("mg:") ? undefined : tasks.get(name);
  if (task === undefined) return null;
  const end = args.indexOf("--", at);
  const own = args.slice(0, end === -1 ? args.length : end);
  if (!own.includes("--help") && !own.includes("-h")) return null;
  const options = [...task.options.values()].sort((a, b) => a.name.localeCompare(b.name));
  const usage = options.map((o) =>
    o.type === "FLAG" ? `[--${kebab(o.name)}]` : `[--${kebab(o.name)} ${valueName(o.type)}]`,
  );
  const positional = task.positionalArguments.map((a) => `${a.name}${a.isVariadic ? "…" : ""}`);
  const width = Math.max(...options.map((o) => kebab(o.name).length + 2), 8);
  const describe = (o: (typeof options)[number]): string => {
    if (o.type === "FLAG") return o.description;
    if (o.defaultValue === undefined) return `${o.description} (optional)`;
    return `${o.description} (default: ${String(o.defaultValue)})`;
  };
  return [
    `${task.id[0]} — ${task.description}`,
    "",
    `Usage: npx hardhat [--network <name>] ${task.id[0]} ${[...usage, ...positional].join(" ")}`,
    "",
    "Options:",
    ...options.map((o) => `  ${`--${kebab(o.name)}`.padEnd(width)}  ${describe(o)}`),
    ...task.positionalArguments.map((a) => `  ${a.name.padEnd(width)}  ${a.description}`),
    "",
    "Global options (--network, …): npx hardhat --help. Accounts, amounts and dates: docs/operators.md.",
  ].join("\n");
}

export default async (): Promise<Partial<HardhatRuntimeEnvironmentHooks>> => ({
  created: async (_context, hre) => {
    const globals = globalOptionsOf(hre);
    const help = taskHelp(process.argv.slice(2), hre.tasks.rootTasks, globals);
    if (help !== null) {
      console.log(help);
      process.exit(0);
    }
    const problem = commandLineProblem(process.argv.slice(2), hre.tasks.rootTasks, globals);
    if (problem === null) return;
    const { refusalLines } = await import("../runtime/output.js");
    for (const line of refusalLines(problem)) console.error(line);
    process.exit(1);
  },
});
