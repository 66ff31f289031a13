/** EIP-712 signed votes in tests: domains, signing under any domain, malleable signatures. */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { concat, dataSlice, getBytes, toBeHex, toBigInt, type TypedDataDomain } from "ethers";

import type { IGrantProgram } from "../../typechain-types/index.js";
import { signBallot, voteDomain, type Ballot, type SignedVote } from "../../core/votes.js";

/** secp256k1 group order. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** A full vote message (every field of the EIP-712 Vote type). */
export type VoteMessage = Ballot;

export type { SignedVote };

/** The EIP-712 domain of `program`'s votes on `chainId` (tests spread it to sign under other domains). */
export async function domainOf(program: IGrantProgram, chainId: bigint): Promise<TypedDataDomain> {
  return voteDomain(await program.getAddress(), chainId);
}

/** Signs `message` under `domain`; `reviewer` is the one named in the submitted vote. */
export async function signVote(
  signer: HardhatEthersSigner,
  domain: TypedDataDomain,
  message: VoteMessage,
  reviewer: string = message.reviewer,
): Promise<SignedVote> {
  return signBallot(signer, domain, message, reviewer);
}

/** The same (r, s, v) signature in its malleable form: s' = n - s, v flipped. */
export function highS(signature: string): string {
  const r = dataSlice(signature, 0, 32);
  const s = toBigInt(dataSlice(signature, 32, 64));
  const v = getBytes(signature)[64];
  return concat([r, toBeHex(SECP256K1_N - s, 32), toBeHex(v === 27 ? 28 : 27, 1)]);
}
