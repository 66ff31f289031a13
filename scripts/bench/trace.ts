/**
 * `BENCH_TRACE=1 npm run bench`: where each op's gas goes, from the node's struct-log trace
 * (debug_traceTransaction): storage reads and writes by kind, external calls, logs, hashing, the rest.
 */
import type { Provider } from "ethers";

interface StructLog {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
}

interface Trace {
  structLogs: StructLog[];
}

interface JsonRpcCapable {
  send(method: string, params: unknown[]): Promise<unknown>;
}

/** Gas by category for one transaction's execution (intrinsic gas and the refund are separate). */
export interface Breakdown {
  sloadCold: number;
  sloadColdCount: number;
  sloadWarm: number;
  sstoreNew: number;
  sstoreNewCount: number;
  sstoreUpdate: number;
  sstoreUpdateCount: number;
  sstoreOther: number;
  calls: number;
  callCount: number;
  logs: number;
  keccak: number;
  other: number;
}

const CALLS = new Set(["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE", "CREATE", "CREATE2"]);

export async function breakdown(provider: Provider & JsonRpcCapable, hash: string): Promise<Breakdown> {
  const trace = (await provider.send("debug_traceTransaction", [
    hash,
    { disableStack: true, disableMemory: true, disableStorage: true },
  ])) as Trace;
  const steps = trace.structLogs;
  const b: Breakdown = {
    sloadCold: 0,
    sloadColdCount: 0,
    sloadWarm: 0,
    sstoreNew: 0,
    sstoreNewCount: 0,
    sstoreUpdate: 0,
    sstoreUpdateCount: 0,
    sstoreOther: 0,
    calls: 0,
    callCount: 0,
    logs: 0,
    keccak: 0,
    other: 0,
  };
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (CALLS.has(s.op)) {
      // The call's (or creation's) own cost: gas before it, minus gas after it returns, minus what the
      // callee (or constructor) used. Includes cold account access, value transfer, code deposit.
      let j = i + 1;
      while (j < steps.length && steps[j].depth > s.depth) j++;
      const total = j < steps.length ? s.gas - steps[j].gas : s.gasCost;
      let inner = 0;
      if (j > i + 1) {
        const last = steps[j - 1];
        inner = steps[i + 1].gas - (last.gas - last.gasCost);
      }
      b.calls += total - inner;
      b.callCount += 1;
    } else if (s.op === "SLOAD") {
      if (s.gasCost >= 2_100) {
        b.sloadCold += s.gasCost;
        b.sloadColdCount += 1;
      } else b.sloadWarm += s.gasCost;
    } else if (s.op === "SSTORE") {
      if (s.gasCost >= 20_000) {
        b.sstoreNew += s.gasCost;
        b.sstoreNewCount += 1;
      } else if (s.gasCost >= 2_900) {
        b.sstoreUpdate += s.gasCost;
        b.sstoreUpdateCount += 1;
      } else b.sstoreOther += s.gasCost;
    } else if (s.op.startsWith("LOG")) b.logs += s.gasCost;
    else if (s.op === "KECCAK256" || s.op === "SHA3") b.keccak += s.gasCost;
    else b.other += s.gasCost;
  }
  return b;
}
