/**
 * A check that failed on a name a compose file wrote — a host that does not resolve from a service's container because
 * `DB_HOST: mongoo` misspells the service — names the line of the compose file that writes it, and the lesson line
 * that line came from when the file is the lesson's own (`lessonFiles`). That is where the learner's fix goes.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { COMPOSE_FILE_NAMES, linesHolding, readComposeFile } from "../commands/compose-file.js";
import { parseTarget } from "../checks/target.js";
import { type LessonFilePlan, lessonLineOf } from "../scenario/plan.js";

export interface WrittenAt {
  /** `"mongoo" is written at docker-compose.yml line 11 (lesson line 40)`. */
  text: string;
  /** The lesson line, when the compose file is the lesson's text. */
  lessonLine: number | null;
}

/** The host a failed check was about, from its evidence: a name that did not resolve, a target's host. */
function hostOf(evidence: Record<string, unknown>): string | null {
  if (typeof evidence.name === "string" && evidence.resolved === false) return evidence.name;
  if (typeof evidence.target === "string" && evidence.reachable === false) {
    try {
      const host = parseTarget(evidence.target).host;
      return host === "localhost" || host === "127.0.0.1" ? null : host;
    } catch {
      return null;
    }
  }
  return null;
}

async function composeTexts(
  cwd: string,
  lessonFiles: readonly LessonFilePlan[],
): Promise<Array<{ file: string; text: string; plan: LessonFilePlan | null }>> {
  const fromLesson = lessonFiles.map((plan) => ({ file: path.posix.normalize(plan.path), text: plan.text, plan }));
  const named = new Set(fromLesson.map((entry) => entry.file));
  const onDisk = await Promise.all(
    COMPOSE_FILE_NAMES.filter((name) => !named.has(name)).map(async (name) => {
      const text = await readFile(path.join(cwd, name), "utf8").catch(() => null);
      return text === null ? [] : [{ file: name, text, plan: null }];
    }),
  );
  return [...fromLesson, ...onDisk.flat()].filter((entry) => {
    const compose = readComposeFile(entry.text);
    return compose.problem === null && compose.services.length > 0;
  });
}

export async function composeLineOf(
  evidence: Record<string, unknown>,
  cwd: string,
  lessonFiles: readonly LessonFilePlan[],
): Promise<WrittenAt | null> {
  const host = hostOf(evidence);
  if (host === null) return null;
  for (const entry of await composeTexts(cwd, lessonFiles)) {
    const [line] = linesHolding(readComposeFile(entry.text), host);
    if (line === undefined) continue;
    const lessonLine = entry.plan ? lessonLineOf(entry.plan, line) : null;
    const text = `${JSON.stringify(host)} is written at ${entry.file} line ${line}${lessonLine === null ? "" : ` (lesson line ${lessonLine})`}`;
    return { text, lessonLine };
  }
  return null;
}
