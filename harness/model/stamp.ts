/** What a verdict was verified against (see scenario/scenario-stamp.ts, which makes it): plain data, kept in results. */

export interface FixtureHashes {
  /** Over every file's path and hash. */
  hash: string;
  /** Relative path (`/`-separated) -> hash of its content (or, for a symlink, of its target). */
  files: Record<string, string>;
}

/** Lesson lines [from, to] (as the lesson is now) a scenario runs or cites, with their text. */
export interface LessonSpan {
  lines: [number, number];
  hash: string;
  text: string;
}

export interface ScenarioStamp {
  version: number;
  /** Over everything below but line numbers: equal hashes, nothing the run depends on changed. */
  hash: string;
  lesson: { file: string; hash: string; spans: LessonSpan[] };
  /** The scenario's content, line references, comments and layout aside. */
  scenario: string;
  /** Null for a scenario without a workdir (its commands start in an empty folder). */
  fixtures: FixtureHashes | null;
}
