import { MongoClient } from "mongodb";
import { StepError } from "../support/errors.js";
import { harnessAddress, type CheckContext, type CheckOutcome } from "./check-outcome.js";

/** `mongodb://localhost:27017` as the scenario sees it -> where the harness reaches it (the sandbox's published port). */
function harnessUri(context: CheckContext, target: string): string {
  const match = /^mongodb:\/\/([^/:]+):(\d+)$/.exec(target);
  if (!match) throw new StepError("E_TARGET", `expected a MongoDB target like mongodb://localhost:27017, found "${target}"`);
  const address = harnessAddress(context, match[1] ?? "", Number(match[2]));
  return `mongodb://${address.host}:${address.port}/?directConnection=true`;
}

/** One short-lived client per attempt: a restarted server must not be judged through a stale pool. */
async function withClient<T>(context: CheckContext, target: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
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

export async function checkMongoReady(context: CheckContext, target: string): Promise<CheckOutcome> {
  const started = performance.now();
  try {
    const reply = await withClient(context, target, (client) => client.db("admin").command({ ping: 1 }));
    return {
      passed: true,
      message: `${target} answered ping`,
      evidence: { target, ping: reply.ok, pingMs: Math.round(performance.now() - started) },
    };
  } catch (error) {
    return {
      passed: false,
      message: `expected ${target} to answer ping; found ${(error as Error).message}`,
      evidence: { target, error: (error as Error).message },
    };
  }
}

export async function insertMongoDocuments(
  context: CheckContext,
  target: string,
  database: string,
  collection: string,
  documents: ReadonlyArray<Record<string, unknown>>,
): Promise<CheckOutcome> {
  // j:true so the verdict on persistence does not depend on a flush racing `docker kill` (real mongo loses ~100 ms without it).
  const result = await withClient(context, target, (client) =>
    client
      .db(database)
      .collection(collection)
      .insertMany(
        documents.map((document) => ({ ...document })),
        { writeConcern: { w: 1, j: true } },
      ),
  );
  const evidence = {
    target,
    namespace: `${database}.${collection}`,
    acknowledged: result.acknowledged,
    inserted: result.insertedCount,
    writeConcern: "w:1, j:true",
  };
  return result.acknowledged && result.insertedCount === documents.length
    ? { passed: true, message: `${result.insertedCount} document(s) inserted into ${database}.${collection} (w:1, j:true)`, evidence }
    : {
        passed: false,
        message: `expected ${documents.length} acknowledged inserts into ${database}.${collection}, found ${result.insertedCount}`,
        evidence,
      };
}

export async function checkMongoCount(
  context: CheckContext,
  target: string,
  database: string,
  collection: string,
  equals: number,
): Promise<CheckOutcome> {
  const { seen, count } = await withClient(context, target, async (client) => {
    const notes = client.db(database).collection(collection);
    return {
      seen: await notes
        .find({}, { projection: { _id: 0 } })
        .limit(50)
        .toArray(),
      count: await notes.countDocuments(),
    };
  });
  const evidence = { target, namespace: `${database}.${collection}`, count, expected: equals, documents: seen.slice(0, 10) };
  const found = `${count} document(s) in ${database}.${collection}`;
  return count === equals
    ? { passed: true, message: `${found} (expected ${equals})`, evidence }
    : { passed: false, message: `expected ${equals} document(s) in ${database}.${collection}, found ${count}`, evidence };
}
