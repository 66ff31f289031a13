/** The budget-by-fiscal-year table mg:status, mg:report and the demo print: one shape, both languages. */
import { FISCAL_YEAR_COLUMNS, type FiscalYearFigures } from "../../core/fiscal.js";

/** The columns of a fiscal year's budget line (amounts in yuan): core/fiscal.ts, shared with the portal. */
export { FISCAL_YEAR_COLUMNS };

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
