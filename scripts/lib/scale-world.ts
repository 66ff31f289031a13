/**
 * A program sized for scale measurements, set up through the operator tasks themselves (mg:deploy,
 * mg:create-program, mg:fund) on the network a Hardhat runtime is connected to, then filled with
 * grants by scripts/lib/scale-seed.ts. Shared by `npm run bench:scale` and the paging tests, so what the
 * tests count is what the benchmark measures.
 *
 * The program is the seed's Guiyang city policy (programs/guiyang-city-blockchain-2017.json) under its
 * own name; its grants are the innovation-talent award (500,000 yuan, no limit on the number of
 * awards), paid in two milestones. The budget is funded for exactly the grants asked for.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatYuan, parseYuan } from "../../core/money.js";
import type { TaskOutcome } from "../../tasks/runtime/args.js";
import { accountIndex } from "./accounts.js";
import { loadProgram } from "./programs.js";
import { seedGrants, type ScaleTarget, type SeedStats } from "./scale-seed.js";

/** The program file scale programs are created from, and the category their grants are in. */
export const SCALE_PROGRAM_FILE = "programs/guiyang-city-blockchain-2017.json";
export const SCALE_CATEGORY = "innovation-talent";

/** Runs a task with its printed output swallowed; its result, or an Error with its sentence. */
export async function quietTask(
  hre: HardhatRuntimeEnvironment,
  name: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { log, error } = console;
  console.log = () => {};
  console.error = () => {};
  let outcome: TaskOutcome<Record<string, unknown>>;
  try {
    outcome = (await hre.tasks.getTask(name).run({ json: true, ...args })) as TaskOutcome<Record<string, unknown>>;
  } finally {
    Object.assign(console, { log, error });
  }
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error}`);
  return outcome.result;
}

/** A scale program: its name in the address book and how to add grants to it. */
export interface ScaleProgram {
  name: string;
  address: string;
  target: ScaleTarget;
  /** The grant amount (the category's fixed amount), in token units. */
  grantUnits: bigint;
  /** Adds `count` grants (grantees numbered from `first`, unique per registry). */
  seed(first: number, count: number): Promise<SeedStats>;
}

/**
 * Deploys (or reuses) the suite and the guiyang registry, creates a program named `name` from
 * {@link SCALE_PROGRAM_FILE} and funds it for `grants` awards of the talent category.
 * @param hre the runtime whose network the tasks use (its cached connection)
 * @param name the program's name in the address book
 * @param grants how many grants the budget must hold
 */
export async function createScaleProgram(
  hre: HardhatRuntimeEnvironment,
  name: string,
  grants: number,
): Promise<ScaleProgram> {
  const deployed = await quietTask(hre, "mg:deploy", { registrar: String(accountIndex("registrar")) });
  const token = deployed.token as { decimals: number };
  const definition = loadProgram(SCALE_PROGRAM_FILE, token.decimals);
  const category = definition.categories.find((c) => c.key === SCALE_CATEGORY);
  if (category === undefined) throw new Error(`${SCALE_PROGRAM_FILE} has no category ${SCALE_CATEGORY}`);
  const created = await quietTask(hre, "mg:create-program", {
    file: SCALE_PROGRAM_FILE,
    name,
    managers: String(accountIndex("manager")),
    reviewers: (["reviewer1", "reviewer2", "reviewer3", "reviewer4"] as const)
      .map((k) => String(accountIndex(k)))
      .join(","),
    treasurer: String(accountIndex("treasurer")),
    guardian: String(accountIndex("guardian")),
    treasury: String(accountIndex("treasury")),
  });
  const grantUnits = parseYuan(category.amount, token.decimals);
  await quietTask(hre, "mg:fund", {
    program: name,
    from: String(accountIndex("treasurer")),
    amount: formatYuan(grantUnits * BigInt(grants), token.decimals),
    mint: true,
  });
  const connection = await hre.network.getOrCreate();
  const signers = await connection.ethers.getSigners();
  const registry = deployed.registry as string;
  // Two milestones, as the seed's awards are paid: half now-ish, the rest later (exact units).
  const firstHalf = grantUnits / 2n;
  const target: ScaleTarget = {
    provider: connection.provider,
    registry,
    program: created.address as string,
    registrar: signers[accountIndex("registrar")].address,
    manager: signers[accountIndex("manager")].address,
    categoryId: BigInt((created.categories as Record<string, number>)[SCALE_CATEGORY]),
    milestoneAmounts: [firstHalf, grantUnits - firstHalf],
  };
  return {
    name,
    address: target.program,
    target,
    grantUnits,
    seed: (first, count) => seedGrants(target, first, count),
  };
}
