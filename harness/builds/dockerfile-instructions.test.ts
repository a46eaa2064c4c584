import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./dockerfile-instructions.js";

const fixture = (name: string) => readFileSync(new URL(`./test-fixtures/${name}`, import.meta.url), "utf8");

describe("parseDockerfile", () => {
  it("reads the lesson's Dockerfile with 1-based line numbers and layer effects", () => {
    const { instructions } = parseDockerfile(fixture("lesson-app.Dockerfile"));
    expect(instructions.map((i) => [i.line, i.text, i.layerEffect])).toEqual([
      [1, "FROM node:20", "from"],
      [3, "WORKDIR /usr/src/app", "workdir"],
      [5, "COPY package* .", "filesystem"],
      [6, "COPY ./prisma .", "filesystem"],
      [8, "RUN npm install", "filesystem"],
      [9, "RUN npx prisma generate", "filesystem"],
      [11, "COPY . .", "filesystem"],
      [12, "RUN npm run build", "filesystem"],
      [14, "EXPOSE 3000", "metadata"],
      [16, 'CMD ["node", "dist/index.js", ]', "metadata"],
    ]);
    expect(instructions.filter((i) => i.filesystemChanging)).toHaveLength(6);
  });

  it("flags the trailing-comma CMD as shell form, and accepts valid exec form", () => {
    const lesson = parseDockerfile(fixture("lesson-app.Dockerfile"));
    expect(lesson.notes).toEqual([
      {
        line: 16,
        code: "JSON_FORM_INVALID",
        message: expect.stringContaining(`/bin/sh -c '["node", "dist/index.js", ]'`),
      },
    ]);
    expect(parseDockerfile(fixture("backend.Dockerfile")).notes).toEqual([]);
  });

  it("joins continuation lines and tracks stages by index and name", () => {
    const text = "FROM node:20 AS build\nRUN apt-get update && \\\n    apt-get install -y curl\n\nFROM node:20\nCOPY --from=build /a /a\n";
    const { instructions } = parseDockerfile(text);
    expect(instructions.map((i) => [i.keyword, i.line, i.endLine, i.stage, i.stageName])).toEqual([
      ["FROM", 1, 1, 0, "build"],
      ["RUN", 2, 3, 0, "build"],
      ["FROM", 5, 5, 1, null],
      ["COPY", 6, 6, 1, null],
    ]);
    expect(instructions[1]?.args).toMatch(/^apt-get update && +apt-get install -y curl$/);
  });

  it("returns nothing for an empty or comment-only file", () => {
    expect(parseDockerfile("").instructions).toEqual([]);
    expect(parseDockerfile("# only a comment\n").instructions).toEqual([]);
  });
});
