import { describe, expect, it } from "vitest";
import { LessonSource } from "../lesson/lesson-source.js";
import { rangeChanges } from "./range-changes.js";

const baseline = ["prose", "FROM node:20", "COPY package.json .", "RUN npm install", "", "COPY . .", "", 'CMD ["node"]', "after"];
const changesOf = (lines: string[], now: [number, number] = [2, 8]) =>
  rangeChanges(["lessonFiles", 0], [2, 8], now, new LessonSource("lesson.txt", lines, baseline)).map(({ hint, line, was, now: text }) => ({
    hint,
    line,
    was,
    now: text,
  }));

describe("rangeChanges: the lines inside a lesson file's range that differ from the text it was fixed against", () => {
  it("finds nothing in an unchanged range, or one that only moved", () => {
    expect(changesOf(baseline)).toEqual([]);
    expect(changesOf(["new prose", ...baseline], [3, 9])).toEqual([]);
  });

  it("a line moved below the source: both places changed, at the lines they are on now", () => {
    const moved = baseline.map((line, index) => (index === 3 ? "" : index === 6 ? "RUN npm install" : line));
    const lines = changesOf(moved).map((change) => change.line);
    expect(lines).toContain(4);
    expect(lines).toContain(7);
    expect(changesOf(moved).find((change) => change.line === 7)?.now).toBe("RUN npm install");
  });

  it("a line rewritten in place is one change, was -> now", () => {
    const edited = baseline.map((line) => (line === "COPY . ." ? "COPY src ." : line));
    expect(changesOf(edited)).toEqual([{ hint: 6, line: 6, was: "COPY . .", now: "COPY src ." }]);
  });

  it("a line removed is compared with nothing there now, and never points past the range", () => {
    const removed = baseline.filter((line) => line !== "RUN npm install");
    expect(changesOf(removed, [2, 7])).toEqual([{ hint: 4, line: 4, was: "RUN npm install", now: "" }]);
  });

  it("without a baseline a line number means that line now: no changes", () => {
    expect(rangeChanges(["lessonFiles", 0], [2, 8], [2, 8], new LessonSource("lesson.txt", ["x"], null))).toEqual([]);
  });
});
