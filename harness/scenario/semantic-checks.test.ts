import { describe, expect, it } from "vitest";
import { lessonCommand } from "./lesson-checks.js";
import { readStepFacts } from "./step-facts.js";
import { checkVariables } from "./variable-checks.js";
import { stepKindProblems } from "./zod-problems.js";

const lineOf = (path: ReadonlyArray<string | number>) => 10 + Number(path[1]);
/** Steps read without a lesson (no `run: { lesson: N }`). */
const factsOf = (root: unknown) => readStepFacts(root, { lines: new Map(), changes: [], problems: [], notes: [] });

describe("lessonCommand", () => {
  it("writes lesson <placeholders> as ${placeholders}", () => {
    expect(lessonCommand("  docker logs <container_id>  ")).toBe("docker logs ${container_id}");
    expect(lessonCommand("docker network create my_custom_network")).toBe("docker network create my_custom_network");
  });

  it("leaves HTML in a command as written: a tag closed later in the line, or a void tag, is markup", () => {
    expect(lessonCommand('echo "<h1>Hello</h1>" > site/index.html')).toBe('echo "<h1>Hello</h1>" > site/index.html');
    expect(lessonCommand('echo "line<br>next" > site/index.html')).toBe('echo "line<br>next" > site/index.html');
    // The twin: the same name unclosed is the lesson's placeholder.
    expect(lessonCommand("docker logs <h1>")).toBe("docker logs ${h1}");
  });
});

describe("readStepFacts", () => {
  it("parses commands and unions published ports across steps", () => {
    const facts = factsOf({
      steps: [{ run: "docker run -p 3000:3000 a" }, { check: "x" }, { run: "docker run -p 27017:27017 -p 3000:3000 b" }, { run: "echo a | b" }],
    });
    expect(facts.publishedPorts).toEqual([3000, 27017]);
    expect(facts.steps.map((step) => step.command !== null)).toEqual([true, false, true, false]);
    expect(facts.problems).toEqual([expect.objectContaining({ path: ["steps", 3, "run"], code: "E_COMMAND_SYNTAX" })]);
  });

  it("refuses a literal host path in a shell line, as in a line without one; a path the shell gives is let through", () => {
    const refused = factsOf({ steps: [{ run: "docker run -v /etc:/host-etc alpine ls /host-etc > out.txt", shell: true }] });
    expect(refused.problems).toEqual([expect.objectContaining({ path: ["steps", 0, "run"], code: "E_COMMAND_SYNTAX" })]);
    expect(refused.problems[0]?.message).toMatch(/host/);
    // The twin: the learner's own folder, known only when the shell runs it.
    const allowed = factsOf({ steps: [{ run: "docker run -v $(pwd)/site:/usr/share/nginx/html nginx > out.txt", shell: true }] });
    expect(allowed.problems).toEqual([]);
  });
});

describe("checkVariables", () => {
  it("treats a capture in the same step as later, and an earlier one as fine", () => {
    const root = {
      steps: [
        { run: "x" },
        { run: "y", capture: "id", expect: { stdout: { contains: "${id}" } } },
        { check: "logs-contain", container: "${id}", text: "${id}" },
      ],
    };
    expect(checkVariables(root, factsOf(root).steps, lineOf)).toEqual([
      {
        path: ["steps", 1, "expect", "stdout", "contains"],
        code: "E_UNDEFINED_VARIABLE",
        message: "`${id}` is used at line 11 but first captured at line 11 (later)",
      },
    ]);
  });

  it("ignores single-quoted references in commands", () => {
    const root = { steps: [{ run: "echo '${literal}'" }] };
    expect(checkVariables(root, factsOf(root).steps, lineOf)).toEqual([]);
  });
});

describe("stepKindProblems", () => {
  it("reports steps that are neither or both kinds, once each", () => {
    const problems = stepKindProblems({ steps: [{ run: "x" }, { run: "x", check: "resolves" }, {}, "text"] });
    expect(problems.map((p) => [p.path.join("."), p.atKey ?? false])).toEqual([
      ["steps.1.check", true],
      ["steps.2", false],
      ["steps.3", false],
    ]);
    expect(problems[1]?.message).toMatch(/found an empty mapping/);
  });
});
