import type { MongoClient } from "mongodb";
import { z } from "zod";
import { withMs } from "./duration.js";
import { checkShape } from "./step-fields.js";
import { parseMongoTarget, redactMongoTarget } from "./target.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";
import { numberOf } from "./evidence-values.js";
import { mongoNamespace, withMongoClient } from "./mongo-client.js";
import { SubstituteGapError, substituteLimitation } from "./substitute-gap.js";

/** The server's answers that mean "access refused": mongod's Unauthorized and AuthenticationFailed. */
const REFUSALS: Readonly<Record<number, string>> = { 13: "Unauthorized", 18: "AuthenticationFailed" };
/** What fixtures/mongo-compat answers to buildInfo as gitVersion: how a check knows it talks to the stand-in. */
const STAND_IN_GIT_VERSION = "dockproof-mongo-compat";

const schema = z
  .object({
    ...checkShape,
    check: z.literal("mongo-refused"),
    ...mongoNamespace,
    operation: z.enum(["insert", "find"], { error: 'expected operation "insert" or "find"' }).default("insert"),
  })
  .strict()
  .describe("The server refuses the operation (Unauthorized 13 or AuthenticationFailed 18); evidence: its code and codeName")
  .transform(withMs);

type Spec = z.output<typeof schema>;

async function attempt(client: MongoClient, spec: Spec, shown: string, context: CheckContext): Promise<void> {
  if (parseMongoTarget(spec.target).credentials !== null) {
    // Authenticated already (a wrong password is refused by connect): only roles could refuse now, and the stand-in has none.
    const build = await client.db("admin").command({ buildInfo: 1 });
    if (build.gitVersion === STAND_IN_GIT_VERSION) {
      const claim = `that ${shown} refuses ${spec.operation} on ${spec.database}.${spec.collection} to an authenticated user`;
      throw new SubstituteGapError(claim, "mongo", substituteLimitation(context, "mongo", "Roles are stored but not enforced"), {
        target: shown,
        operation: spec.operation,
        authenticated: true,
        gitVersion: build.gitVersion,
      });
    }
  }
  const documents = client.db(spec.database).collection(spec.collection);
  if (spec.operation === "insert") await documents.insertOne({ dockproof: "refusal probe" }, { writeConcern: { w: 1, j: true } });
  else await documents.findOne({});
}

async function run(spec: Spec, context: CheckContext): Promise<CheckOutcome> {
  const target = redactMongoTarget(spec.target);
  const namespace = `${spec.database}.${spec.collection}`;
  const base = { target, namespace, operation: spec.operation };
  // Loaded with the check (mongo-client.ts says why); withMongoClient has loaded it already, so this costs nothing.
  const { MongoError, MongoServerError } = await import("mongodb");
  try {
    await withMongoClient(context, spec.target, (client) => attempt(client, spec, target, context));
    return {
      passed: false,
      message: `expected ${target} to refuse ${spec.operation} on ${namespace}; it was accepted`,
      evidence: { ...base, refused: false },
    };
  } catch (error) {
    // What the driver says is an observation; anything else (a stand-in gap, a harness bug) is not the server refusing.
    if (error instanceof SubstituteGapError || !(error instanceof MongoError)) throw error;
    if (error instanceof MongoServerError && typeof error.code === "number" && REFUSALS[error.code] !== undefined) {
      const codeName = error.codeName ?? REFUSALS[error.code];
      return {
        passed: true,
        message: `${target} refused ${spec.operation} on ${namespace}: ${codeName} (${error.code}) "${error.errmsg ?? error.message}"`,
        evidence: { ...base, refused: true, code: error.code, codeName, errmsg: error.errmsg ?? error.message },
      };
    }
    const message = (error as Error).message;
    return {
      passed: false,
      message: `expected ${target} to refuse ${spec.operation} on ${namespace} with Unauthorized (13) or AuthenticationFailed (18); found ${message}`,
      evidence: { ...base, refused: false, error: message },
    };
  }
}

export const mongoRefusedCheck = defineCheck({
  kinds: ["mongo-refused"],
  schemas: [schema],
  variableFields: ["target", "database", "collection"],
  describe: (spec) => `${redactMongoTarget(spec.target)} refuses ${spec.operation} on ${spec.database}.${spec.collection}`,
  run,
  words: (evidence) => {
    if (typeof evidence.target !== "string" || typeof evidence.operation !== "string") return [];
    const code = numberOf(evidence.code);
    if (evidence.refused === true && code !== null)
      return [`${evidence.target} refused ${evidence.operation}: ${String(evidence.codeName)} (${code})`];
    return evidence.refused === false ? [`${evidence.target} did not refuse ${evidence.operation}`] : [];
  },
});
