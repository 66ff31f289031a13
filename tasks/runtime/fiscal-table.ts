/** The budget-by-fiscal-year table mg:status, mg:report and the demo print: one shape, both languages. */
import type { FiscalYearFigures } from "../../core/fiscal.js";

/** The columns of a fiscal year's budget line (amounts in yuan). */
export const FISCAL_YEAR_COLUMNS = {
  year: { en: "fiscal year", zh: "预算年度" },
  appropriated: { en: "appropriated", zh: "拨入" },
  carriedIn: { en: "carried in", zh: "上年结转" },
  released: { en: "released", zh: "退回" },
  committed: { en: "awarded", zh: "授予" },
  withdrawn: { en: "withdrawn/returned", zh: "提取/收回" },
  carriedOut: { en: "carried out", zh: "结转下年" },
  available: { en: "available", zh: "可用" },
};

/** One row of the table; `yuan` formats token units. */
export function fiscalYearRow(fy: FiscalYearFigures, yuan: (units: bigint) => string) {
  return {
    year: { en: `${fy.year}${fy.closed ? " (closed)" : ""}`, zh: `${fy.year}${fy.closed ? "（已结账）" : ""}` },
    appropriated: yuan(fy.appropriated),
    carriedIn: yuan(fy.carriedIn),
    released: yuan(fy.released),
    committed: yuan(fy.committed),
    withdrawn: yuan(fy.withdrawn),
    carriedOut: yuan(fy.carriedOut),
    available: yuan(fy.available),
  };
}
