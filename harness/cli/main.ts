/**
 * The CLI's entry. Only argument parsing is loaded up front; each command's module is imported when that command
 * runs, so `--help`, `validate`, `list`, `coverage`, `status` and `scaffold` never load the runner or the Docker
 * clients (cli-imports.test.ts holds this).
 */
import { resolve } from "node:path";
import { EXIT, stopExitCode, stopMessage } from "../report/exit-code.js";
import { InvalidInputError } from "../support/errors.js";
import { defaultLessonsDir, defaultScenariosDir } from "../support/paths.js";
import { parseCliArgs, USAGE, type CliArgs } from "./parse-cli-args.js";

export { EXIT } from "../report/exit-code.js";

async function run(args: CliArgs): Promise<number> {
  if (args.command === "diff") {
    const { diffCommand } = await import("./diff-command.js");
    return diffCommand(args.paths[0] ?? "", args.paths[1] ?? "");
  }
  const paths = args.paths.length > 0 ? args.paths : [defaultScenariosDir];
  const lessonsDir = args.lessonsDir ? resolve(args.lessonsDir) : defaultLessonsDir();
  switch (args.command) {
    case "fix":
      return (await import("./fix-command.js")).fixCommand(paths, lessonsDir);
    case "engines":
      return (await import("./engines-command.js")).enginesCommand();
    case "scaffold":
      return (await import("./scaffold-command.js")).scaffoldCommand({
        lessonFile: args.paths[0] ?? "",
        lessonsDir,
        section: args.section,
        out: args.out,
      });
    case "coverage":
      return (await import("./coverage-command.js")).coverageCommand({
        paths,
        lessonsDir,
        json: args.json,
        report: args.report,
        strict: args.strict,
      });
    case "status": {
      const [{ selectEngines }, { resultEngines, statusCommand }] = await Promise.all([
        import("../images/engines.js"),
        import("./status-command.js"),
      ]);
      const engines = resultEngines(args.isolation, selectEngines(args.engines ?? process.env.DOCKPROOF_ENGINES));
      return statusCommand({ paths, lessonsDir, baseline: args.baseline, json: args.json, engines });
    }
    case "validate":
    case "list":
      return (await import("./load-command.js")).loadCommand(args.command, paths, lessonsDir);
    default:
      return (await import("./run-command.js")).runCommand(args, paths, lessonsDir);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === "help") {
      process.stdout.write(`${USAGE}\n`);
      return EXIT.passed;
    }
    return await run(args);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      process.stderr.write(`dockproof: ${error.message}\n${error.code === "E_USAGE" ? `${USAGE}\n` : ""}`);
      return EXIT.invalid;
    }
    // Whatever stops dockproof outside a verdict (preparing the engine or images) is this machine's, or a bug: 3, never 1.
    process.stderr.write(stopMessage(error));
    return stopExitCode(error);
  }
}
