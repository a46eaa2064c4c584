import { describe, expect, it } from "vitest";
import type { StepReport } from "../model/report-types.js";
import { failedStepWords } from "./failed-step-words.js";

const failed = (fields: Partial<StepReport>): StepReport => ({
  name: "docker port web shows 80",
  kind: "run",
  command: "docker port db",
  lessonLine: 135,
  runsLesson: 135,
  status: "failed",
  durationMs: 1,
  evidence: {},
  error: { code: "E_EXPECTATION", message: 'expected stdout to contain "80/tcp"\nstdout: (empty)' },
  ...fields,
});

describe("a failed step in words", () => {
  it("quotes the command that ran and its lesson line first, the step's label second, then what went wrong", () => {
    expect(failedStepWords(failed({}), "lesson.txt")).toBe(
      '`docker port db` (lesson.txt:135), step "docker port web shows 80": expected stdout to contain "80/tcp"',
    );
    expect(failedStepWords(failed({}), null, true)).toMatch(/^`docker port db` \(line 135\), step .*\nstdout: \(empty\)$/);
  });

  it("the twin: a step named after its command is not named twice; a check is its words, without backquotes", () => {
    expect(failedStepWords(failed({ name: "docker port db" }), "lesson.txt")).toBe(
      '`docker port db` (lesson.txt:135): expected stdout to contain "80/tcp"',
    );
    const check = failed({ kind: "check", name: "the page answers", command: "reachable http://localhost:8080/", runsLesson: null, lessonLine: 7 });
    expect(failedStepWords(check)).toBe('reachable http://localhost:8080/ (line 7), step "the page answers": expected stdout to contain "80/tcp"');
  });
});
