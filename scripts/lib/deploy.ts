/**
 * The one deploy path: the Ignition modules of deploy/modules, wrapped for the tests, the demo, the
 * benchmark and the portal seed (mg:deploy calls the same modules with its address book).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import JurisdictionModule from "../../deploy/modules/Jurisdiction.js";
import LocalDemoYuanModule from "../../deploy/modules/LocalDemoYuan.js";
import MilestoneGrantsModule from "../../deploy/modules/MilestoneGrants.js";
import type {
  EntityRegistry,
  GrantProgram,
  GrantProgramExtension,
  GrantProgramFactory,
  GrantProgramLens,
  MockYuan,
} from "../../typechain-types/index.js";

/** What the suite's shared contracts are, once deployed. */
export interface Core {
  token: MockYuan;
  factory: GrantProgramFactory;
  /** The hot-path implementation clones run. */
  implementation: GrantProgram;
  /** The implementation's cold-path half (reached through the implementation's fallback). */
  extension: GrantProgramExtension;
  lens: GrantProgramLens;
  version: bigint;
}

/** Deploys the factory, implementation version 1 (with its extension) and the lens, owned by `owner`. */
export async function deployCore(
  connection: NetworkConnection,
  owner: HardhatEthersSigner,
  token: MockYuan,
): Promise<Core> {
  const deployed = await connection.ignition.deploy(MilestoneGrantsModule, {
    defaultSender: owner.address,
    displayUi: false,
  });
  const factory = deployed.factory as unknown as GrantProgramFactory;
  return {
    token,
    factory,
    implementation: deployed.implementation as unknown as GrantProgram,
    extension: deployed.extension as unknown as GrantProgramExtension,
    lens: deployed.lens as unknown as GrantProgramLens,
    version: await factory.latestVersion(),
  };
}

/** Deploys the demo yuan token (2 decimals). Local networks only. */
export async function deployDemoYuan(connection: NetworkConnection, deployer: HardhatEthersSigner): Promise<MockYuan> {
  const { token } = await connection.ignition.deploy(LocalDemoYuanModule, {
    defaultSender: deployer.address,
    displayUi: false,
  });
  return token as unknown as MockYuan;
}

/** Deploys an entity registry for one jurisdiction and grants REGISTRAR_ROLE to `registrar`. */
export async function deployRegistry(
  connection: NetworkConnection,
  admin: HardhatEthersSigner,
  registrar: string,
  walletChangeDelay: bigint,
): Promise<EntityRegistry> {
  const { registry: deployed } = await connection.ignition.deploy(JurisdictionModule, {
    defaultSender: admin.address,
    displayUi: false,
    parameters: { Jurisdiction: { admin: admin.address, walletChangeDelay } },
  });
  const registry = deployed as unknown as EntityRegistry;
  await (await registry.connect(admin).grantRole(await registry.REGISTRAR_ROLE(), registrar)).wait();
  return registry;
}
