/**
 * The one deploy path: the Ignition modules of deploy/modules, wrapped for the tests, the demo, the
 * benchmark and the portal seed (mg:deploy calls the same modules with its address book).
 */
import { rmSync } from "node:fs";
import path from "node:path";

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

type Module = Parameters<NetworkConnection["ignition"]["deploy"]>[0];
type DeployOptions = NonNullable<Parameters<NetworkConnection["ignition"]["deploy"]>[1]>;

let journalCounter = 0;

/**
 * Deploys an Ignition module for a test, the demo, the benchmark or the local seed. On the in-process
 * network Ignition keeps no journal; on a separate local node it would keep one under deploy/deployments/
 * and, on the next fresh node, believe the contracts were still there. So each call gets its own
 * deployment id, and its journal is removed once the contracts are deployed (the seed records the
 * addresses in the address book; operators deploy with mg:deploy, which keeps its journal).
 */
export async function deployModule<M extends Module>(connection: NetworkConnection, module: M, options: DeployOptions) {
  if (connection.networkConfig.type === "edr-simulated") {
    return connection.ignition.deploy(module, { displayUi: false, ...options });
  }
  const chainId = (await connection.ethers.provider.getNetwork()).chainId;
  const deploymentId = `chain-${chainId}-local-${process.pid}-${Date.now()}-${++journalCounter}`;
  try {
    return await connection.ignition.deploy(module, { displayUi: false, ...options, deploymentId });
  } finally {
    rmSync(path.join(import.meta.dirname, "..", "..", "deploy", "deployments", deploymentId), {
      recursive: true,
      force: true,
    });
  }
}

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
  const deployed = await deployModule(connection, MilestoneGrantsModule, { defaultSender: owner.address });
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
  const { token } = await deployModule(connection, LocalDemoYuanModule, { defaultSender: deployer.address });
  return token as unknown as MockYuan;
}

/** Deploys an entity registry for one jurisdiction and grants REGISTRAR_ROLE to `registrar`. */
export async function deployRegistry(
  connection: NetworkConnection,
  admin: HardhatEthersSigner,
  registrar: string,
  walletChangeDelay: bigint,
): Promise<EntityRegistry> {
  const { registry: deployed } = await deployModule(connection, JurisdictionModule, {
    defaultSender: admin.address,
    parameters: { Jurisdiction: { admin: admin.address, walletChangeDelay } },
  });
  const registry = deployed as unknown as EntityRegistry;
  await (await registry.connect(admin).grantRole(await registry.REGISTRAR_ROLE(), registrar)).wait();
  return registry;
}
