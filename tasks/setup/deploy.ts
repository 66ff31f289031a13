/**
 * mg:deploy — deploys the suite with the Ignition modules of deploy/modules: MilestoneGrants (factory,
 * implementation v1, lens), Jurisdiction (one entity registry) and, on local chains only, the demo yuan.
 * Records the addresses in the chain's address book (deploy/addresses/<chainId>.json, or
 * <chainId>-<genesis>.json on a local node: see tasks/runtime/address-book.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import JurisdictionModule from "../../deploy/modules/Jurisdiction.js";
import LocalDemoYuanModule from "../../deploy/modules/LocalDemoYuan.js";
import MilestoneGrantsModule from "../../deploy/modules/MilestoneGrants.js";
import type { EntityRegistry, GrantProgramFactory, MockYuan } from "../../typechain-types/index.js";
import { DAY } from "../../scripts/lib/suite.js";
import { deploymentTag } from "../runtime/address-book.js";
import { builtEvmVersion, missingOpcodes, unsupportedBuildSentence } from "../runtime/chain-support.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { pickAddress, shownPath, type TaskEnv } from "../runtime/connection.js";
import type { Bilingual } from "../../core/messages/labels.js";
import { defineAction, line, type ResultOf, type SummaryLine } from "../runtime/output.js";
import { sent } from "../runtime/tx.js";

export interface DeployArgs extends CommonArgs {
  jurisdiction: string;
  token: string | undefined;
  walletChangeDelayDays: number;
  registrar: string | undefined;
}

async function hasCode(env: TaskEnv, address: string | undefined): Promise<boolean> {
  return address !== undefined && (await env.ethers.provider.getCode(address)) !== "0x";
}

/**
 * On a local node whose recorded contracts are gone (e.g. restarted with the same genesis), sets the old
 * book aside and forgets Ignition's journal; returns a line saying so, or null when nothing was stale.
 */
async function forgetStaleLocalDeployment(env: TaskEnv): Promise<Bilingual | null> {
  if (!env.local || env.inProcess) return null;
  let stale = env.staleContract !== null;
  const journal = path.join(
    env.hre.config.paths.ignition,
    "deployments",
    deploymentTag(env.identity),
    "deployed_addresses.json",
  );
  if (!stale && existsSync(journal)) {
    const recorded = Object.values(JSON.parse(readFileSync(journal, "utf8")) as Record<string, string>);
    for (const address of recorded) if (!(await hasCode(env, address))) stale = true;
  }
  if (!stale) return null;
  const setAside = env.resetLocalDeployment();
  return setAside === null
    ? line(
        `The Ignition journal of chain ${env.chainId} named contracts this node does not have: it was forgotten.`,
        `链 ${env.chainId} 的 Ignition 部署记录列出了本节点上不存在的合约：该记录已作废。`,
      )
    : line(
        `The recorded contracts are not on this node: the old address book was kept as ${shownPath(setAside)} and a fresh one started.`,
        `记录的合约不在本节点上：旧地址簿已另存为 ${shownPath(setAside)}，并已新建地址簿。`,
      );
}

