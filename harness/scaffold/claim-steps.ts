/**
 * A draft's claims: each line of the section the ledger takes for a claim gets a step to prove it. Where the line
 * names what to look at (an http:// address, a mongodb:// connection string) the draft checks it with that value
 * taken from the line itself (`{ lesson: N, match }`), so an edit of the lesson is what the check uses; otherwise a
 * comment says what to prove. Nothing is waived: `dockproof coverage --strict` shows what is left.
 */
import { type DraftStep, lessonWords } from "./scaffold-words.js";

// A URI ends before trailing punctuation ("…:8080.", "…27017,").
const HTTP = String.raw`(https?://[^\s"'<>]*[^\s"'<>.,;:!?)])`;
const MONGO = String.raw`(mongodb://[^\s"'<>]*[^\s"'<>.,;:!?)])`;
const NOT_ANSWERING =
  /\b(nothing answers|no longer answers|(?:does not|doesn't|won't|will not) answer|(?:cannot|can't|can not) be reached|not reachable|unreachable|refuses|is refused)\b/i;

/** A check step proving claim line `line`, or null when its words name nothing a check can take. */
export function claimCheck(line: number, text: string): DraftStep | null {
  const name = `TODO: line ${line}: ${lessonWords(text)}`;
  if (new RegExp(MONGO).test(text))
    return {
      fields: { name, claims: line, check: "mongo-ready", target: { lesson: line, match: MONGO }, eventually: "60s" },
      before: [`Line ${line} names a connection string: this check connects with it, as the lesson says it now. TODO: check what it claims of it.`],
    };
  // "nothing answers on …", "… cannot be reached": the claim is that the address does not answer.
  if (new RegExp(HTTP).test(text) && NOT_ANSWERING.test(text))
    return {
      fields: { name, claims: line, check: "unreachable", target: { lesson: line, match: HTTP } },
      before: [`Line ${line} says an address does not answer: this check tries it, as the lesson says it now. TODO: check it answered before.`],
    };
  if (new RegExp(HTTP).test(text))
    return {
      fields: { name, claims: line, check: "reachable", target: { lesson: line, match: HTTP }, eventually: "30s" },
      before: [`Line ${line} names an address: this check visits it, as the lesson says it now. TODO: add \`response:\` for what the page shows.`],
    };
  return null;
}

/** The comment for a claim no drafted check proves yet. */
export const claimTodo = (line: number, text: string): string =>
  `Line ${line} claims: ${lessonWords(text).replace(/[.:]+$/, "")}. TODO: prove it with a check that has \`claims: ${line}\` (or waive it with a reason).`;
