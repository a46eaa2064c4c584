import type { Scenario } from "./scenario-schema.js";

/**
 * The parsed scenario with every lesson line number it wrote replaced by the line it refers to now (see
 * lesson-references.ts): from here on, reports, coverage and the runner speak of the lesson as it is.
 */
export function withCurrentLines(scenario: Scenario, lines: ReadonlyMap<string, number>, section: string | undefined): Scenario {
  const now = (key: string, hint: number) => lines.get(key) ?? hint;
  const range = (key: string, pair: readonly [number, number]): [number, number] => [now(`${key}.0`, pair[0]), now(`${key}.1`, pair[1])];
  return {
    ...scenario,
    lesson: {
      ...scenario.lesson,
      ...(section ? { section } : {}),
      ...(scenario.lesson.lines ? { lines: range("lesson.lines", scenario.lesson.lines) } : {}),
    },
    ...(scenario.knownIssue ? { knownIssue: { ...scenario.knownIssue, line: now("knownIssue.line", scenario.knownIssue.line) } } : {}),
    ...(scenario.waives ? { waives: scenario.waives.map((waiver, index) => ({ ...waiver, line: now(`waives.${index}.line`, waiver.line) })) } : {}),
    ...(scenario.lessonFiles
      ? { lessonFiles: scenario.lessonFiles.map((file, index) => ({ ...file, lines: range(`lessonFiles.${index}.lines`, file.lines) })) }
      : {}),
    steps: scenario.steps.map((step, index) => {
      const at = `steps.${index}`;
      // A single `cites: N` was written without a list (its key has no index); the schema made it one.
      const cites = step.cites?.map((hint, item) => lines.get(`${at}.cites.${item}`) ?? now(`${at}.cites`, hint));
      const claims = step.claims?.map((hint, item) => lines.get(`${at}.claims.${item}`) ?? now(`${at}.claims`, hint));
      const contradicts = step.contradicts?.map((hint, item) => lines.get(`${at}.contradicts.${item}`) ?? now(`${at}.contradicts`, hint));
      const moved = {
        ...step,
        ...(cites ? { cites } : {}),
        ...(claims ? { claims } : {}),
        ...(contradicts ? { contradicts } : {}),
        ...(step.quotes !== undefined ? { quotes: now(`${at}.quotes`, step.quotes) } : {}),
      };
      if ("run" in moved && typeof moved.run === "object") return { ...moved, run: { lesson: now(`${at}.run.lesson`, moved.run.lesson) } };
      return moved;
    }) as Scenario["steps"],
  };
}
