/**
 * A decision that cites the article of the policy it rests on (mg:rule, mg:cancel, mg:recover --article):
 * the citation is written into the reason text, whose hash goes on chain, so the published reason shows
 * which article of the program's policy text (programs/policies/…, fixed on chain at creation) the
 * decision applies. Only an article the program file names can be cited.
 */
import { isHexString } from "ethers";

import { reasonHash } from "../../core/ids.js";
import { loadProgram } from "../../scripts/lib/programs.js";
import { TaskInputError } from "./args.js";
import type { ProgramHandle } from "./resolution.js";

/** The reason as it goes on chain: its hash, the text hashed (null for a hash given as is), the article cited. */
export interface CitedReason {
  hash: string;
  text: string | null;
  article: string | null;
}

/**
 * The reason of a decision, with `article` cited in front of it when given: "[第一项（研发平台）] licence revoked".
 * @param p the program (its recorded file names the articles)
 * @param reason the reason text, or a 0x hash (then no article can be added)
 * @param article the article cited, as the program file names it
 * @param fallback the text hashed when no reason is given
 */
export function citedReason(
  p: ProgramHandle,
  reason: string | undefined,
  article: string | undefined,
  fallback: string,
): CitedReason {
  const cited = article?.trim() ?? "";
  if (cited === "") {
    const text = reason?.trim() ?? "";
    return { hash: reasonHash(reason, fallback), text: isHexString(text, 32) ? null : text || fallback, article: null };
  }
  const articles = [...new Set(loadProgram(p.entry.file, p.decimals).categories.flatMap((c) => c.article ?? []))];
  if (!articles.includes(cited)) {
    throw new TaskInputError(
      `--article "${cited}" is not an article ${p.name}'s program file cites; its articles are ${articles.join(", ")}.`,
      `--article“${cited}”不是 ${p.name} 项目文件所引用的条款；其条款为 ${articles.join("、")}。`,
    );
  }
  const text = reason?.trim() || fallback;
  if (isHexString(text, 32)) {
    throw new TaskInputError(
      "--article needs the reason as text (the citation is written into it before hashing), not a hash.",
      "使用 --article 时理由须为文字（条款会写入理由后再计算哈希），不能是哈希。",
    );
  }
  const withArticle = `[${cited}] ${text}`;
  return { hash: reasonHash(withArticle, fallback), text: withArticle, article: cited };
}
