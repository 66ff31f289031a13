/**
 * The one local account numbering (scripts/lib/accounts.ts): the table operators read in
 * docs/operators.md says the same, and the seed's grantees carry identity codes that pass their checks.
 */
import { readFileSync } from "node:fs";

import { expect } from "chai";

import { LOCAL_ACCOUNTS, SEED_GRANTEES, accountIndex } from "../../../scripts/lib/accounts.js";
import { parseIdentityDocument, parseUscc } from "../../../core/identity.js";

describe("local accounts: one numbering for the demo, the portal seed, the tasks and the docs", function () {
  it("docs/operators.md's account table lists every local account with the same index and role", function () {
    const docs = readFileSync("docs/operators.md", "utf8");
    const rows = [...docs.matchAll(/^\| (\d+) +\| (.+?) +\|$/gm)].map((m) => ({ index: Number(m[1]), role: m[2] }));
    expect(rows).to.deep.equal(LOCAL_ACCOUNTS.map(({ index, role }) => ({ index, role })));
  });

  it("every seed grantee's code passes its check and no two grantees share a payout account", function () {
    const grantees = Object.values(SEED_GRANTEES);
    for (const g of grantees) {
      if ("uscc" in g) expect(parseUscc(g.uscc), g.name).to.equal(g.uscc);
      else expect(parseIdentityDocument(g.residentId), g.name).to.equal(`CN-RID:${g.residentId}`);
    }
    const accounts = grantees.map((g) => accountIndex(g.account));
    expect(new Set(accounts).size).to.equal(accounts.length);
    expect(accounts.every((i) => i >= 10)).to.equal(true, "grantee wallets never hold an official's account (0–9)");
  });
});
