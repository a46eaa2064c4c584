import { DEFAULT_ENGINE, ENGINES } from "../images/engines.js";
import { EXIT } from "../report/exit-code.js";

/** `dockproof engines`: the engines a run can use, the default first. */
export function enginesCommand(): number {
  for (const engine of ENGINES) {
    process.stdout.write(`${engine.name}${engine === DEFAULT_ENGINE ? " (default)" : ""}\t${engine.onlineRef}\t${engine.description}\n`);
  }
  return EXIT.passed;
}
