/** The steps a draft writes for a lesson command: the command itself, and a capture for each placeholder it uses. */
import type { CommandFacts } from "./command-facts.js";
import { type DraftStep, lessonWords } from "./scaffold-words.js";

const FOREGROUND =
  "The lesson leaves this in the foreground (no -d): it runs as in a learner's second terminal. TODO: add a readiness check " +
  "(mongo-ready or reachable, with eventually) before the steps that need it; drop `background` if it returns by itself.";
const NO_APP =
  "TODO: set `workdir:` to the app the lesson has the learner clone (a fixture folder with its Dockerfile); " +
  "without one the build runs in an empty folder.";
const CLONE_COMMAND = /^(git\s+clone|cd)\b/;

/**
 * `run: { lesson: N }`, named by the prose line that labels it (else by its own text), with what the author must
 * settle. `composeBuilds`: the services a compose command builds from the draft's compose files.
 */
export function runStepOf(facts: CommandFacts, label: string | undefined, hasDockerfile: boolean, composeBuilds: readonly string[] = []): DraftStep {
  const fields: Record<string, unknown> = { name: lessonWords(label || facts.text), run: { lesson: facts.line } };
  const comment: string[] = [];
  if (facts.unrunnable)
    comment.push(
      `TODO: dockproof does not run this line (${lessonWords(facts.unrunnable)}), so its claim stays unverified: ` +
        "waive the line, or show the claim with commands it runs.",
    );
  if (facts.shell) {
    fields.shell = true;
    comment.push(
      `The line needs a shell (${lessonWords(facts.shell.replace(/^commands run without a shell, so /, "").replace(/ is not supported;.*$/, ""))}): it runs as typed, in the learner's shell.`,
    );
  }
  if (facts.foreground) {
    fields.background = true;
    comment.push(FOREGROUND);
  }
  if (facts.builds !== undefined || composeBuilds.length > 0) {
    fields.timeout = "5m";
    if (composeBuilds.length > 0) comment.push(`Compose builds ${composeBuilds.join(", ")} from the compose file's \`build:\`.`);
    if (!hasDockerfile) comment.push(NO_APP);
  }
  if (CLONE_COMMAND.test(facts.text))
    comment.push("TODO: a clone is the scenario's `workdir:` (a fixture folder); waive this line (saying so) rather than run it.");
  return { fields, comment };
}

function containerNote(started: readonly CommandFacts[]): string {
  const describe = (run: CommandFacts) => `line ${run.line}${run.run?.name ? ` (--name ${run.run.name})` : ""}`;
  const last = started.at(-1);
  if (!last) return "no command of this section starts one before it, so it is one an earlier section left running.";
  const earlier = started.slice(0, -1).reverse();
  return [
    `docker ps --latest lists the last one started: ${describe(last)}`,
    last.foreground ? ", still starting in the background (add a readiness check before this step)" : "",
    earlier.length ? `; started before it: ${earlier.map(describe).join(", ")} (\`--filter name=^NAME$\` picks one by name)` : "",
    ".",
  ].join("");
}

/** A step capturing `name` before `facts` uses it: the container a learner would look up, or a value to fill in. */
export function variableCapture(name: string, facts: CommandFacts, started: readonly CommandFacts[]): DraftStep {
  const uses = `line ${facts.line}'s <${name}>`;
  if (/container/i.test(name)) {
    const byName = /name/i.test(name);
    return {
      fields: {
        name: `find ${uses}, as a learner would with docker ps`,
        run: byName ? 'docker ps --latest --format "{{.Names}}"' : "docker ps --latest --quiet",
        capture: name,
        ...(byName ? {} : { expect: { stdout: { matches: "^[0-9a-f]{12}$" } } }),
      },
      comment: [`TODO: check this finds the container line ${facts.line} means: ${containerNote(started)}`],
    };
  }
  return {
    fields: { name: `TODO: the value of ${uses}`, run: `echo TODO: a command printing ${name}`, capture: name },
    comment: [`TODO: replace with a command that prints the value line ${facts.line} calls <${name}>; \${${name}} is its trimmed output.`],
  };
}
