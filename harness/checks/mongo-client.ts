import { MongoClient } from "mongodb";
import { z } from "zod";
import { nonEmpty } from "../scenario/step-fields.js";
import { HOST, PORT } from "../scenario/target.js";
import { StepError } from "../support/errors.js";
import { type CheckContext, harnessAddress } from "./check-context.js";

const MONGO_TARGET = new RegExp(`^mongodb://${HOST}:(?:${PORT})$`);

export const mongoTargetSchema = z
  .string({ error: 'expected a MongoDB target like "mongodb://localhost:27017"' })
  .regex(MONGO_TARGET, { error: 'expected a MongoDB target like "mongodb://localhost:27017" (host and port, nothing else)' })
  .describe("Where the harness connects; localhost means the scenario's published ports");

/** Where a mongo check reads or writes. */
export const mongoNamespace = {
  target: mongoTargetSchema,
  database: nonEmpty("a database name"),
  collection: nonEmpty("a collection name"),
};

/** `mongodb://localhost:27017` as the scenario sees it -> where the harness reaches it (the sandbox's published port). */
function harnessUri(context: CheckContext, target: string): string {
  const match = /^mongodb:\/\/([^/:]+):(\d+)$/.exec(target);
  if (!match) throw new StepError("E_TARGET", `expected a MongoDB target like mongodb://localhost:27017, found "${target}"`);
  const address = harnessAddress(context, match[1] ?? "", Number(match[2]));
  return `mongodb://${address.host}:${address.port}/?directConnection=true`;
}

/** One short-lived client per attempt: a restarted server must not be judged through a stale pool. */
export async function withMongoClient<T>(context: CheckContext, target: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const timeout = context.attemptTimeoutMs;
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
