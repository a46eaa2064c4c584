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
// A check's target is the server (credentials, host, port): a database or options after it are not part of it.
const MONGO_SERVER = String.raw`(mongodb://[^\s"'<>/?]*[^\s"'<>/?.,;:!)])`;
const NOT_ANSWERING =
  /\b(nothing answers|no longer answers|(?:does not|doesn't|won't|will not) answer|(?:cannot|can't|can not) be reached|not reachable|unreachable|refuses|is refused)\b/i;

/** A check step proving claim line `line`, or null when its words name nothing a check can take. */
export function claimCheck(line: number, text: string): DraftStep | null {
  const name = `TODO: line ${line}: ${lessonWords(text)}`;
  // "… the server refuses you": the claim is that the server says no (Unauthorized, AuthenticationFailed).
  const mongo = new RegExp(MONGO).exec(text);
  if (mongo && NOT_ANSWERING.test(text))
    return {
      fields: {
        name,
        claims: line,
        check: "mongo-refused",
        target: { lesson: line, match: MONGO_SERVER },
        database: databaseOf(mongo[1] as string),
        collection: "dockproof_probe",
        // A server just started refuses connections before it can refuse a write: wait for its answer, not its start.
        eventually: "60s",
      },
      before: [
        `Line ${line} says the server refuses a connection string: this check tries a write with it, as the lesson says it now.`,
        "TODO: the database and collection the learner would use (`operation: find` for a read).",
      ],
    };
  if (mongo)
    return {
      fields: { name, claims: line, check: "mongo-ready", target: { lesson: line, match: MONGO_SERVER }, eventually: "60s" },
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

/** The database a connection string names (`mongodb://host/shop` → shop), else mongo's default, `test`. */
function databaseOf(uri: string): string {
  const database = /^mongodb:\/\/[^/]+\/([^?/]+)/.exec(uri)?.[1];
  return database ? decodeURIComponent(database) : "test";
}

/** The comment for a claim no drafted check proves yet. */
export const claimTodo = (line: number, text: string): string =>
  `Line ${line} claims: ${lessonWords(text).replace(/[.:]+$/, "")}. TODO: prove it with a check that has \`claims: ${line}\` (or waive it with a reason).`;
