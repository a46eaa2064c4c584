import { describe, expect, it } from "vitest";
import { evidenceInWords } from "./evidence-words.js";
import type { StepReport } from "../model/report-types.js";

const buildStep = (steps: Array<{ instruction: string; cached: boolean; status: string }>): StepReport => ({
  name: "build",
  kind: "run",
  command: "docker build -t image_tag .",
  lessonLine: 127,
  status: "failed",
  durationMs: 1,
  evidence: { build: { builder: "classic", steps } },
  error: null,
});

describe("evidenceInWords for docker build steps", () => {
  it("says cached, ran, failed or not reached per instruction, never 'ran' for the one that failed", () => {
    const words = evidenceInWords(
      buildStep([
        { instruction: "FROM node:20", cached: false, status: "done" },
        { instruction: "WORKDIR /usr/src/app", cached: true, status: "cached" },
        { instruction: "RUN npm install", cached: false, status: "done" },
        { instruction: "COPY package* .", cached: false, status: "failed" },
        { instruction: "RUN npm run build", cached: false, status: "incomplete" },
      ]),
    );
    expect(words).toEqual(["WORKDIR /usr/src/app: cached", "npm install: ran", "COPY package* .: failed", "npm run build: not reached"]);
  });
});