const action = defineAction(
  "mg:deploy",
  async (args: DeployArgs, env) => {
    const lines: SummaryLine[] = [];
    const jurisdiction = args.jurisdiction.trim();
    if (!/^[a-z0-9-]+$/.test(jurisdiction)) {
      throw new TaskInputError(
        `--jurisdiction must be a short lower-case name such as "guiyang", not "${args.jurisdiction}".`,
        `--jurisdiction 必须是简短的小写名称（如“guiyang”），不能是“${args.jurisdiction}”。`,
      );
    }
    if (!Number.isSafeInteger(args.walletChangeDelayDays) || args.walletChangeDelayDays < 1) {
      throw new TaskInputError(
        `--wallet-change-delay-days must be a whole number of days, at least 1, not "${args.walletChangeDelayDays}".`,
        `--wallet-change-delay-days 必须是不少于 1 的整天数，不能是“${args.walletChangeDelayDays}”。`,
      );
    }
    if (!env.local && (args.token === undefined || args.token.trim() === "")) {
      throw new TaskInputError(
        "--token is required outside local chains: give the address of the yuan stablecoin.",
        "在本地链以外必须提供 --token：请给出人民币稳定币的合约地址。",
      );
    }
    // Before anything is sent: a build with opcodes the chain lacks would deploy and then fail on every call.
    const evmVersion = await builtEvmVersion(env.hre, "GrantProgram");
    const missing = await missingOpcodes(env.ethers.provider, evmVersion);
    if (missing.length > 0) {
      const sentence = unsupportedBuildSentence(env.chainId, evmVersion, missing);
      throw new TaskInputError(sentence.en, sentence.zh);
    }
    const forgotten = await forgetStaleLocalDeployment(env);
    if (forgotten !== null) lines.push(forgotten);
    const connection = await env.hre.network.getOrCreate();
    const ignition = connection.ignition;
    const from = env.signer.address;
    const chainTag = deploymentTag(env.identity);

    const book = env.book;
    // Re-running mg:deploy (e.g. for another jurisdiction) reuses what is recorded and still there.
    if (!(await hasCode(env, book.factory))) {
      const core = await ignition.deploy(MilestoneGrantsModule, { defaultSender: from, deploymentId: chainTag });
      const factory = core.factory as unknown as GrantProgramFactory;
      book.factory = await factory.getAddress();
      book.implementation = await core.implementation.getAddress();
      book.lens = await core.lens.getAddress();
      book.version = (await factory.latestVersion()).toString();
    }
    const factory = (await env.ethers.getContractAt(
      "GrantProgramFactory",
      book.factory ?? "",
    )) as unknown as GrantProgramFactory;
    book.factoryOwner = await factory.owner();

    if (args.token !== undefined && args.token.trim() !== "") {
      const address = pickAddress(env.signers, args.token, "--token");
      if (book.token !== undefined && book.token.address !== address && Object.keys(book.programs).length > 0) {
        throw new TaskInputError(
          `The programs recorded on this chain use token ${book.token.address}; a different --token needs a new address book.`,
          `本链已记录的资助项目使用代币 ${book.token.address}；更换 --token 需要新的地址簿。`,
        );
      }
      const token = (await env.ethers.getContractAt("MockYuan", address)) as unknown as MockYuan;
      book.token = { address, symbol: await token.symbol(), decimals: Number(await token.decimals()), demo: false };
    } else if (book.token === undefined || !(await hasCode(env, book.token.address))) {
      const { token } = await ignition.deploy(LocalDemoYuanModule, { defaultSender: from, deploymentId: chainTag });
      const demo = token as unknown as MockYuan;
      book.token = {
        address: await demo.getAddress(),
        symbol: await demo.symbol(),
        decimals: Number(await demo.decimals()),
        demo: true,
      };
    }

    const delay = BigInt(args.walletChangeDelayDays) * DAY;
    const recorded = book.registries[jurisdiction];
    let registry: EntityRegistry;
    if (recorded !== undefined && (await hasCode(env, recorded.address))) {
      registry = (await env.ethers.getContractAt(
        "EntityRegistry",
        recorded.address,
        env.signer,
      )) as unknown as EntityRegistry;
    } else {
      const { registry: deployedRegistry } = await ignition.deploy(JurisdictionModule, {
        defaultSender: from,
        // One Ignition deployment per jurisdiction, so each gets its own registry.
        deploymentId: `${chainTag}-jurisdiction-${jurisdiction}`,
        parameters: { Jurisdiction: { admin: from, walletChangeDelay: delay } },
      });
      registry = deployedRegistry as unknown as EntityRegistry;
    }
    book.registries[jurisdiction] = {
      address: await registry.getAddress(),
      walletChangeDelay: (await registry.walletChangeDelay()).toString(),
    };

    let registrar: string | null = null;
    if (args.registrar !== undefined && args.registrar.trim() !== "") {
      registrar = pickAddress(env.signers, args.registrar, "--registrar");
      const role = await registry.REGISTRAR_ROLE();
      if (!(await registry.hasRole(role, registrar))) {
        await sent(registry.connect(env.signer).grantRole(role, registrar));
      }
    }
    env.saveBook();

    const result = {
      network: env.networkName,
      chainId: env.chainId.toString(),
      factory: book.factory,
      factoryOwner: book.factoryOwner,
      implementation: book.implementation,
      version: book.version,
      lens: book.lens,
      token: book.token,
      jurisdiction,
      registry: book.registries[jurisdiction].address,
      registrar,
      /** The book's file; null on the in-process network (its book lives in memory). */
      addressBook: env.inProcess ? null : env.bookFile,
    };
    const delayDays = Number(book.registries[jurisdiction].walletChangeDelay) / 86400;
    lines.push(
      line(
        `Deployed Milestone Grants on ${env.networkName} (chain ${env.chainId}):`,
        `已在 ${env.networkName}（链 ${env.chainId}）上部署里程碑资助合约：`,
      ),
      line(
        `  factory         ${book.factory} (owner ${book.factoryOwner}; hand it to a multisig)`,
        `  工厂合约  ${book.factory}（所有者 ${book.factoryOwner}；请移交多签账户）`,
      ),
      line(
        `  implementation  ${book.implementation} (version ${book.version})`,
        `  实现合约  ${book.implementation}（版本 ${book.version}）`,
      ),
      line(`  lens            ${book.lens}`, `  查询合约  ${book.lens}`),
      line(
        `  token           ${book.token?.address} (${book.token?.symbol}, ${book.token?.decimals} decimals${book.token?.demo === true ? ", local demo token" : ""})`,
        `  代币      ${book.token?.address}（${book.token?.symbol}，${book.token?.decimals} 位小数${book.token?.demo === true ? "，本地演示代币" : ""}）`,
      ),
      line(
        `  registry        ${result.registry} (jurisdiction ${jurisdiction}, wallet change delay ${delayDays} days)`,
        `  登记册    ${result.registry}（辖区 ${jurisdiction}，收款钱包变更等待期 ${delayDays} 天）`,
      ),
    );
    if (registrar !== null) lines.push(line(`  registrar       ${registrar}`, `  登记员    ${registrar}`));
    lines.push(
      env.inProcess
        ? line(
            "The in-process network forgets everything when this command ends; use --network localhost to keep it.",
            "进程内网络在本命令结束后不保留任何数据；如需保留，请使用 --network localhost。",
          )
        : line(`Address book: ${shownPath(env.bookFile)}`, `地址簿：${shownPath(env.bookFile)}`),
    );
    return { result, lines };
  },
  // mg:deploy is what an operator runs when a local book's contracts are gone, so it may replace one.
  { build: true, replaceStaleLocalBook: true },
);

export default action;

/** What mg:deploy returns (and prints with --json, beside ok and task). */
export type DeployResult = ResultOf<typeof action>;
