import { z } from "zod";
import { withMs } from "./duration.js";
import { checkShape } from "./step-fields.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";
import { numberOf } from "./evidence-values.js";
import { mongoAttempt, mongoNamespace, withMongoClient } from "./mongo-client.js";
import { redactMongoTarget } from "./target.js";

const schema = z
  .object({
    ...checkShape,
    check: z.literal("mongo-insert"),
    ...mongoNamespace,
    documents: z
      .array(z.record(z.string(), z.unknown()), { error: "expected a list of documents (mappings)" })
      .min(1, { error: "expected at least one document" }),
  })
  .strict()
  .describe("Inserts documents with write concern {w:1, j:true}; passes when all are acknowledged")
  .transform(withMs);

async function run(spec: z.output<typeof schema>, context: CheckContext): Promise<CheckOutcome> {
  const { target, database, collection, documents } = spec;
  const namespace = `${database}.${collection}`;
  const expected = `${documents.length} acknowledged insert(s) into ${namespace}`;
  return mongoAttempt(redactMongoTarget(target), expected, () => insert(spec, context));
}

async function insert(spec: z.output<typeof schema>, context: CheckContext): Promise<CheckOutcome> {
  const { target, database, collection, documents } = spec;
  // j:true so the verdict on persistence does not depend on a flush racing `docker kill` (real mongo loses ~100 ms without it).
  const result = await withMongoClient(context, target, (client) =>
    client
      .db(database)
      .collection(collection)
      .insertMany(
        documents.map((document) => ({ ...document })),
        { writeConcern: { w: 1, j: true } },
      ),
  );
  const namespace = `${database}.${collection}`;
  const evidence = {
    target: redactMongoTarget(target),
    namespace,
    acknowledged: result.acknowledged,
    inserted: result.insertedCount,
    writeConcern: "w:1, j:true",
  };
  return result.acknowledged && result.insertedCount === documents.length
    ? { passed: true, message: `${result.insertedCount} document(s) inserted into ${namespace} (w:1, j:true)`, evidence }
    : { passed: false, message: `expected ${documents.length} acknowledged inserts into ${namespace}, found ${result.insertedCount}`, evidence };
}

export const mongoInsertCheck = defineCheck({
  kinds: ["mongo-insert"],
  schemas: [schema],
  variableFields: ["target", "database", "collection"],
  describe: (spec) => `insert ${spec.documents.length} document(s) into ${spec.database}.${spec.collection}`,
  run,
  words: (evidence) => {
    const inserted = numberOf(evidence.inserted);
    if (inserted === null) return [];
    return [
      `${inserted} ${inserted === 1 ? "document" : "documents"} written${typeof evidence.namespace === "string" ? ` to ${evidence.namespace}` : ""}`,
    ];
  },
});
