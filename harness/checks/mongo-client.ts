import type { MongoClient, MongoError } from "mongodb";
import { z } from "zod";
import { nonEmpty } from "./step-fields.js";
import { MONGO_TARGET_EXPECTATION, MONGO_TARGET_PATTERN, parseMongoTarget } from "./target.js";
import { type CheckContext, type CheckOutcome, harnessAddress } from "./check-context.js";

export const mongoTargetSchema = z
  .string({ error: MONGO_TARGET_EXPECTATION })
  .regex(MONGO_TARGET_PATTERN, { error: MONGO_TARGET_EXPECTATION })
  .describe("Where the harness connects, with user:password@ to authenticate (against admin); localhost means the scenario's published ports");

/** Where a mongo check reads or writes. */
export const mongoNamespace = {
  target: mongoTargetSchema,
  database: nonEmpty("a database name"),
  collection: nonEmpty("a collection name"),
};

/**
 * `mongodb://[user:password@]localhost:27017` as the scenario sees it -> where the harness reaches it (the sandbox's
 * published port). Credentials authenticate against admin, where the image's MONGO_INITDB_ROOT_* user lives.
 */
export function harnessUri(context: CheckContext, target: string): string {
  const { host, port, credentials } = parseMongoTarget(target);
  const address = harnessAddress(context, host, port);
  const login = credentials ? `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@` : "";
  return `mongodb://${login}${address.host}:${address.port}/?directConnection=true${credentials ? "&authSource=admin" : ""}`;
}

/** One short-lived client per attempt: a restarted server must not be judged through a stale pool. */
export async function withMongoClient<T>(context: CheckContext, target: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const timeout = context.attemptTimeoutMs;
  // The driver loads when a mongo check runs, not when a scenario is loaded (validate, list, coverage never need it).
  const { MongoClient } = await import("mongodb");
  const client = new MongoClient(harnessUri(context, target), {
    serverSelectionTimeoutMS: timeout,
    connectTimeoutMS: timeout,
    socketTimeoutMS: timeout,
  });
  try {
    await client.connect();
    return await use(client);
  } finally {
    await client.close(true).catch(() => undefined);
  }
}

/** What the driver said, in words: the server's own message with its code name, or the driver's (no answer, refused). */
export async function mongoAnswer(error: MongoError): Promise<{ text: string; code?: number; codeName?: string }> {
  // Loaded with the check (see withMongoClient): by now the driver is in memory, so this costs nothing.
  const { MongoServerError } = await import("mongodb");
  if (error instanceof MongoServerError && typeof error.code === "number") {
    const codeName = error.codeName ?? "no code name";
    return { text: `${error.errmsg ?? error.message} (${codeName}, ${error.code})`, code: error.code, codeName };
  }
  return { text: error.message };
}

/**
 * One attempt of a check against the lesson's MongoDB. What the server or the driver answers (authentication
 * required, refused, no answer) is an observation of what the lesson's commands started: the attempt fails, saying
 * what was expected and what was found, and `eventually` may try again. Anything else (a port the lesson never
 * published, a bug) is thrown on.
 */
export async function mongoAttempt(target: string, expected: string, attempt: () => Promise<CheckOutcome>): Promise<CheckOutcome> {
  try {
    return await attempt();
  } catch (error) {
    const { MongoError } = await import("mongodb");
    if (!(error instanceof MongoError)) throw error;
    const answer = await mongoAnswer(error);
    const { text, ...codes } = answer;
    return { passed: false, message: `expected ${expected}; found ${text}`, evidence: { target, error: text, ...codes } };
  }
}
