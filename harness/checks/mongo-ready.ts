import { z } from "zod";
import { withMs } from "./duration.js";
import { checkShape } from "./step-fields.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";
import { mongoAttempt, mongoTargetSchema, withMongoClient } from "./mongo-client.js";
import { redactMongoTarget } from "./target.js";

const schema = z
  .object({ ...checkShape, check: z.literal("mongo-ready"), target: mongoTargetSchema })
  .strict()
  .describe("MongoDB answers ping (use eventually for the start-up wait)")
  .transform(withMs);

async function run(spec: z.output<typeof schema>, context: CheckContext): Promise<CheckOutcome> {
  const target = redactMongoTarget(spec.target);
  const started = performance.now();
  return mongoAttempt(target, `${target} to answer ping`, async () => {
    const reply = await withMongoClient(context, spec.target, (client) => client.db("admin").command({ ping: 1 }));
    return {
      passed: true,
      message: `${target} answered ping`,
      evidence: { target, ping: reply.ok, pingMs: Math.round(performance.now() - started) },
    };
  });
}

export const mongoReadyCheck = defineCheck({
  kinds: ["mongo-ready"],
  schemas: [schema],
  variableFields: ["target"],
  describe: (spec) => `mongo answers ping at ${redactMongoTarget(spec.target)}`,
  run,
  words: (evidence) =>
    typeof evidence.target !== "string" ? [] : [`${evidence.target} ${"ping" in evidence ? "answered ping" : "did not answer ping"}`],
});
