import { basename, extname } from "node:path";
import type { ScenarioStatus } from "../model/report-types.js";

/** The short name people use for a scenario: its id ("N1", "V2") when the name starts with one, else the file's base name. */
export function scenarioLabel(scenario: { file: string; name?: string | null }): string {
  const first = scenario.name?.trim().split(/[\s:]/)[0] ?? "";
  if (/^[A-Z]{1,3}\d+[a-z]?$/.test(first)) return first;
  return basename(scenario.file, extname(scenario.file));
}

export const VERDICT_MARK: Record<ScenarioStatus, string> = {
  passed: "✅",
  failed: "❌",
  "known-issue": "⚠️",
  review: "🔍",
  unverified: "❔",
  skipped: "⏭️",
  error: "🛑",
};

/** The verdict as a verb phrase: "passes", "fails", "is a known issue", "is skipped". */
export const verdictPhrase = (status: ScenarioStatus): string =>
  ({
    passed: "passes",
    failed: "fails",
    "known-issue": "fails as a known issue",
    review: "needs review (a claim it proves changed)",
    unverified: "is unverified",
    skipped: "is skipped",
    error: "is an error of this machine",
  })[status];

/** "sha256:d12bd956fc32…": enough of an id or digest (`mongo@sha256:…` loses its name) to tell two apart. */
export const shortDigest = (value: string): string => {
  const bare = value.slice(value.lastIndexOf("@") + 1);
  const match = /^sha256:([0-9a-f]{12})[0-9a-f]{52}$/.exec(bare);
  return match ? `sha256:${match[1]}…` : bare;
};
