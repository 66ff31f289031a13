/**
 * mg:programs — a jurisdiction's programs: those its registry authorised, listed with their names from
 * the address book, and, apart, every program that names the registry without its authorisation
 * (flagged). `createProgram` is permissionless, so only the registry's authorisation makes a program
 * one of the jurisdiction's (core/jurisdiction.ts).
 */
import { jurisdictionPrograms, standingSentence } from "../../core/jurisdiction.js";
import type { CommonArgs } from "../runtime/args.js";
import { bookFactory, bookRegistry } from "../runtime/resolution.js";
import { defineAction, type ResultOf } from "../runtime/output.js";

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
  const label = (address: string) => named.get(address.toLowerCase())?.key ?? "(not in the address book)";
  const lines: Array<string | { table: Array<Record<string, string>> }> = [
    `Programs of ${name} (authorised by its registry ${await registry.getAddress()}): ${found.authorised.length}`,
  ];
  if (found.authorised.length > 0) {
    lines.push({
      table: found.authorised.map((address) => ({
        name: label(address),
        title: named.get(address.toLowerCase())?.entry.title ?? "",
        address,
      })),
    });
  }
  if (found.flagged.length > 0) {
    lines.push(`FLAGGED — ${found.flagged.length} program(s) name the ${name} registry without its authorisation:`);
    for (const address of found.flagged) lines.push(`  ${standingSentence("unauthorised", name, address).en}`);
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
