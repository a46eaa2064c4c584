import { describe, expect, it } from "vitest";
import { fencedBlocks, looksLikeFileName, withoutPrompt } from "./markdown-blocks.js";

const LESSON = [
  "# Compose", // 1
  "", // 2
  "Create a file called `docker-compose.yml` in your project folder:", // 3
  "", // 4
  "```yaml", // 5
  "services:", // 6
  "  mongo:", // 7
  "    image: mongo", // 8
  "```", // 9
  "", // 10
  "Start it with `docker compose up -d`:", // 11
  "", // 12
  "```bash", // 13
  "$ docker compose up -d", // 14
  "```", // 15
  "", // 16
  "Then add a `.dockerignore` so `node_modules` stays out of the build context:", // 17
  "~~~~", // 18
  "node_modules", // 19
  "```", // 20: not a close of a ~~~~ fence
  "~~~~", // 21
  "", // 22
  "### Dockerfile", // 23
  "````dockerfile", // 24
  "FROM node:20-alpine", // 25
  "````", // 26
  '```yaml title="compose.override.yml"', // 27
  "services: {}", // 28
  "```", // 29
  "Some text with ``` inline ``` backticks.", // 30
  "```", // 31
  "never closed", // 32
];

describe("fencedBlocks", () => {
  it("finds each block's content lines, info string and the file the prose above it names", () => {
    expect(fencedBlocks(LESSON)).toEqual([
      { from: 6, to: 8, info: "yaml", fileName: "docker-compose.yml" },
      { from: 14, to: 14, info: "bash", fileName: null },
      { from: 19, to: 20, info: "", fileName: ".dockerignore" },
      { from: 25, to: 25, info: "dockerfile", fileName: "Dockerfile" },
      { from: 28, to: 28, info: 'yaml title="compose.override.yml"', fileName: "compose.override.yml" },
      { from: 32, to: 32, info: "", fileName: null },
    ]);
  });

  it("the twin: prose that names only commands, images or ports names no file", () => {
    const lines = ["Run `docker compose up -d` with `node:20-alpine` on `localhost:5000`, version `2.26`:", "```", "x", "```"];
    expect(fencedBlocks(lines)).toEqual([{ from: 3, to: 3, info: "", fileName: null }]);
    // The prose of a block is never taken from above the previous block.
    expect(fencedBlocks(["Edit `app.js`:", "```", "a", "```", "```", "b", "```"])[1]?.fileName).toBeNull();
  });

  it("reads file names as a lesson writes them", () => {
    for (const name of ["docker-compose.yml", ".dockerignore", "Dockerfile", "Dockerfile.dev", "src/index.js", ".env"])
      expect(looksLikeFileName(name), name).toBe(true);
    for (const name of ["node:20-alpine", "docker compose", "3.8", "backend/", "mongo", "file."]) expect(looksLikeFileName(name), name).toBe(false);
  });
});

describe("withoutPrompt", () => {
  it("strips a `$ ` prompt and says there was one", () => {
    expect(withoutPrompt("$ docker compose ps")).toEqual({ command: "docker compose ps", prompted: true });
    expect(withoutPrompt("  $   docker logs -f backend ")).toEqual({ command: "docker logs -f backend", prompted: true });
  });

  it("the twin: a line without a prompt (output in a console block) is left as it is", () => {
    expect(withoutPrompt("NAME   IMAGE   STATUS")).toEqual({ command: "NAME   IMAGE   STATUS", prompted: false });
    expect(withoutPrompt("$HOME is set")).toEqual({ command: "$HOME is set", prompted: false });
  });
});
