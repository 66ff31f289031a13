/**
 * mg:create-program — creates a program from its file (programs/*.json): clone + initialise, authorise
 * it on the jurisdiction's registry, add its categories; records it in the address book by name.
 */
import path from "node:path";

import type { EntityRegistry, IGrantProgram, GrantProgramLens, MockYuan } from "../../typechain-types/index.js";
import { formatYuan, parseYuan } from "../../core/money.js";
import { formatBeijing } from "../../core/messages/labels.js";
import { formatTimestamp, startOfDayBeijing } from "../../core/time.js";
import { loadProgram, type ProgramDefinition } from "../../scripts/lib/programs.js";
import { createProgramFromDefinition, DAY } from "../../scripts/lib/suite.js";
import { requireText, TaskInputError, type CommonArgs } from "../runtime/args.js";
import { pickAddress, pickAddresses, pickSigner, type TaskEnv } from "../runtime/connection.js";
import { bookFactory, bookRegistry, bookToken } from "../runtime/resolution.js";
import { defineAction, line, table, type ResultOf } from "../runtime/output.js";

export interface CreateProgramArgs extends CommonArgs {
  file: string | undefined;
  name: string | undefined;
  admin: string | undefined;
  registryAdmin: string | undefined;
  managers: string | undefined;
  reviewers: string | undefined;
  treasurer: string | undefined;
  guardian: string | undefined;
  treasury: string | undefined;
  opensAt: string | undefined;
}

const action = defineAction("mg:create-program", async (args: CreateProgramArgs, env) => {
  const file = requireText(args.file, "--file", {
    en: "the program file, e.g. programs/guiyang-htz-blockchain-2017.json",
    zh: "项目定义文件，如 programs/guiyang-htz-blockchain-2017.json",
  });
  const { token, entry: tokenEntry } = await bookToken(env);
  const definition = loadProgram(file, tokenEntry.decimals);
  const name = args.name?.trim() || path.basename(file).replace(/\.json$/, "");
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new TaskInputError(
      `--name "${name}" must be letters, digits, dots, dashes or underscores.`,
      `--name“${name}”只能由字母、数字、点、连字符或下划线组成。`,
    );
  }
  const known = env.book.programs[name];
  if (known !== undefined) {
    throw new TaskInputError(
      `A program named "${name}" is already recorded at ${known.address}; choose another --name.`,
      `名为“${name}”的资助项目已记录在 ${known.address}；请另选 --name。`,
    );
  }
  await requireSamePublishedFile(env, file, definition);
  const { registry, name: jurisdiction } = await bookRegistry(env, definition.jurisdiction);
  const admin =
    args.admin === undefined || args.admin.trim() === "" ? env.signer : pickSigner(env.signers, args.admin, "--admin");
  const registryAdmin =
    args.registryAdmin === undefined || args.registryAdmin.trim() === ""
      ? env.signer
      : pickSigner(env.signers, args.registryAdmin, "--registry-admin");
  const roles = {
    admin,
    managers: pickAddresses(env.signers, args.managers, "--managers"),
    reviewers: pickAddresses(env.signers, args.reviewers, "--reviewers"),
    treasurer: pickAddress(env.signers, args.treasurer, "--treasurer"),
    guardian: pickAddress(env.signers, args.guardian, "--guardian"),
    treasury: pickAddress(env.signers, args.treasury, "--treasury"),
  };
  if (roles.reviewers.length < definition.quorum) {
    throw new TaskInputError(
      `${file}: the quorum is ${definition.quorum} but --reviewers names only ${roles.reviewers.length} reviewer(s).`,
      `${file}：法定人数为 ${definition.quorum}，但 --reviewers 只列出了 ${roles.reviewers.length} 名评审专家。`,
    );
  }
  const now = BigInt(await env.time.latest());
  const opensAt =
    args.opensAt === undefined || args.opensAt.trim() === "" || args.opensAt.trim() === "now"
      ? now
      : startOfDayBeijing(args.opensAt, "--opens-at");

  const factory = await bookFactory(env);
  const core = { token: token as MockYuan, factory, version: BigInt(env.book.version ?? "1") };
  const created = await createProgramFromDefinition(
    env.ethers,
    core,
    registry as EntityRegistry,
    registryAdmin,
    definition,
    roles,
    opensAt,
  );
  const address = await created.program.getAddress();
  const categories: Record<string, number> = {};
  for (const [key, id] of created.categoryIds) categories[key] = Number(id);
  env.book.programs[name] = {
    address,
    title: definition.name,
    titleZh: definition.nameZh,
    file,
    jurisdiction,
    categories,
    createdAtBlock: created.receipt.blockNumber,
  };
  env.saveBook();

  const closesAt = opensAt + BigInt(definition.applicationWindowDays) * DAY;
  const d = tokenEntry.decimals;
  const result = {
    name,
    address,
    title: definition.name,
    jurisdiction,
    registry: await registry.getAddress(),
    admin: admin.address,
    managers: roles.managers,
    reviewers: roles.reviewers,
    treasurer: roles.treasurer,
    guardian: roles.guardian,
    treasury: roles.treasury,
    quorum: definition.quorum,
    noticePeriodDays: definition.noticePeriodDays,
    windowOpensAt: opensAt.toString(),
    windowClosesAt: closesAt.toString(),
    budget: formatYuan(parseYuan(definition.budget, d), d),
    categories,
    block: created.receipt.blockNumber,
  };
  return {
    result,
    lines: [
      line(
        `Created "${definition.name}" as ${name} at ${address} (block ${created.receipt.blockNumber}).`,
        `已创建资助项目“${definition.nameZh}”，名称 ${name}，地址 ${address}（区块 ${created.receipt.blockNumber}）。`,
      ),
      line(`  ${definition.nameZh}`, `  ${definition.name}`),
      line(
        `  jurisdiction ${jurisdiction}, registry ${result.registry} (program authorised to record awards)`,
        `  辖区 ${jurisdiction}，登记册 ${result.registry}（已授权本项目登记资助）`,
      ),
      line(
        `  admin ${admin.address}; managers ${roles.managers.join(", ")}; treasurer ${roles.treasurer}; guardian ${roles.guardian}`,
        `  管理员 ${admin.address}；项目经办 ${roles.managers.join("、")}；财务 ${roles.treasurer}；应急暂停 ${roles.guardian}`,
      ),
      line(
        `  treasury (only destination of withdrawals) ${roles.treasury}`,
        `  财政账户（提取资金的唯一去向） ${roles.treasury}`,
      ),
      line(
        `  committee: ${roles.reviewers.length} reviewers, quorum ${definition.quorum}; public notice ${definition.noticePeriodDays} days; upheld objection → ${definition.upheldObjection}`,
        `  评审委员会：评审专家 ${roles.reviewers.length} 名，法定票数 ${definition.quorum}；公示期 ${definition.noticePeriodDays} 天；异议成立时${definition.upheldObjection === "cancel" ? "取消该里程碑" : "退回重新提交材料"}`,
      ),
      line(
        `  application window ${formatTimestamp(opensAt)} to ${formatTimestamp(closesAt)}`,
        `  申报期 ${formatBeijing(opensAt, "zh")} 至 ${formatBeijing(closesAt, "zh")}`,
      ),
      line(
        `  budget in the file: ${result.budget} yuan (fund it with mg:fund)`,
        `  文件所列预算：${result.budget} 元（用 mg:fund 拨入资金）`,
      ),
      table(
        {
          id: { en: "id", zh: "编号" },
          key: { en: "key", zh: "类别键" },
          label: { en: "label", zh: "类别" },
          mode: { en: "mode", zh: "方式" },
          amount: { en: "amount", zh: "金额（元）" },
        },
        definition.categories.map((c) => ({
          id: categories[c.key],
          key: c.key,
          label: c.label,
          mode: c.mode === "fixed" ? { en: "fixed", zh: "定额" } : { en: c.mode, zh: "限额" },
          amount: formatYuan(parseYuan(c.amount, d), d),
        })),
      ),
    ],
  };
});

