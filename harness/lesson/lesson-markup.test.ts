import { describe, expect, it } from "vitest";
import { commandAt, commandLines, headingOf, lessonMarkup, markdownHeading } from "./lesson-markup.js";
import { classifyLines } from "./line-kinds.js";

const LESSON = [
  "# Notes app", // 1
  "", // 2
  "#hashtag prose: docker compose will be fun", // 3
  "", // 4
  "## Compose", // 5
  "", // 6
  "Create a file called `docker-compose.yml`:", // 7
  "```yaml", // 8
  "services:", // 9
  "  backend:", // 10
  "    build: .", // 11
  "    restart: always # it will restart when it fails", // 12
  "```", // 13
  "Start it:", // 14
  "```bash", // 15
  "# start everything", // 16
  "$ docker compose up -d", // 17
  "mongo-express --version", // 18
  "```", // 19
  "```console", // 20
  "$ docker compose ps", // 21
  "NAME                  STATUS", // 22
  "notes-app-backend-1   Up (it will show Up)", // 23
  "```", // 24
  "docker compose down is what stops it.", // 25
  "Then add a `.dockerignore`:", // 26
  "```", // 27
  "node_modules", // 28
  "```", // 29
  "Build it from the `Dockerfile`:", // 30
  "```", // 31
  "docker build -t app .", // 32
  "```", // 33
  '```bash title="start.sh"', // 34
  "docker compose up -d", // 35
  "```", // 36
  "Save this as `run.sh`:", // 37
  "```", // 38
  "docker compose up -d", // 39
  "```", // 40
];

const kinds = (lines: readonly string[]) => new Map(classifyLines(lines).map((entry) => [entry.line, entry.kind]));

describe("Markdown headings", () => {
  it("`## X` is a heading with its level and title; `#hashtag` (no space) and `##` alone are prose", () => {
    expect(markdownHeading("## Compose")).toEqual({ level: 2, title: "Compose" });
    expect(markdownHeading("### Files ###")).toEqual({ level: 3, title: "Files" });
    expect(markdownHeading("#hashtag prose")).toBeNull();
    expect(markdownHeading("##")).toBeNull();
    expect(markdownHeading("    # indented four: code")).toBeNull();
  });

  it("a `# …` line inside a fenced block or a Dockerfile is a comment, never a heading", () => {
    const { headings } = lessonMarkup(LESSON);
    expect([...headings.keys()]).toEqual([1, 5]);
    const plain = ["Build ->", "", "FROM node:20", "# install first", "RUN npm install", "", "# Not in the Dockerfile"];
    // Twin: the same `# …` text after the Dockerfile block is a heading.
    expect([...lessonMarkup(plain).headings.keys()]).toEqual([1, 7]);
  });

  it("a line falls under the nearest heading above it, `#hashtag` lines are no heading", () => {
    expect(headingOf(LESSON, 3)).toEqual({ line: 1, text: "# Notes app" });
    expect(headingOf(LESSON, 17)).toEqual({ line: 5, text: "## Compose" });
  });
});

describe("commands of a Markdown lesson", () => {
  it("come from shell blocks, `$ ` stripped, any first word; in a console block only the `$ ` lines", () => {
    expect(commandLines(LESSON)).toEqual([
      { line: 17, text: "docker compose up -d" },
      { line: 18, text: "mongo-express --version" },
      { line: 21, text: "docker compose ps" },
      { line: 32, text: "docker build -t app ." },
    ]);
    // Twin: a console block's output line, a prose line starting with "docker", a fenced yaml line are no command.
    for (const line of [22, 23, 25, 11]) expect(commandAt(LESSON, line), `line ${line}`).toBeUndefined();
  });

  it("the twin in plain text: a line starting with a program is a command there", () => {
    expect(commandLines(["Stop it ->", "docker compose down is what stops it."]).map((entry) => entry.line)).toEqual([2]);
  });

  it("an untagged block of commands is commands, whatever file the prose names, but a script; any other is the file the prose names", () => {
    const blocks = lessonMarkup(LESSON).blocks.map((block) => [block.from, block.role, block.fileName]);
    expect(blocks).toEqual([
      [9, "file", "docker-compose.yml"],
      [16, "shell", null],
      [21, "console", null],
      [28, "file", ".dockerignore"],
      // Prose naming the file a command uses does not make the command block that file.
      [32, "shell", "Dockerfile"],
      // A shell block naming its file in the info string, and an untagged one the prose calls a script, are files.
      [35, "file", "start.sh"],
      [39, "file", "run.sh"],
    ]);
  });
});

describe("the ledger's kinds in a Markdown lesson", () => {
  const kind = kinds(LESSON);

  it("a fenced yaml line is a file line whatever its words; the same words in prose are a claim", () => {
    expect(kind.get(12)).toBe("file");
    expect(kinds(["Notes ->", "restart: always # it will restart when it fails"]).get(2)).toBe("claim");
  });

  it("a console block's output is output, never a command or a claim; its `$ ` line is a command", () => {
    expect([kind.get(21), kind.get(22), kind.get(23)]).toEqual(["command", "output", "output"]);
  });

  it("fence lines are nothing; a shell comment is read by its words; `#hashtag` prose is prose", () => {
    for (const fence of [8, 13, 15, 19, 20, 24, 27, 29]) expect(kind.has(fence), `line ${fence}`).toBe(false);
    expect(kind.get(16)).toBe("instruction");
    expect(kind.get(3)).toBe("claim");
    expect([kind.get(1), kind.get(5)]).toEqual(["heading", "heading"]);
    expect(kind.get(28)).toBe("file");
  });
});
