/**
 * Paging a numbered list (a program's grants, ids 1 … total): which ids a page holds, oldest or newest
 * first, and the refusals for a page size or page that cannot be read. One page is one bounded lens read
 * (contracts/GrantProgramLens.sol, at most MAX_PAGE_ROWS rows), whatever the program's size.
 */
import { DEFAULT_PAGE_SIZE } from "../options.js";
import { parseWhole, TaskInputError } from "./args.js";

/** A page as asked for on the command line. */
export interface PageRequest {
  /** 1 is the first page. */
  page: bigint;
  pageSize: bigint;
  /** Newest first (highest id first) instead of oldest first. */
  newest: boolean;
}

/**
 * The page that --page and --page-size ask for (text options, so a typo is refused in one sentence
 * in both languages): page 1 and DEFAULT_PAGE_SIZE rows when not given.
 * @throws TaskInputError when either is not a whole number
 */
export function pageRequest(page: string | undefined, pageSize: string | undefined, newest: boolean): PageRequest {
  const given = (text: string | undefined) => text !== undefined && text.trim() !== "";
  return {
    page: given(page) ? parseWhole(page, "--page") : 1n,
    pageSize: given(pageSize) ? parseWhole(pageSize, "--page-size") : BigInt(DEFAULT_PAGE_SIZE),
    newest,
  };
}

/** The ids one page holds. */
export interface IdPage {
  page: bigint;
  pageSize: bigint;
  /** How many ids the list has (the last id). */
  total: bigint;
  /** How many pages of `pageSize` the list makes (at least 1, so an empty list has its one empty page). */
  pages: bigint;
  newest: boolean;
  /** The lowest id on the page and how many ids follow it: what the lens reads (rows 0 when empty). */
  firstId: bigint;
  rows: bigint;
}

/** "5,000": a count as the summaries write it. */
export function counted(n: bigint): string {
  return n.toLocaleString("en-US");
}

/**
 * The ids of one page of a list of `total` ids.
 * @param total how many ids there are (ids 1 … total)
 * @param request the page asked for
 * @param maxRows the most rows one lens read may return (the lens's MAX_PAGE_ROWS)
 * @param listName what the list is, in both languages (for the refusals), e.g. "guiyang-city has"
 * @throws TaskInputError for a page size outside 1 … maxRows, a page below 1, or a page past the last one
 */
export function pageOfIds(
  total: bigint,
  request: PageRequest,
  maxRows: bigint,
  listName: { en: string; zh: string },
): IdPage {
  const { page, pageSize } = request;
  if (pageSize < 1n || pageSize > maxRows) {
    throw new TaskInputError(
      `--page-size must be between 1 and ${maxRows} grants (one read of the lens returns at most ${maxRows}), not ${pageSize}.`,
      `--page-size 须在 1 至 ${maxRows} 笔资助之间（查询合约一次最多返回 ${maxRows} 笔），不能是 ${pageSize}。`,
    );
  }
  if (page < 1n) {
    throw new TaskInputError(
      `--page must be 1 or more (1 is the first page), not ${page}.`,
      `--page 须为 1 或更大（1 为第一页），不能是 ${page}。`,
    );
  }
  const pages = total === 0n ? 1n : (total + pageSize - 1n) / pageSize;
  if (page > pages) {
    throw total === 0n
      ? new TaskInputError(
          `${listName.en} no grants yet, so there is no page ${page}: run it without --page.`,
          `${listName.zh}尚无资助，因此没有第 ${page} 页：请不带 --page 运行。`,
        )
      : new TaskInputError(
          `${listName.en} ${counted(total)} grant(s), ${pages} page(s) of ${pageSize}: there is no page ${page}; the last is --page ${pages}.`,
          `${listName.zh} ${counted(total)} 笔资助，每页 ${pageSize} 笔共 ${pages} 页：没有第 ${page} 页；最后一页为 --page ${pages}。`,
        );
  }
  // Oldest first: page 1 holds ids 1 … pageSize. Newest first: page 1 holds total … total - pageSize + 1.
  const skipped = (page - 1n) * pageSize;
  const left = total - skipped;
  const rows = left < pageSize ? left : pageSize;
  const firstId = rows === 0n ? 0n : request.newest ? total - skipped - rows + 1n : skipped + 1n;
  return { page, pageSize, total, pages, newest: request.newest, firstId, rows };
}
