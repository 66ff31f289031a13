/**
 * mg:programs — a jurisdiction's programs: those its registry authorised, listed with their names from
 * the address book, and, apart, every program that names the registry without its authorisation
 * (flagged). `createProgram` is permissionless, so only the registry's authorisation makes a program
 * one of the jurisdiction's (core/jurisdiction.ts).
 */
import { jurisdictionPrograms, standingSentence } from "../../core/jurisdiction.js";
import type { CommonArgs } from "../runtime/args.js";
import { bookFactory, bookRegistry } from "../runtime/resolution.js";
import type { Bilingual } from "../../core/messages/labels.js";
import { defineAction, line, table, type ResultOf, type SummaryLine } from "../runtime/output.js";

export interface ProgramsArgs extends CommonArgs {
  jurisdiction: string | undefined;
}

const action = defineAction("mg:programs", async (args: ProgramsArgs, env) => {
  const { registry, name } = await bookRegistry(env, args.jurisdiction);
  const factory = await bookFactory(env);
  // Imported here: the program ABI comes from TypeChain values, which exist only after the first compile.
  const { programAt } = await import("../../core/program-abi.js");
  const found = await jurisdictionPrograms(factory, registry, (address) => programAt(address, env.signer));
  const named = new Map(
    Object.entries(env.book.programs).map(([key, entry]) => [entry.address.toLowerCase(), { key, entry }]),
  );
  const label = (address: string): Bilingual => {
    const key = named.get(address.toLowerCase())?.key;
    return key === undefined ? { en: "(not in the address book)", zh: "（不在地址簿中）" } : { en: key, zh: key };
  };
  const registryAddress = await registry.getAddress();
  const lines: SummaryLine[] = [
    line(
      `Programs of ${name} (authorised by its registry ${registryAddress}): ${found.authorised.length}`,
      `${name} 的资助项目（经其登记册 ${registryAddress} 授权）：${found.authorised.length} 个`,
    ),
  ];
  if (found.authorised.length > 0) {
    lines.push(
      table(
        {
          name: { en: "name", zh: "名称" },
          title: { en: "title", zh: "项目名称" },
          address: { en: "address", zh: "地址" },
        },
        found.authorised.map((address) => ({
          name: label(address),
          title: {
            en: named.get(address.toLowerCase())?.entry.title ?? "",
            zh: named.get(address.toLowerCase())?.entry.titleZh ?? named.get(address.toLowerCase())?.entry.title ?? "",
          },
          address,
        })),
      ),
    );
  }
  if (found.flagged.length > 0) {
    lines.push(
      line(
        `FLAGGED — ${found.flagged.length} program(s) name the ${name} registry without its authorisation:`,
        `警示：有 ${found.flagged.length} 个资助项目未经授权而使用 ${name} 登记册：`,
      ),
    );
    for (const address of found.flagged) {
      const sentence = standingSentence("unauthorised", name, address);
      lines.push(line(`  ${sentence.en}`, `  ${sentence.zh}`));
    }
  }
  return {
    result: {
      jurisdiction: name,
      authorised: found.authorised.map((address) => ({ address, name: named.get(address.toLowerCase())?.key ?? null })),
      flagged: found.flagged,
      scanned: found.scanned,
    },
    lines,
  };
});

export default action;

/** What mg:programs returns (and prints with --json, beside ok and task). */
export type ProgramsResult = ResultOf<typeof action>;
