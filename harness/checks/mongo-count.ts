import { z } from "zod";
import { withMs } from "./duration.js";
import { checkShape } from "./step-fields.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";
import { numberOf } from "./evidence-values.js";
import { mongoAttempt, mongoNamespace, withMongoClient } from "./mongo-client.js";
import { redactMongoTarget } from "./target.js";

const COUNT = "expected a document count (an integer >= 0)";

const schema = z
  .object({
    ...checkShape,
    check: z.literal("mongo-count"),
    ...mongoNamespace,
    equals: z.int({ error: COUNT }).min(0, { error: COUNT }),
  })
  .strict()
  .describe("The collection holds exactly this many documents (evidence: the documents seen)")
  .transform(withMs);

async function run(spec: z.output<typeof schema>, context: CheckContext): Promise<CheckOutcome> {
  const expected = `${spec.equals} document(s) in ${spec.database}.${spec.collection}`;
  return mongoAttempt(redactMongoTarget(spec.target), expected, () => countIn(spec, context));
}

async function countIn(spec: z.output<typeof schema>, context: CheckContext): Promise<CheckOutcome> {
  const { target, database, collection, equals } = spec;
  const { seen, count } = await withMongoClient(context, target, async (client) => {
    const documents = client.db(database).collection(collection);
    return {
      seen: await documents
        .find({}, { projection: { _id: 0 } })
        .limit(50)
        .toArray(),
      count: await documents.countDocuments(),
    };
  });
  const namespace = `${database}.${collection}`;
  const evidence = { target: redactMongoTarget(target), namespace, count, expected: equals, documents: seen.slice(0, 10) };
  return count === equals
    ? { passed: true, message: `${count} document(s) in ${namespace} (expected ${equals})`, evidence }
    : { passed: false, message: `expected ${equals} document(s) in ${namespace}, found ${count}`, evidence };
}

export const mongoCountCheck = defineCheck({
  kinds: ["mongo-count"],
  schemas: [schema],
  variableFields: ["target", "database", "collection"],
  describe: (spec) => `${spec.database}.${spec.collection} holds ${spec.equals} document(s)`,
  run,
  words: (evidence) => {
    const count = numberOf(evidence.count);
    const expected = numberOf(evidence.expected);
    if (count === null) return [];
    // "0 documents" rather than "0 of 0": a count expected to be 0 has nothing to be out of.
    const amount = expected === null || (expected === 0 && count === 0) ? `${count}` : `${count} of ${expected}`;
    return [`${amount} documents${typeof evidence.namespace === "string" ? ` in ${evidence.namespace}` : ""}`];
  },
});
