import path from "node:path";
import { describe, expect, it } from "vitest";
import { readLessonFile } from "../lesson/lesson-file.js";
import { repoRoot } from "../support/paths.js";
import { type ScaffoldError, scaffoldScenario } from "./scaffold.js";
import { lessonsWith, loadDraft } from "./test-support/load-draft.js";

const LESSONS = path.join(repoRoot, "fixtures/compose-lesson/lessons");
const LESSON = "compose-registry-ctrl-c.md";
const lines = readLessonFile(LESSONS, LESSON).lines ?? [];
const draft = (section: string) => scaffoldScenario({ lessonFile: LESSON, lines, section });
const names = (text: string) => [...text.matchAll(/^ {2}- name: (.*)$/gm)].map((match) => match[1]);

describe("scaffold of a Markdown lesson (fixtures/compose-lesson)", () => {
  const compose = draft("Compose");

  it("Compose: validates, writes the fenced docker-compose.yml under the name the prose gives, lists the images it needs", async () => {
    const { scenario, problems } = await loadDraft(compose, LESSONS);
    expect(problems).toEqual([]);
    expect(scenario?.scenario.lesson).toEqual({ file: LESSON, section: "## Compose", lines: [5, 60] });
    expect(scenario?.scenario.lessonFiles).toEqual([{ path: "docker-compose.yml", lines: [11, 25] }]);
    // mongo is the compose file's; the backend it builds from `.` needs an app, which the draft says.
    expect(scenario?.scenario.images).toEqual(["mongo"]);
    expect(compose.replace(/\n\s+# /g, " ")).toMatch(/Compose builds backend from the compose file's `build:`\. TODO: set `workdir:`/);
    expect(draft("## Compose")).toBe(compose);
  });

  it("steps are named after their commands, never after the fence; `build: .` and a block's introduction are no prose steps", async () => {
    expect(names(compose)).toEqual([
      "docker compose up -d",
      "docker compose ps",
      "docker compose down",
      "docker compose up -d",
      "docker compose down -v",
    ]);
    expect(compose).not.toContain("```");
    // "Start everything in the background:" introduces the block of line 34: neither a waiver nor a name.
    expect(compose).not.toMatch(/waives:|Start everything/);
    expect(compose).not.toContain("build: .");
  });

  it("A smaller image: the fenced Dockerfile and the untagged .dockerignore, named by the prose; the build's FROM images", async () => {
    const text = draft("A smaller image");
    const { scenario, problems } = await loadDraft(text, LESSONS);
    expect(problems).toEqual([]);
    expect(scenario?.scenario.lessonFiles).toEqual([
      { path: "Dockerfile", lines: [67, 75] },
      { path: ".dockerignore", lines: [81, 82] },
    ]);
    expect(scenario?.scenario.images).toEqual(["node:20", "node:20-alpine"]);
    expect(names(text)).toEqual(["docker build -t notes-backend ."]);
  });

  it("A registry of your own: the image pushed to the lesson's own registry and pulled back is not listed, registry:2 is", async () => {
    const text = draft("A registry of your own");
    const { scenario, problems } = await loadDraft(text, LESSONS);
    expect(problems).toEqual([]);
    expect(scenario?.scenario.images).toEqual(["registry:2"]);
    expect(text).not.toMatch(/images:.*localhost:5000/);
  });

  it("the twin: an image the section pulls that nothing in it tagged is listed (and said to be unknown)", async () => {
    const pulled = ["## Pull", "", "```bash", "$ docker pull localhost:5000/notes-backend", "```"];
    const text = scaffoldScenario({ lessonFile: "pull.md", lines: pulled });
    expect(text).toMatch(/images: \[localhost:5000\/notes-backend\]/);
    expect(text.replace(/\n\s+# /g, " ")).toMatch(/TODO: the lesson also names localhost:5000\/notes-backend \(line 4\)/);
  });

  it("Following the logs: the compose file an earlier section wrote is written too, with the command that reads it", async () => {
    const text = draft("Following the logs");
    const { scenario, problems } = await loadDraft(text, LESSONS);
    expect(problems).toEqual([]);
    expect(scenario?.scenario.lessonFiles).toEqual([{ path: "docker-compose.yml", lines: [11, 25] }]);
    expect(text.replace(/\n\s*# /g, " ")).toMatch(
      /docker-compose\.yml: written from lines 11-25, before this section: `docker compose up` uses it\./,
    );
    // Twin: a section whose commands read no earlier file gets none.
    expect(draft("Alpine's own tools")).not.toContain("lessonFiles");
  });

  it("a fenced file the lesson names no path for is left to the author, with a note; the draft still validates", async () => {
    const unnamed = ["## Config", "", "Some settings:", "", "```yaml", "debug: true", "```", "", "```bash", "$ docker ps", "```"];
    const text = scaffoldScenario({ lessonFile: "config.md", lines: unnamed });
    expect(text).not.toMatch(/^lessonFiles:/m);
    expect(text).toMatch(/TODO: lines 6-6 are a file the lesson names no path for/);
    expect((await loadDraft(text, await lessonsWith("config.md", unnamed))).problems).toEqual([]);
  });

  it("without --section, the sections listed are the `##` headings, the title holding them is none; a near miss names the heading", () => {
    const error = (section?: string) => {
      try {
        scaffoldScenario({ lessonFile: LESSON, lines, ...(section ? { section } : {}) });
      } catch (thrown) {
        return thrown as ScaffoldError;
      }
      throw new Error("expected a ScaffoldError");
    };
    expect(error().suggestions.map((heading) => heading.text)).toEqual([
      "## Compose",
      "## A smaller image",
      "## A registry of your own",
      "## Following the logs",
      "## Alpine's own tools",
    ]);
    expect(error().message).toContain('line 5 "## Compose" (lines 5-60, 5 commands)');
    expect(error("Composer").message).toMatch(/found "Composer"; nearest: line 5 "## Compose"/);
  });
});
