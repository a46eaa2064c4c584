/**
 * What a check step saw, as text for a mark's evidence: "HTTP 200" says little about a claim on a page's content, so
 * the body the check read is shown (trimmed), and a count of documents comes with the documents counted. Only
 * ever text: the page and the Markdown escape it like the lesson's own lines.
 */
import { isRecord, numberOf, stringOf } from "../checks/evidence-values.js";
import type { StepReport } from "../model/report-types.js";

export const OBSERVED_MAX = 300;

const trim = (text: string): string => (text.length > OBSERVED_MAX ? `${text.slice(0, OBSERVED_MAX - 1)}…` : text);

/** The body of an HTTP answer a reachable/unreachable check got, and the documents a mongo-count saw. */
export function observedOf(step: StepReport): Array<{ label: string; text: string }> {
  if (step.kind !== "check" || !isRecord(step.evidence)) return [];
  const evidence = step.evidence;
  if (step.check === "reachable" || step.check === "unreachable") {
    const body = stringOf(evidence.body);
    if (body === null) return [];
    const status = numberOf(evidence.status);
    return [{ label: status === null ? "HTTP body" : `HTTP ${status} body`, text: trim(body) }];
  }
  if (step.check === "mongo-count" && Array.isArray(evidence.documents)) {
    const count = numberOf(evidence.count);
    const shown = evidence.documents.length;
    const of = count !== null && count > shown ? ` (the first ${shown} of ${count})` : "";
    return [{ label: `documents counted${of}`, text: trim(JSON.stringify(evidence.documents)) }];
  }
  return [];
}
