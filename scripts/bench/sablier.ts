/**
 * Sablier Lockup (v4, npm `@sablier/lockup`) deployed from the compiled artifacts the package ships:
 * the public libraries LockupHelpers and LockupMath are deployed first and linked into SablierLockup's
 * bytecode by hand (the artifact's `linkReferences` give the byte offsets of each placeholder).
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ContractFactory, Interface, getAddress, type InterfaceAbi, type Provider } from "ethers";

const require = createRequire(import.meta.url);

interface LinkReference {
  start: number;
  length: number;
}

/** The shape of a Foundry artifact as `@sablier/lockup` ships it (only the fields used here). */
interface FoundryArtifact {
  abi: InterfaceAbi;
  bytecode: { object: string; linkReferences: Record<string, Record<string, LinkReference[]>> };
}

function loadArtifact(relativePath: string): FoundryArtifact {
  const file = require.resolve(`@sablier/lockup/artifacts/${relativePath}`);
  return JSON.parse(readFileSync(file, "utf8")) as FoundryArtifact;
}

/** Replaces every library placeholder named in `linkReferences` with the deployed library address. */
export function linkBytecode(artifact: FoundryArtifact, libraries: Record<string, string>): string {
  let hex = artifact.bytecode.object.replace(/^0x/, "");
  for (const [sourcePath, byName] of Object.entries(artifact.bytecode.linkReferences)) {
    for (const [name, references] of Object.entries(byName)) {
      const address = libraries[name];
      if (address === undefined) throw new Error(`no address for library ${sourcePath}:${name}`);
      const raw = getAddress(address).slice(2).toLowerCase();
      for (const { start, length } of references) {
        if (length !== 20) throw new Error(`unexpected link length ${length} for ${name}`);
        hex = hex.slice(0, start * 2) + raw + hex.slice((start + length) * 2);
      }
    }
  }
  if (hex.includes("__$")) throw new Error("unlinked library placeholder left in the bytecode");
  return `0x${hex}`;
}

/**
 * Runtime code of a stand-in comptroller: answers `supportsInterface(bytes4)` (selector 0x01ffc9a7) with
 * true and every other call with a zero word, so `calculateMinFeeWeiFor` returns a fee of 0 wei.
 *   PUSH1 0 CALLDATALOAD PUSH1 0xe0 SHR PUSH4 0x01ffc9a7 EQ PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
 */
const COMPTROLLER_RUNTIME = "60003560e01c6301ffc9a71460005260206000f3";
/** Init code copying the 20-byte runtime above: PUSH1 20 DUP1 PUSH1 11 PUSH1 0 CODECOPY PUSH1 0 RETURN. */
const COMPTROLLER_INITCODE = `0x601480600b6000396000f3${COMPTROLLER_RUNTIME}`;

export interface SablierDeployment {
  lockup: string;
  comptroller: string;
  iface: Interface;
  /** Deployed code size of SablierLockup in bytes (for reference). */
  codeSize: number;
}

/** Deploys the zero-fee comptroller stand-in, the two libraries and SablierLockup (linked). */
export async function deploySablierLockup(
  deployer: HardhatEthersSigner,
  provider: Provider,
): Promise<SablierDeployment> {
  const comptrollerTx = await deployer.sendTransaction({ data: COMPTROLLER_INITCODE });
  const comptrollerReceipt = await comptrollerTx.wait();
  const comptroller = comptrollerReceipt?.contractAddress;
  if (comptroller === undefined || comptroller === null) throw new Error("comptroller stand-in not deployed");

  const libraries: Record<string, string> = {};
  for (const name of ["LockupHelpers", "LockupMath"]) {
    const artifact = loadArtifact(`libraries/${name}.json`);
    // No ABI needed to deploy a library (and LockupMath's ABI has a type ethers rejects).
    const factory = new ContractFactory([], artifact.bytecode.object, deployer);
    const library = await factory.deploy();
    await library.waitForDeployment();
    libraries[name] = await library.getAddress();
  }

  const artifact = loadArtifact("SablierLockup.json");
  const factory = new ContractFactory(artifact.abi, linkBytecode(artifact, libraries), deployer);
  // The NFT descriptor is only called by tokenURI, which the benchmark never calls: any address will do.
  const lockup = await factory.deploy(comptroller, comptroller);
  await lockup.waitForDeployment();
  const address = await lockup.getAddress();
  const code = await provider.getCode(address);
  return { lockup: address, comptroller, iface: new Interface(artifact.abi), codeSize: (code.length - 2) / 2 };
}

/** Lockup.CreateWithTimestamps as the ABI names its fields. */
export interface CreateWithTimestamps {
  sender: string;
  recipient: string;
  depositAmount: bigint;
  token: string;
  cancelable: boolean;
  transferable: boolean;
  timestamps: { start: bigint; end: bigint };
  shape: string;
}

/** LockupTranched.Tranche: an amount unlocked at a timestamp. */
export interface Tranche {
  amount: bigint;
  timestamp: bigint;
}
