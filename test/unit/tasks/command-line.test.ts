/**
 * The project's own check of an mg:* command line (tasks/hooks/command-line.ts), which answers before
 * Hardhat's parser would with HHE404 / HHE504 and no suggestion; and the mg:* help with value names.
 */
import { spawnSync } from "node:child_process";

import { expect } from "chai";
import hre from "hardhat";

import { commandLineProblem, globalOptionsOf, nearest, taskHelp } from "../../../tasks/hooks/command-line.js";

const tasks = hre.tasks.rootTasks;
const globals = globalOptionsOf(hre);
const problem = (line: string) => commandLineProblem(line.split(" "), tasks, globals);

describe("mg:* command lines checked by the project (tasks/hooks/command-line.ts)", function () {
  it("a mistyped task is answered with the nearest mg:* task, in both languages", function () {
    expect(problem("mg:awrd --from 2")).to.deep.equal({
      en: "There is no task mg:awrd; did you mean mg:award? (npx hardhat --help lists the mg:* tasks).",
      zh: "没有名为 mg:awrd 的任务；您是否要运行 mg:award？（npx hardhat --help 可列出全部 mg:* 任务）。",
    });
    expect(problem("mg:zzzzzzzz")?.en).to.equal(
      "There is no task mg:zzzzzzzz (npx hardhat --help lists the mg:* tasks).",
    );
  });

  it("a mistyped option is answered with the nearest option of that task; global options pass", function () {
    expect(problem("--network localhost mg:award --from 2 --milstones 1@2030-01-01")?.en).to.equal(
      "mg:award has no option --milstones; did you mean --milestones? (npx hardhat mg:award --help lists its options).",
    );
    expect(problem("mg:status --network localhost --grant 1 --json")).to.equal(null);
    expect(problem("mg:submit-votes --from 11 vote-8.json vote-9.json")).to.equal(null);
    expect(problem("mg:award --from=2 --milestones=1@2030-01-01")).to.equal(null);
  });

  it("an option without its value is named; short global options (-v) pass", function () {
    expect(problem("mg:status --grant")).to.deep.equal({
      en: "mg:status: --grant needs a value.",
      zh: "mg:status：--grant 需要一个值。",
    });
    expect(problem("mg:status -v --grant 1")).to.equal(null);
    expect(problem("mg:repay --grant 1 --amount --json")?.en).to.match(
      /^mg:repay: the value "--json" of --amount begins with "-"/,
    );
  });

  it("leaves every other command line to Hardhat (tests, scripts, built-in tasks)", function () {
    expect(problem("test mocha --grep x")).to.equal(null);
    expect(problem("run scripts/demo.ts")).to.equal(null);
    expect(commandLineProblem([], tasks, globals)).to.equal(null);
  });

  it("nearest suggests only close names", function () {
    expect(nearest("milstones", ["milestones", "from"])).to.equal("milestones");
    expect(nearest("xyz", ["milestones", "from"])).to.equal(null);
  });

  it("mg:* help names values (<text>, <number>, <file>) and states each default once", function () {
    const help = taskHelp(["mg:status", "--help"], tasks, globals)!;
    expect(help).to.include("Usage: npx hardhat [--network <name>] mg:status [--from <text>] [--grant <text>]");
    expect(help).to.not.include("STRING_WITHOUT_DEFAULT");
    expect(help).to.match(/--from +Signer: account index or address \(default: 0\)\n/);
    expect(help).to.match(/--grant +Grant id \(optional\)\n/);
    expect(taskHelp(["mg:status"], tasks, globals)).to.equal(null);
    // Only the task this line runs, and only before "--": never another command's help.
    expect(taskHelp("test mocha --grep mg:claim --help".split(" "), tasks, globals)).to.equal(null);
    expect(taskHelp("mg:export --out mg:claim -h".split(" "), tasks, globals)).to.match(/^mg:export — /);
    expect(taskHelp("mg:submit-votes -- --help".split(" "), tasks, globals)).to.equal(null);
  });

  it("is wired into the CLI: npx hardhat mg:awrd prints the suggestion and exits 1", function () {
    const run = spawnSync("npx", ["hardhat", "mg:awrd"], { encoding: "utf8" });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.include("Error: There is no task mg:awrd; did you mean mg:award?");
    expect(run.stderr).to.include("错误：没有名为 mg:awrd 的任务");
    expect(run.stderr).to.not.include("HHE");
  });
});
