/**
 * Runs an `mg:*` task as an operator would: its own `npx hardhat <task> --network <name> --json …`
 * process, its JSON answer parsed. Shared by `npm run e2e:node` and `npm run rehearse`. The task's
 * output is read while this process waits asynchronously (its event loop drains the pipe), and a task
 * prints one JSON object, so nothing blocks on a full pipe. Plain Node 22 (type stripping), no project
 * imports.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { ROOT, stopOnExit } from "./local-node.ts";

export type Json = Record<string, unknown>;

/** One task run: its exit code, its `--json` answer (empty when it printed none) and its raw output. */
export interface TaskRun {
  name: string;
  args: string[];
  code: number | null;
  json: Json;
  stdout: string;
  stderr: string;
  seconds: number;
}

const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

/**
 * Runs `hardhat <name> --network <network> --json <args>` and resolves with what it answered, whether
 * it succeeded or not (see {@link succeeded}).
 * @param global hardhat's global options, before the task (e.g. ["--build-profile", "production"])
 */
export function runTask(
  network: string,
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  global: string[] = [],
): Promise<TaskRun> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(NPX, ["hardhat", ...global, name, "--network", network, "--json", ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.on("close", (code) => {
      let json: Json = {};
      try {
        json = JSON.parse(stdout.slice(stdout.indexOf("{"))) as Json;
      } catch {
        // no JSON answer: the caller reports the raw output
      }
      resolve({ name, args, code, json, stdout, stderr, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

/** Whether a task run succeeded: exit code 0 and `"ok": true`. */
export function succeeded(run: TaskRun): boolean {
  return run.code === 0 && run.json.ok === true;
}

/** The error for a task that should have succeeded: its sentence, then its raw output. */
export function taskFailure(run: TaskRun): Error {
  return new Error(
    `${run.name} failed (exit ${run.code}): ${String(run.json.error ?? "")}\n${run.stdout}\n${run.stderr}`,
  );
}

/** A script's scratch space: see {@link scratchSpace}. */
export interface ScratchSpace {
  /** A fresh temporary folder for the run's files (address book, proposal files, evidence). */
  work: string;
  /** The env a task needs to use it: the book in `work`, the Ignition journal under the run's tag. */
  env: { MG_ADDRESS_BOOK_DIR: string; MG_DEPLOYMENT_TAG: string };
  /** Removes the folder and the journals. */
  remove(): void;
}

/**
 * A temporary folder and an Ignition deployment id (`tag`: deploy/deployments/<tag> and its
 * jurisdiction's) for one run, so a developer's own book and journals are never touched. Journals a
 * killed run left are removed now; everything is removed by `remove()` and on Ctrl-C.
 */
export function scratchSpace(prefix: string, tag: string): ScratchSpace {
  const work = mkdtempSync(path.join(tmpdir(), prefix));
  const removeJournals = () => {
    for (const dir of [tag, `${tag}-jurisdiction-guiyang`]) {
      rmSync(path.join(ROOT, "deploy", "deployments", dir), { recursive: true, force: true });
    }
  };
  const remove = () => {
    removeJournals();
    rmSync(work, { recursive: true, force: true });
  };
  removeJournals();
  stopOnExit(remove);
  return { work, env: { MG_ADDRESS_BOOK_DIR: path.join(work, "addresses"), MG_DEPLOYMENT_TAG: tag }, remove };
}

/**
 * Runs a script's body; whatever happens, `finish` runs after it (stop the node, remove the scratch
 * space). Resolves false, with the error's message printed, if the body threw.
 */
export async function settle(body: () => Promise<void>, finish: () => void): Promise<boolean> {
  try {
    await body();
    return true;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return false;
  } finally {
    finish();
  }
}
