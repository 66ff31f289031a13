/**
 * Which programs belong to a jurisdiction. `createProgram` on the factory is permissionless, so the
 * factory's list proves nothing about who made a program: a program is one of a jurisdiction's programs
 * only if the jurisdiction's registry authorised it (PROGRAM_ROLE). A program that points at the
 * registry without that authorisation is flagged, never listed. The tasks (mg:programs, mg:status and
 * every action that adds money or awards) and the portal all classify programs with this module.
 */

/** How a program stands with a jurisdiction's registry. */
export type Standing =
  /** Names this registry and holds its PROGRAM_ROLE: one of the jurisdiction's programs. */
  | "authorised"
  /** Names this registry but does not hold PROGRAM_ROLE: made by anyone, or wound down. Flagged. */
  | "unauthorised"
  /** Names another registry: not this jurisdiction's program at all. */
  | "foreign";

/** The reads of a program that its standing needs (a TypeChain IGrantProgram satisfies it). */
export interface StandingProgram {
  getAddress(): Promise<string>;
  registry(): Promise<string>;
}

/** The reads of a registry that a standing needs (a TypeChain EntityRegistry satisfies it). */
export interface StandingRegistry {
  getAddress(): Promise<string>;
  PROGRAM_ROLE(): Promise<string>;
  hasRole(role: string, account: string): Promise<boolean>;
}

/**
 * How `program` stands with `registry`.
 * @param program the program (connected to a provider)
 * @param registry the jurisdiction's registry
 */
export async function standingOf(program: StandingProgram, registry: StandingRegistry): Promise<Standing> {
  const [address, named, own, role] = await Promise.all([
    program.getAddress(),
    program.registry(),
    registry.getAddress(),
    registry.PROGRAM_ROLE(),
  ]);
  if (named.toLowerCase() !== own.toLowerCase()) return "foreign";
  return (await registry.hasRole(role, address)) ? "authorised" : "unauthorised";
}

/** One plain sentence on a standing, in English and Chinese. */
export function standingSentence(
  standing: Standing,
  jurisdiction: string,
  program: string,
): { en: string; zh: string } {
  switch (standing) {
    case "authorised":
      return {
        en: `${program} is authorised by the ${jurisdiction} registry: one of ${jurisdiction}'s programs.`,
        zh: `${program} 已获 ${jurisdiction} 登记册授权，属于 ${jurisdiction} 的资助项目。`,
      };
    case "unauthorised":
      return {
        en: `${program} names the ${jurisdiction} registry but is NOT authorised by it: it is not one of ${jurisdiction}'s programs (anyone can create a program, and a wound-down one loses its authorisation), so it cannot record new awards.`,
        zh: `${program} 指向 ${jurisdiction} 登记册，但未获其授权：不属于 ${jurisdiction} 的资助项目（任何人都可创建项目，已结束的项目会失去授权），无法登记新的资助。`,
      };
    case "foreign":
      return {
        en: `${program} belongs to another registry, not to ${jurisdiction}'s.`,
        zh: `${program} 属于其他登记册，而非 ${jurisdiction} 的登记册。`,
      };
  }
}

/** The reads of a factory that listing a jurisdiction's programs needs (a TypeChain factory satisfies it). */
export interface ProgramList {
  programCount(): Promise<bigint>;
  programAt(index: bigint): Promise<string>;
}

/** A jurisdiction's programs among the factory's: the authorised ones, and the flagged ones. */
export interface JurisdictionPrograms {
  /** Programs the registry authorised, in creation order. */
  authorised: string[];
  /** Programs that name the registry without its authorisation (flagged, never listed as its programs). */
  flagged: string[];
  /** How many factory entries were read (the page's end). */
  scanned: bigint;
}

/**
 * Classifies the factory's programs `from` (inclusive) up to `from + limit` against one registry.
 * Bounded by `limit`, so a factory with many programs is read page by page.
 * @param factory the factory
 * @param registry the jurisdiction's registry
 * @param open how to get a program handle at an address
 * @param from the first index to read
 * @param limit the most entries to read
 */
export async function jurisdictionPrograms(
  factory: ProgramList,
  registry: StandingRegistry,
  open: (address: string) => StandingProgram,
  from = 0n,
  limit = 200n,
): Promise<JurisdictionPrograms> {
  const count = await factory.programCount();
  const end = from + limit < count ? from + limit : count;
  const result: JurisdictionPrograms = { authorised: [], flagged: [], scanned: end };
  for (let i = from; i < end; i++) {
    const address = await factory.programAt(i);
    const standing = await standingOf(open(address), registry);
    if (standing === "authorised") result.authorised.push(address);
    else if (standing === "unauthorised") result.flagged.push(address);
  }
  return result;
}
