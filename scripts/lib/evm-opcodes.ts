/**
 * A real opcode walk over EVM bytecode: which instructions can execute, with PUSH data skipped (a 0x5c
 * byte inside PUSH2 0x5c5c is data, not TLOAD), solc's trailing CBOR metadata left out, and the bytes
 * that follow a terminating instruction (STOP, JUMP, RETURN, REVERT, INVALID, SELFDESTRUCT) ignored up
 * to the next JUMPDEST: nothing can run them (execution only falls through or jumps to a JUMPDEST), and
 * that is where solc puts its data (e.g. 32-byte constants read with CODECOPY). Sound for proving an
 * instruction absent: every byte that can execute is walked. Used to prove the `compat` build
 * (evmVersion shanghai) has no Cancun-only instruction.
 */

/** The instructions Cancun added that an EVM before it refuses: EIP-1153 and EIP-5656. */
export const CANCUN_OPCODES: Readonly<Record<number, string>> = { 0x5c: "TLOAD", 0x5d: "TSTORE", 0x5e: "MCOPY" };

/** One instruction found: its byte, its name and where it starts in the code. */
export interface Found {
  opcode: number;
  name: string;
  offset: number;
}

/** `code` (hex, with or without 0x) as bytes. */
function bytesOf(code: string): Uint8Array {
  const hex = code.startsWith("0x") ? code.slice(2) : code;
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new Error(`not hex bytecode: ${code.slice(0, 20)}…`);
  return Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
}

/**
 * The length of the code without solc's metadata: solc appends CBOR data and, in the last two bytes, its
 * length. Only stripped when those two bytes describe a CBOR map that fits (first byte 0xa1–0xbf),
 * so code without metadata is walked whole.
 */
export function codeLength(bytes: Uint8Array): number {
  if (bytes.length < 2) return bytes.length;
  const cborLength = (bytes[bytes.length - 2] << 8) | bytes[bytes.length - 1];
  const start = bytes.length - 2 - cborLength;
  if (cborLength === 0 || start < 0) return bytes.length;
  const first = bytes[start];
  return first >= 0xa1 && first <= 0xbf ? start : bytes.length;
}

/** Instructions after which the next byte runs only if it is a JUMPDEST that something jumps to. */
const TERMINATORS = new Set([0x00, 0x56, 0xf3, 0xfd, 0xfe, 0xff]);
const JUMPDEST = 0x5b;

/** Every instruction of `code` that is in `wanted` (default: the Cancun-only ones) and can run, in order. */
export function findOpcodes(code: string, wanted: Readonly<Record<number, string>> = CANCUN_OPCODES): Found[] {
  const bytes = bytesOf(code);
  const end = codeLength(bytes);
  const found: Found[] = [];
  let reachable = true;
  for (let pc = 0; pc < end; pc++) {
    const op = bytes[pc];
    if (op === JUMPDEST) reachable = true;
    if (reachable && op in wanted) found.push({ opcode: op, name: wanted[op], offset: pc });
    if (TERMINATORS.has(op)) reachable = false;
    // PUSH1 (0x60) … PUSH32 (0x7f) carry 1 … 32 bytes of data; PUSH0 (0x5f) carries none. Skipped in
    // unreachable bytes too, as the EVM's own JUMPDEST analysis does.
    if (op >= 0x60 && op <= 0x7f) pc += op - 0x5f;
  }
  return found;
}
