import { describe, expect, it } from "vitest";
import path from "node:path";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";
import { readLessonFile } from "./lesson-file.js";
import { findHeading, gapAbove, lessonSections, sectionAt } from "./lesson-sections.js";
import { isHeading } from "./lesson-text.js";

const seed = readLessonFile(defaultLessonsDir(), "docker-layers-volumes-networks.txt").lines ?? [];
const extent = (lines: readonly string[], heading: string) => {
  const section = sectionAt(lines, findHeading(lines, heading) ?? 0);
  return [section.from, section.to];
};

describe("lesson sections", () => {
  it("a section heading set off by blank lines runs past the step labels inside it (With volumes -> is 87-107)", () => {
    expect(extent(seed, "With volumes ->")).toEqual([87, 107]);
    // Must fail: the next "->" line is only two lines below; ending there would lose every command of the section.
    expect(isHeading(seed[88] ?? "")).toBe(true);
    expect(gapAbove(seed, 89)).toBe(1);
    expect(gapAbove(seed, 87)).toBe(2);
  });

  it("match the ranges the seed scenarios were written for", () => {
    expect(extent(seed, "Volumes ->")).toEqual([62, 83]);
    expect(extent(seed, "Without volumes")).toEqual([67, 83]);
    expect(extent(seed, "Network ->")).toEqual([112, 116]);
    expect(extent(seed, "Optimising Dockerfile ->")).toEqual([21, 48]);
    expect(extent(seed, "How to make containers talk to each other ->")).toEqual([119, 154]);
  });

  it("a step label's own section ends at the next label as far set off (Create a volume -> is 89-91)", () => {
    expect(extent(seed, "Create a volume ->")).toEqual([89, 91]);
  });

  it("top-level sections: the headings no earlier section holds", () => {
    expect(lessonSections(seed).map((section) => section.from)).toEqual([1, 21, 52, 62, 87, 112, 119]);
  });

  it("a lesson spacing its headings by one blank line ends each section at the next heading", () => {
    const lines = ["First ->", "", "docker ps", "", "Second ->", "", "docker images"];
    expect(lessonSections(lines).map((section) => [section.from, section.to])).toEqual([
      [1, 3],
      [5, 7],
    ]);
  });

  it("findHeading compares trimmed and refuses an empty heading", () => {
    expect(findHeading(seed, "  Network ->  ")).toBe(112);
    expect(findHeading(seed, "Networks ->")).toBeUndefined();
    expect(findHeading(["", "x"], "")).toBeUndefined();
  });
});

describe("Markdown sections", () => {
  const markdown = readLessonFile(path.join(repoRoot, "fixtures/compose-lesson/lessons"), "compose-registry-ctrl-c.md").lines ?? [];

  it("`## Compose` is the section Compose: named by its title or its whole line, it runs to the next `##`", () => {
    expect(findHeading(markdown, "Compose")).toBe(5);
    expect(findHeading(markdown, "## Compose")).toBe(5);
    expect(extent(markdown, "Compose")).toEqual([5, 60]);
    // Twin: a title the lesson does not have names nothing.
    expect(findHeading(markdown, "Composer")).toBeUndefined();
  });

  it("the lesson's title holds every section: its sections are the `##` headings below it", () => {
    expect(lessonSections(markdown).map((section) => [section.heading.text, section.from, section.to])).toEqual([
      ["## Compose", 5, 60],
      ["## A smaller image", 62, 91],
      ["## A registry of your own", 93, 114],
      ["## Following the logs", 116, 132],
      ["## Alpine's own tools", 134, 140],
    ]);
    // Twin: named, the title's section is the whole lesson.
    expect(extent(markdown, "The rest of the course: Compose, a registry of your own, Ctrl+C")).toEqual([1, 140]);
  });

  it("a `###` heading ends at the next `###` or `##`, not at a `####`; a `#` line in a fenced block ends nothing", () => {
    const lines = ["## A", "### B", "text", "```bash", "# comment", "```", "#### C", "x", "### D", "y", "## E"];
    expect(extent(lines, "B")).toEqual([2, 8]);
    expect(extent(lines, "A")).toEqual([1, 10]);
    // Twin: two `##` headings of equal rank: neither is a title, both are sections.
    expect(lessonSections(lines).map((section) => section.from)).toEqual([1, 11]);
  });
});
