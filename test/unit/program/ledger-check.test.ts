/**
 * The ledger check the other tests rely on (`expectLedgerMatchesChain`, test/utils/fixtures.ts) must be
 * able to fail: it compares the program's counters with the events and token transfers on chain, so a
 * counter that drifts from what actually happened is named. Here it is fed tampered readings, and a
 * program whose stored ledger was overwritten with hardhat_setStorageAt.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { AssertionError, expect } from "chai";
import { toBeHex, zeroPadValue } from "ethers";
import { network } from "hardhat";

import { securityFixtures } from "../../security/helpers.js";
import { expectLedgerMatchesChain, yuan, type LedgerReader } from "../../utils/fixtures.js";
import type { IGrantProgram } from "../../../typechain-types/index.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { deployPayable } = securityFixtures(connection);

/** The storage slot of GrantProgramState's `_ledger`, read from the compiler's storage layout. */
function ledgerSlot(): bigint {
  const artifact = JSON.parse(
    readFileSync(path.join("artifacts", "contracts", "GrantProgram.sol", "GrantProgram.json"), "utf8"),
  ) as {
    buildInfoId: string;
    inputSourceName: string;
  };
  const output = JSON.parse(
    readFileSync(path.join("artifacts", "build-info", `${artifact.buildInfoId}.output.json`), "utf8"),
  ) as {
    output: {
      contracts: Record<
        string,
        Record<string, { storageLayout?: { storage: Array<{ label: string; slot: string }> } }>
      >;
    };
  };
  const storage = output.output.contracts[artifact.inputSourceName]?.GrantProgram?.storageLayout?.storage;
  const entry = storage?.find((e) => e.label === "_ledger");
  if (entry === undefined) throw new Error("no _ledger in GrantProgram's storage layout");
  return BigInt(entry.slot);
}

/** A reader of `program` whose ledger() and summary() report one counter changed by `delta`. */
function tampered(program: IGrantProgram, counter: "paid" | "reserved" | "funded", delta: bigint): LedgerReader {
  const reader = {
    ledger: async () => {
      const l = await program.ledger();
      const { reserved, paid, funded, withdrawn, repaid, recoveryOutstanding } = l;
      const reading = { reserved, paid, funded, withdrawn, repaid, recoveryOutstanding };
      return { ...reading, [counter]: l[counter] + delta };
    },
    summary: async () => program.summary(),
  };
  return reader as unknown as LedgerReader;
}

/** The message `check` fails with; fails the test if it passes. */
async function failureOf(check: Promise<void>): Promise<string> {
  try {
    await check;
  } catch (error) {
    expect(error).to.be.instanceOf(AssertionError);
    return (error as Error).message;
  }
  expect.fail("the ledger check passed on a tampered ledger");
}

describe("expectLedgerMatchesChain (the ledger check against the chain)", function () {
  async function claimed() {
    const w = await networkHelpers.loadFixture(deployPayable);
    await w.htz.connect(w.actors.companyA).claim(w.grantId, [0]);
    return w;
  }

  it("passes on a program whose counters follow its events and token transfers", async function () {
    const w = await claimed();
    await expectLedgerMatchesChain(w.htz);
    await expectLedgerMatchesChain(w.city);
  });

  it("fails naming ledger.paid when the ledger reports paid + 1", async function () {
    const w = await claimed();
    expect(await failureOf(expectLedgerMatchesChain(w.htz, tampered(w.htz, "paid", 1n)))).to.include(
      `ledger.paid: the program says ${yuan("3,000,000") + 1n}, the chain says ${yuan("3,000,000")}`,
    );
  });

  it("fails naming ledger.reserved when the ledger under-reports the reserve", async function () {
    const w = await claimed();
    expect(await failureOf(expectLedgerMatchesChain(w.htz, tampered(w.htz, "reserved", -1n)))).to.match(
      /ledger\.reserved: the program says \d+, the chain says \d+/,
    );
  });

  it("fails naming summary.paid when a summary reading is tampered", async function () {
    const w = await claimed();
    const reader = {
      ledger: () => w.htz.ledger(),
      summary: async () => {
        const { funded, repaid, available, reserved, withdrawn, recoveryOutstanding, surplus } = await w.htz.summary();
        return { funded, repaid, available, reserved, paid: 0n, withdrawn, recoveryOutstanding, surplus };
      },
    } as unknown as LedgerReader;
    expect(await failureOf(expectLedgerMatchesChain(w.htz, reader))).to.match(/summary\.paid: the program says 0,/);
  });

  it("fails naming ledger.paid (and the derived figures) when the clone's stored ledger is overwritten", async function () {
    const w = await claimed();
    const address = await w.htz.getAddress();
    const slot = ledgerSlot(); // slot 0 of Program.Ledger: reserved (low 128 bits) | paid (high 128 bits)
    const before = await w.htz.ledger();
    const word = ((before.paid + 1n) << 128n) | before.reserved;
    await networkHelpers.setStorageAt(address, slot, zeroPadValue(toBeHex(word), 32));
    expect((await w.htz.ledger()).paid).to.equal(before.paid + 1n);
    expect(await failureOf(expectLedgerMatchesChain(w.htz))).to.match(/ledger\.paid: the program says/);
    expect(await failureOf(expectLedgerMatchesChain(w.htz))).to.match(/summary\.available: /);
  });
});
