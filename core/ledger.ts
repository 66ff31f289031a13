/**
 * The program ledger as tooling checks it. The contract keeps its four lifetime counters (funded,
 * repaid, paid, withdrawn) modulo 2^128 so no volume of money can make them overflow; the identity
 * funded + repaid = available + reserved + paid + withdrawn therefore holds modulo 2^128, and so does
 * the match between the token balance and what the ledger accounts for. These two checks are the
 * one implementation the tasks, the portal and the tests use.
 */

/** 2^128: the modulus of the contract's lifetime counters. */
export const LEDGER_MODULUS = 1n << 128n;

/** The ledger figures of `summary()` the checks read (token units). */
export interface LedgerFigures {
  funded: bigint;
  repaid: bigint;
  available: bigint;
  reserved: bigint;
  paid: bigint;
  withdrawn: bigint;
  surplus: bigint;
}

function mod(value: bigint): bigint {
  return ((value % LEDGER_MODULUS) + LEDGER_MODULUS) % LEDGER_MODULUS;
}

/** Whether funded + repaid = available + reserved + paid + withdrawn (modulo 2^128). */
export function ledgerIdentityHolds(s: LedgerFigures): boolean {
  return mod(s.funded + s.repaid - s.available - s.reserved - s.paid - s.withdrawn) === 0n;
}

/** The tokens the ledger accounts for: funded + repaid - paid - withdrawn (modulo 2^128, exact). */
export function ledgerAccounted(s: LedgerFigures): bigint {
  return mod(s.funded + s.repaid - s.paid - s.withdrawn);
}

/** Whether the program's token balance is exactly what the ledger accounts for plus the surplus. */
export function balanceMatchesLedger(s: LedgerFigures, balance: bigint): boolean {
  return balance === ledgerAccounted(s) + s.surplus;
}