/**
 * A program file already used for a program on this chain (the same file, or a file of the same published
 * name) must be the bytes that program recorded on chain: the rules of a published program cannot change
 * under it. A changed policy is a new program, with a new name in its file.
 */
async function requireSamePublishedFile(env: TaskEnv, file: string, definition: ProgramDefinition): Promise<void> {
  // Imported lazily so the tasks load before the first compile (see tasks/runtime/resolution.ts).
  const { programAt } = await import("../../core/program-abi.js");
  for (const [recordedName, entry] of Object.entries(env.book.programs)) {
    if (entry.title !== definition.name && path.resolve(entry.file) !== path.resolve(file)) continue;
    const recorded = await programAt(entry.address, env.signer).programFileHash();
    if (recorded === definition.fileHash) continue;
    throw new TaskInputError(
      `${file} is not the file program ${recordedName} (${entry.address}) was created from: the hash recorded there is ${recorded}, this file's is ${definition.fileHash}. A published program's rules cannot change under it: restore the published file, or give the changed policy a new "name" in its own file.`,
      `${file} 与资助项目 ${recordedName}（${entry.address}）创建时所用文件不一致：链上记录的哈希为 ${recorded}，本文件为 ${definition.fileHash}。已公布项目的规则不得更改：请恢复已公布的文件，或为修改后的政策另写文件并另起“name”。`,
    );
  }
}

export default action;

/** What mg:create-program returns (and prints with --json, beside ok and task). */
export type CreateProgramResult = ResultOf<typeof action>;
