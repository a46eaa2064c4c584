import type { ScenarioReport, StepReport } from "./report-types.js";

/**
 * What the runner tells progress displays; nothing here changes a verdict. `file` identifies one run of a scenario:
 * its file, and its engine after an "@" (the same scenario runs on several engines at once).
 */
export type RunEvent =
  | { type: "log"; message: string }
  | { type: "scenario-start"; file: string; name: string; engine?: string }
  | { type: "sandbox-ready"; file: string; readyMs: number; seedMs: number }
  | { type: "step-start"; file: string; index: number; name: string }
  | { type: "step-end"; file: string; index: number; step: StepReport }
  | { type: "scenario-end"; file: string; report: ScenarioReport };

export type RunEventListener = (event: RunEvent) => void;
