/** core/ledger.ts: the tooling's ledger checks hold modulo 2^128, as the contract keeps its counters. */
import { expect } from "chai";

import { balanceMatchesLedger, LEDGER_MODULUS, ledgerAccounted, ledgerIdentityHolds } from "../../../core/ledger.js";

/**
 * A program that was funded 2^128 + 100 units over its life (funded wrapped and reads 100) and
 * withdrew 2^128 - 400 (not wrapped): 300 available, 100 reserved, 100 paid, 400 held, 7 surplus.
 */
const WRAPPED = {
  funded: 100n,
  repaid: 0n,
  available: 300n,
  reserved: 100n,
  paid: 100n,
  withdrawn: LEDGER_MODULUS - 400n,
  surplus: 7n,
};

describe("core/ledger.ts", function () {
  it("accepts a ledger whose lifetime counters wrapped (where plain sums disagree) and the balance it holds", function () {
    const { funded, repaid, available, reserved, paid, withdrawn } = WRAPPED;
    expect(funded + repaid === available + reserved + paid + withdrawn).to.equal(false);
    expect(ledgerIdentityHolds(WRAPPED)).to.equal(true);
    expect(ledgerAccounted(WRAPPED)).to.equal(400n);
    expect(balanceMatchesLedger(WRAPPED, 407n)).to.equal(true);
  });

  it("detects a ledger or a balance one token unit off", function () {
    expect(ledgerIdentityHolds({ ...WRAPPED, available: WRAPPED.available + 1n })).to.equal(false);
    expect(ledgerIdentityHolds({ ...WRAPPED, funded: WRAPPED.funded - 1n })).to.equal(false);
    expect(balanceMatchesLedger(WRAPPED, 406n)).to.equal(false);
    expect(balanceMatchesLedger(WRAPPED, 408n)).to.equal(false);
  });
});
