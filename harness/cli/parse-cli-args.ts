import { parseArgs } from "node:util";
import { InvalidInputError } from "../support/errors.js";
import type { ImageMode } from "../images/index.js";
import type { Isolation } from "../runner/run-scenario.js";

export interface CliArgs {
  command: "run" | "validate" | "list" | "help";
  paths: string[];
  json: string | null;
  images: ImageMode;
  isolation: Isolation;
  concurrency: number;
  lessonsDir: string | null;
}

export const USAGE = `usage:
  dockproof run [paths…] [--json FILE] [--images auto|online|offline] [--isolation dind|host] [--concurrency N] [--lessons DIR]
  dockproof validate [paths…] [--lessons DIR]
  dockproof list [paths…] [--lessons DIR]
paths are scenario files or folders (default: scenarios/). Exit codes: 0 all passed (known issues allowed), 1 a scenario failed, 2 invalid input or usage.`;

const choice = <T extends string>(flag: string, value: string, allowed: readonly T[]): T => {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidInputError("E_USAGE", `--${flag}: expected one of ${allowed.join(", ")}, found "${value}"`);
};

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "string" },
        images: { type: "string", default: "auto" },
        isolation: { type: "string", default: "dind" },
        concurrency: { type: "string", default: "2" },
        lessons: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new InvalidInputError("E_USAGE", (error as Error).message, { cause: error });
  }
  const [command = "help", ...paths] = parsed.positionals;
  if (parsed.values.help || command === "help") return { command: "help", paths: [], json: null, images: "auto", isolation: "dind", concurrency: 1, lessonsDir: null };
  const concurrency = Number(parsed.values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new InvalidInputError("E_USAGE", `--concurrency: expected an integer 1-16, found "${parsed.values.concurrency}"`);
  }
  if (command !== "run" && command !== "validate" && command !== "list") {
    throw new InvalidInputError("E_USAGE", `expected a command run, validate or list, found "${command}"`);
  }
  return {
    command,
    paths,
    json: parsed.values.json ?? null,
    images: choice("images", parsed.values.images, ["auto", "online", "offline"] as const),
    isolation: choice("isolation", parsed.values.isolation, ["dind", "host"] as const),
    concurrency,
    lessonsDir: parsed.values.lessons ?? null,
  };
}
