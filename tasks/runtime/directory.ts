/**
 * The off-chain directory beside a local or published address book (`<book>.portal.json`): company and
 * person names behind entity numbers, as the administration publishes them. The chain holds only
 * entity numbers and ids; the tasks show a name where the directory has one, and nothing otherwise.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { recordName } from "../../core/public-record.js";
import { portalDirectoryFile } from "./address-book.js";
import type { TaskEnv } from "./connection.js";

/** A published name, in Chinese and English. */
export interface PublishedName {
  name: string;
  nameZh: string;
}

/**
 * Entity number (decimal string) → published name, for the entities of `jurisdiction`'s registry (entity
 * numbers are per registry, so the directory keeps names by jurisdiction); empty for the in-process
 * network or without a file.
 */
export function entityNames(
  env: Pick<TaskEnv, "inProcess" | "bookFile" | "identity">,
  jurisdiction: string,
): Record<string, PublishedName> {
  if (env.inProcess) return {};
  const file = portalDirectoryFile(path.dirname(env.bookFile), env.identity);
  if (!existsSync(file)) return {};
  const directory = JSON.parse(readFileSync(file, "utf8")) as {
    entities?: Record<string, Record<string, PublishedName>>;
  };
  return directory.entities?.[jurisdiction] ?? {};
}

/** "贵阳链实验室科技有限公司 Guiyang Chainlab Technology Co., Ltd.", or "" when none is published. */
export function nameText(names: Record<string, PublishedName>, entityNo: bigint | number): string {
  return recordName(names[entityNo.toString()]);
}
