/** EIP-1167 clones as the factory deploys them (OpenZeppelin Clones with immutable args). */
import { concat, toBeHex, zeroPadValue } from "ethers";

/** Creation code of an EIP-1167 clone with immutable args, byte for byte as OZ Clones builds it. */
export function cloneCreationCode(implementation: string, args: string): string {
  const argsLength = (args.length - 2) / 2;
  return concat([
    "0x61",
    zeroPadValue(toBeHex(argsLength + 0x2d), 2),
    "0x3d81600a3d39f3363d3d373d3d3d363d73",
    implementation,
    "0x5af43d82803e903d91602b57fd5bf3",
    args,
  ]);
}
