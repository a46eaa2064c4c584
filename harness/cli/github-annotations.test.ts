import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunReport } from "../model/report-types.js";
import { repoRoot } from "../support/paths.js";
import { githubAnnotations } from "./github-annotations.js";

const recorded = JSON.parse(readFileSync(path.join(repoRoot, "fixtures/reports/run-n1-n3.json"), "utf8")) as RunReport;

describe("githubAnnotations", () => {
  it("puts each finding on the lesson's own file and line, inside the workspace", () => {
    expect(githubAnnotations(recorded, "course/lessons")).toEqual([
      expect.stringMatching(
        /^::warning file=course\/lessons\/docker-layers-volumes-networks\.txt,line=115,title=N1 default bridge%3A no names%2C .*::lesson-defect: observed: tcp%3A|^::warning file=course\/lessons\/docker-layers-volumes-networks\.txt,line=115,title=N1 default bridge%3A no names%2C and localhost is the container's own::lesson-defect: observed: tcp:\/\/172\.18\.0\.3:80 is reachable/,
      ),
    ]);
  });

  it("a failed scenario gets an error at its failed step's lesson line; lessons outside the workspace get nothing", () => {
    const failed: RunReport = {
      ...recorded,
      scenarios: [
        {
          ...(recorded.scenarios[0] as RunReport["scenarios"][number]),
          status: "failed",
          findings: [],
          steps: [
            {
              name: "s",
              kind: "run",
              command: "x",
              lessonLine: 95,
              status: "failed",
              durationMs: 1,
              evidence: {},
              error: { code: "E_EXPECTATION", message: "expected 3, found 0\nmore" },
            },
          ],
        },
      ],
    };
    expect(githubAnnotations(failed, "course/lessons")).toEqual([
      expect.stringMatching(
        /^::error file=course\/lessons\/docker-layers-volumes-networks\.txt,line=95,title=.*::`x` \(line 95\), step "s": expected 3, found 0%0Amore$/,
      ),
    ]);
    expect(githubAnnotations(failed, "../shared/lessons")).toEqual([]);
  });
});
