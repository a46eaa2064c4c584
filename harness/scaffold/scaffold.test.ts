import { describe, expect, it } from "vitest";
import { Document, parse, parseDocument } from "yaml";
import type { PlanStep } from "../scenario/plan.js";
import { defaultLessonsDir } from "../support/paths.js";
import { readLessonFile } from "../lesson/lesson-file.js";
import { ScaffoldError, scaffoldScenario } from "./scaffold.js";
import { lessonsWith, loadDraft as load } from "./test-support/load-draft.js";

const LESSON = "docker-layers-volumes-networks.txt";
const seed = readLessonFile(defaultLessonsDir(), LESSON).lines ?? [];

const runs = (steps: readonly PlanStep[]) => steps.flatMap((step) => ("fromLesson" in step && step.fromLesson ? [step.fromLesson.line] : []));
const stepRunning = (steps: readonly PlanStep[], line: number) => steps.findIndex((step) => "fromLesson" in step && step.fromLesson?.line === line);

describe("scaffoldScenario", () => {
  const volumes = scaffoldScenario({ lessonFile: LESSON, lines: seed, section: "With volumes ->" });

  it("With volumes ->: validates as drafted, runs lines 91, 95, 101, 105, and captures <container_id> before 101", async () => {
    const { scenario, problems } = await load(volumes);
    expect(problems).toEqual([]);
    const steps = scenario?.plan.steps ?? [];
    expect(scenario?.scenario.lesson).toEqual({ file: LESSON, section: "With volumes ->", lines: [87, 107] });
    expect(scenario?.scenario.images).toEqual(["mongo"]);
    expect(runs(steps)).toEqual([91, 95, 101, 105]);
    const background = steps
      .filter((step) => step.kind === "run" && step.spec.background)
      .map((step) => ("fromLesson" in step ? step.fromLesson?.line : null));
    expect(background).toEqual([95, 105]);
    const capture = steps.findIndex((step) => step.kind === "run" && step.spec.capture === "container_id");
    expect(capture).toBeGreaterThan(stepRunning(steps, 95));
    expect(capture).toBeLessThan(stepRunning(steps, 101));
    expect(steps[capture]).toMatchObject({ commandText: "docker ps --latest --quiet" });
    // Line 107 is a claim: drafted as one to prove (a comment), never waived; line 97 is a step without a command.
    expect(scenario?.scenario.waives?.map((waiver) => waiver.line)).toEqual([97]);
    expect(scenario?.scenario.lessonFiles).toBeUndefined();
  });

  it("says in comments what the author must settle, at the place it arises", () => {
    expect(volumes).toMatch(/^# yaml-language-server: \$schema=\.\.\/scenario\.schema\.json\n/);
    expect(volumes).toContain('name: "TODO: With volumes"');
    expect(volumes.replace(/\n\s+# /g, " ")).toMatch(
      /TODO: check this finds the container line 101 means: .*line 95, still starting in the background/,
    );
    expect(volumes).toMatch(/# The lesson leaves this in the foreground \(no -d\)/);
    expect(volumes).toMatch(
      / {2}# Line 97, a step without a command \(waived above\): Open it in MongoDB Compass and add some data to it\n {2}- name: find/,
    );
    expect(volumes.replace(/\n\s+# /g, " ")).toMatch(
      /Line 107 claims: Try to explore .*TODO: prove it with a check that has `claims: 107` \(or waive it with a reason\)\./,
    );
    // Comments are wrapped: only a waiver's reason (a YAML string) runs longer than 110 columns.
    expect(volumes.split("\n").filter((line) => line.length > 110 && !line.includes("reason:"))).toEqual([]);
  });

  it("the capture is what makes it valid: without that step the draft fails on the uncaptured ${container_id}", async () => {
    const doc = parseDocument(volumes);
    const steps = doc.get("steps") as { items: Array<{ get(key: string): unknown }>; delete(index: number): boolean };
    const index = steps.items.findIndex((item) => item.get("capture") === "container_id");
    expect(index).toBeGreaterThan(0);
    steps.delete(index);
    const { problems } = await load(doc.toString());
    expect(problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/\$\{container_id\}.*never captured/)]);
  });

  it("How to make containers talk to each other ->: validates, builds with a 5m timeout, looks up the container for docker logs", async () => {
    const text = scaffoldScenario({ lessonFile: LESSON, lines: seed, section: "How to make containers talk to each other ->" });
    const { scenario, problems } = await load(text);
    expect(problems).toEqual([]);
    const steps = scenario?.plan.steps ?? [];
    expect(runs(steps)).toEqual([127, 131, 135, 139, 143]);
    expect(steps.some((step) => step.kind === "run" && step.spec.background)).toBe(false); // every docker run there has -d
    expect(steps[stepRunning(steps, 127)]).toMatchObject({ spec: { timeoutMs: 300_000 } });
    expect(stepRunning(steps, 143) - 1).toBe(steps.findIndex((step) => step.kind === "run" && step.spec.capture === "container_id"));
    expect(scenario?.scenario.waives?.map((waiver) => waiver.line)).toEqual([121, 123]);
    expect(text.replace(/\n\s+# /g, " ")).toMatch(/Line 146 claims: 1\. Try to visit an endpoint .*`claims: 146`/);
    expect(scenario?.scenario.waives?.[1]?.reason).toMatch(/workdir/);
    expect(text.replace(/\n\s+# /g, " ")).toMatch(/line 139 \(--name mongo\); started before it: line 135 \(--name backend\)/);
    expect(text).toMatch(/TODO: set `workdir:`/);
  });

  it("a section with a Dockerfile block gets it as lessonFiles, a build of it, and the images its FROM lines name", async () => {
    const lesson = [
      "Build an image ->",
      "",
      "Write this Dockerfile",
      "",
      "FROM --platform=linux/amd64 python:3.12 AS deps",
      "RUN pip install flask",
      "FROM deps",
      "FROM node:20",
      "COPY . .",
      'CMD ["node", "index.js"]',
      "",
      "Then build it",
      "",
      "docker build -t my_app .",
      "",
      "docker run -d -p 3000:3000 my_app",
      "",
      "Visit localhost:3000 and see the page",
    ];
    const dir = await lessonsWith("build.txt", lesson);
    const text = scaffoldScenario({ lessonFile: "build.txt", lines: lesson });
    const { scenario, problems } = await load(text, dir);
    expect(problems).toEqual([]);
    expect(scenario?.scenario.lessonFiles).toEqual([{ path: "Dockerfile", lines: [5, 10] }]);
    expect(scenario?.scenario.images).toEqual(["node:20", "python:3.12"]); // my_app is built here; python:3.12 has no substitute
    expect(text).toMatch(/TODO: the lesson also names python:3\.12 \(line 5\), which dockproof does not know/);
    expect(text).not.toMatch(/names.*\bdeps\b/); // a stage of the same Dockerfile is not an image to supply
    expect(runs(scenario?.plan.steps ?? [])).toEqual([14, 16]);
    // "Visit localhost:3000 and see the page" claims what the page shows: a claim to prove, not a waiver.
    expect(scenario?.scenario.waives).toBeUndefined();
    expect(text).toMatch(/# Line 18 claims: Visit localhost:3000 and see the page/);
  });

  it("a Dockerfile the section never builds gets the lesson's own build, and a placeholder other than a container gets a value to fill in", async () => {
    const text = scaffoldScenario({ lessonFile: LESSON, lines: seed, section: "Optimising Dockerfile ->" });
    const { scenario, problems } = await load(text);
    expect(problems).toEqual([]);
    expect(scenario?.scenario.lessonFiles).toEqual([{ path: "Dockerfile", lines: [26, 41] }]);
    expect(runs(scenario?.plan.steps ?? [])).toEqual([127]);
    expect(text).toMatch(/TODO: its COPY\/ADD lines need the app they copy/);
    const plain = ["Images ->", "", "FROM node:20", 'RUN echo "no app needed"'];
    const built = await load(scaffoldScenario({ lessonFile: "plain.txt", lines: plain }), await lessonsWith("plain.txt", plain));
    expect(built.problems).toEqual([]);
    expect(built.scenario?.plan.steps[0]).toMatchObject({
      commandText: "docker build -f Dockerfile -t lesson_image_1 .",
      spec: { timeoutMs: 300_000 },
    });
    expect(scaffoldScenario({ lessonFile: "plain.txt", lines: plain })).not.toMatch(/COPY\/ADD/);
    const lines = ["Networks ->", "", "docker network inspect <network_name>"];
    const dir = await lessonsWith("networks.txt", lines);
    const network = scaffoldScenario({ lessonFile: "networks.txt", lines });
    const loaded = await load(network, dir);
    expect(loaded.problems).toEqual([]);
    expect(loaded.scenario?.plan.steps[0]).toMatchObject({
      spec: { capture: "network_name" },
      commandText: "echo TODO: a command printing network_name",
    });
    expect(network).toMatch(/# TODO: replace with a command that prints the value line 3 calls <network_name>/);
  });

  it("a claim naming an address or a connection string gets a check taking that value from its line; one naming none, a comment", async () => {
    const lines = [
      "Serving ->",
      "",
      "docker run -d --name web -p 8080:80 nginx",
      "",
      "Open http://localhost:8080/index.html and you will see the page.",
      "",
      "The page stays up after a restart.",
    ];
    const dir = await lessonsWith("serving.txt", lines);
    const text = scaffoldScenario({ lessonFile: "serving.txt", lines });
    const { scenario, problems } = await load(text, dir);
    expect(problems).toEqual([]);
    const check = scenario?.plan.steps.find((step) => step.kind === "check");
    expect(check).toMatchObject({
      claims: [{ line: 5, role: "proves" }],
      values: [{ field: "target", line: 5, value: "http://localhost:8080/index.html" }],
    });
    expect(check?.kind === "check" && check.spec.check).toBe("reachable");
    expect(text.replace(/\n\s*# /g, " ")).toMatch(
      /Line 7 claims: The page stays up after a restart\. TODO: prove it with a check that has `claims: 7`/,
    );
    // The twin: nothing is waived, so `coverage --strict` shows line 7 until a check proves it.
    expect(scenario?.scenario.waives).toBeUndefined();
  });

  it("a lesson line that needs a shell runs as typed with shell: true; one that no shell would run either stays a TODO", async () => {
    const lines = [
      "Pages ->",
      "",
      "echo hello > site/index.html",
      "",
      "docker run -d --name web -p 8080:80 -v ./site:/usr/share/nginx/html nginx",
      "",
      "docker inspect ${not a name}",
    ];
    const dir = await lessonsWith("pages.txt", lines);
    const text = scaffoldScenario({ lessonFile: "pages.txt", lines });
    const { scenario, problems } = await load(text, dir);
    expect(problems).toEqual([]);
    const echo = scenario?.plan.steps.find((step) => step.kind === "run" && step.runsLesson === 3);
    expect(echo?.kind === "run" && echo.spec.shell).toBe(true);
    expect(text.replace(/\n\s*# /g, " ")).toMatch(
      /The line needs a shell \(a redirection \(found `>`\)\): it runs as typed, in the learner's shell\./,
    );
    // The twin: a substitution no shell reads as a name is not run, and the draft says so.
    const inspect = scenario?.plan.steps.find((step) => step.kind === "run" && step.runsLesson === 7);
    expect(inspect?.kind === "run" && inspect.spec.shell).toBe(false);
    expect(text).toMatch(/TODO: dockproof does not run this line/);
  });

  it("a claim that an address does not answer is drafted as unreachable; the twin that it answers, as reachable", async () => {
    const lines = ["Cleaning up ->", "", "docker rm -f web", "", "After this, nothing answers on http://localhost:8080 any more."];
    const dir = await lessonsWith("cleanup.txt", lines);
    const draft = async (claim: string) => {
      const text = scaffoldScenario({ lessonFile: "cleanup.txt", lines: [...lines.slice(0, 4), claim] });
      const steps = parse(text).steps as Array<Record<string, unknown>>;
      return steps.find((step) => "check" in step)?.check;
    };
    expect(await draft(lines[4] as string)).toBe("unreachable");
    expect(await draft("After this, http://localhost:8080 still answers.")).toBe("reachable");
    expect(await draft("The page at http://localhost:8080 cannot be reached from your machine.")).toBe("unreachable");
    expect(dir).toBeTruthy();
  });

  it("a claim that the server refuses a connection string is drafted as mongo-refused; the twin without the refusal, as mongo-ready", async () => {
    const lines = ["Auth ->", "", "docker run -d -p 27017:27017 --name db mongo", ""];
    const draft = async (claim: string) => {
      const text = scaffoldScenario({ lessonFile: "auth.txt", lines: [...lines, claim] });
      const { problems } = await load(text, await lessonsWith("auth.txt", [...lines, claim]));
      expect(problems, text).toEqual([]);
      return (parse(text).steps as Array<Record<string, unknown>>).find((step) => "check" in step);
    };
    const refused = await draft("Connect with mongodb://localhost:27017/shop and try to write: the server refuses you.");
    expect(refused).toMatchObject({ check: "mongo-refused", database: "shop", claims: 5, eventually: "60s" });
    expect((await draft("With mongodb://localhost:27017 and no password, the write is refused."))?.check).toBe("mongo-refused");
    expect((await draft("With mongodb://localhost:27017 you can add some data."))?.check).toBe("mongo-ready");
    // A database or options after the server are not the check's target (it would not load), and drafts still load.
    expect((await draft("With mongodb://localhost:27017/shop?retryWrites=true you can add your data."))?.check).toBe("mongo-ready");
  });

  it("a section without commands still validates: one placeholder step says so", async () => {
    const text = scaffoldScenario({ lessonFile: LESSON, lines: seed, section: "Network ->" });
    const { scenario, problems } = await load(text);
    expect(problems).toEqual([]);
    expect(scenario?.plan.steps).toHaveLength(1);
    expect(text).toMatch(/TODO: the section shows no command/);
  });

  it("lesson text stays on its line: a lone carriage return in a prose line is a space in the draft", () => {
    const lines = ["Setup ->", "", "Open the page\rimages: [evil]", "", "Kill the container\rsteps: []", "", "docker kill <container_id>"];
    const text = scaffoldScenario({ lessonFile: "x.txt", lines });
    expect(text).not.toMatch(/\r/);
    expect(text).toContain("# Line 3, a step without a command (waived above): Open the page images: [evil]");
    expect(text).toContain('name: "Kill the container steps: []"');
    const draft = parse(text) as Record<string, unknown>;
    expect(draft.images).toEqual([]);
    expect(draft.steps).toHaveLength(2);
    // Must fail: the same text as a comment as it is splits the quote over two comment lines.
    const raw = new Document({ a: 1 });
    raw.commentBefore = " Open the page\rimages: [evil]";
    expect(raw.toString()).toContain("\r#images");
  });

  it("an unknown section is a ScaffoldError naming the nearest headings; several sections and no --section list them", () => {
    expect(() => scaffoldScenario({ lessonFile: LESSON, lines: seed, section: "With volume ->" })).toThrowError(
      /expected a line of docker-layers-volumes-networks\.txt .*found "With volume ->"; nearest: line 87 "With volumes ->"/,
    );
    try {
      scaffoldScenario({ lessonFile: LESSON, lines: seed });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScaffoldError);
      expect((error as ScaffoldError).code).toBe("E_USAGE");
      expect((error as ScaffoldError).message).toMatch(/has 7:\n {2}line 1 "Layers in Docker ->" \(lines 1-16, 0 commands\)/);
      expect((error as ScaffoldError).suggestions.map((heading) => heading.line)).toEqual([1, 21, 52, 62, 87, 112, 119]);
    }
    expect(scaffoldScenario({ lessonFile: "one.txt", lines: ["Only ->", "", "docker ps"] })).toMatch(/run: \{lesson: 3\}/);
  });
});
