/**
 * The ABI of a program as a client sees it at a clone's address.
 *
 * A program is two contracts behind one address: `GrantProgram` runs the hot paths and hands every
 * other selector to `GrantProgramExtension` by DELEGATECALL. `IGrantProgram` describes every function
 * and event; the custom errors are declared in the `Errors` library, so they are taken from the two
 * halves' ABIs (a program can revert with any of them, and with the registry errors they bubble up).
 */
import { Contract, type ContractRunner, type InterfaceAbi, type JsonFragment } from "ethers";

import {
  EntityRegistry__factory,
  GrantProgramExtension__factory,
  GrantProgram__factory,
  IGrantProgram__factory,
  type IGrantProgram,
} from "../typechain-types/index.js";

function withErrorsOf(base: readonly JsonFragment[], ...sources: (readonly JsonFragment[])[]): JsonFragment[] {
  const seen = new Set(base.filter((f) => f.type === "error").map((f) => f.name));
  const merged: JsonFragment[] = [...base];
  for (const source of sources) {
    for (const fragment of source) {
      if (fragment.type !== "error" || seen.has(fragment.name)) continue;
      seen.add(fragment.name);
      merged.push(fragment);
    }
  }
  return merged;
}

/** IGrantProgram's functions and events, plus every custom error either half of a program can revert with. */
export const PROGRAM_ABI: InterfaceAbi = withErrorsOf(
  IGrantProgram__factory.abi as readonly JsonFragment[],
  GrantProgram__factory.abi as readonly JsonFragment[],
  GrantProgramExtension__factory.abi as readonly JsonFragment[],
  EntityRegistry__factory.abi as readonly JsonFragment[],
);

/** A typed handle on the program at `address` (a clone), for reading or, with a signer, acting. */
export function programAt(address: string, runner?: ContractRunner | null): IGrantProgram {
  return new Contract(address, PROGRAM_ABI, runner ?? null) as unknown as IGrantProgram;
}
