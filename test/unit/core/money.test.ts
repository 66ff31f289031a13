/** Machine output states its unit: core/money.ts machineAmount, the form every `--json` amount takes. */
import { expect } from "chai";

import { machineAmount } from "../../../core/money.js";

describe("core/money: machine amounts", function () {
  it("gives yuan as a plain decimal string with exactly the token's decimals, beside the exact units", function () {
    expect(machineAmount(200_000_000n, 2)).to.deep.equal({ yuan: "2000000.00", units: 200_000_000n });
    expect(machineAmount(1n, 2)).to.deep.equal({ yuan: "0.01", units: 1n });
    expect(machineAmount(0n, 2)).to.deep.equal({ yuan: "0.00", units: 0n });
    expect(machineAmount(5_000_000n, 0)).to.deep.equal({ yuan: "5000000", units: 5_000_000n });
    expect(machineAmount(10n ** 18n + 5n, 18)).to.deep.equal({ yuan: "1.000000000000000005", units: 10n ** 18n + 5n });
  });
});
