import { z } from "zod";
import { withMs } from "./duration.js";
import { checkShape, nonEmpty, textExpectationSchema } from "./step-fields.js";
import { parseTarget, targetSchema } from "./target.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";
import { fromWhere } from "./evidence-values.js";
import { type ReachAttempt, reachFromContainer, reachFromHarness, type ResponseExpectation, responseFailures } from "./reach-probe.js";
import { PortNotPublishedError } from "./unpublished-port.js";

const HTTP_RESPONSE_ONLY = "expected `response` only with an http:// target (a tcp:// target has no HTTP status or body)";
const HTTP_STATUS = "expected an HTTP status code (an integer 100-599)";

const httpResponseSchema = z
  .object({
    status: z
      .int({ error: HTTP_STATUS })
      .min(100, { error: HTTP_STATUS })
      .max(599, { error: HTTP_STATUS })
      .optional()
      .describe("The status the answer must have"),
    body: textExpectationSchema.optional().describe("What the answer's body must (not) contain or match"),
  })
  .strict()
  .describe("For http:// targets: what the answer must be; without it any HTTP answer counts as reachable");

/** Keys `reachable` and `unreachable` share after `check`; only `reachable` may say what the answer must be. */
const reachShape = {
  target: targetSchema,
  from: nonEmpty("a container name or id").optional().describe("Container to connect from; absent means from the harness"),
};

const reachableSchema = z
  .object({ ...checkShape, check: z.literal("reachable"), ...reachShape, response: httpResponseSchema.optional() })
  .strict()
  .refine((step) => step.response === undefined || step.target.startsWith("http://"), { path: ["response"], error: HTTP_RESPONSE_ONLY })
  .transform(withMs);

const unreachableSchema = z
  .object({ ...checkShape, check: z.literal("unreachable"), ...reachShape })
  .strict()
  .transform(withMs);

type ReachSpec = z.output<typeof reachableSchema> | z.output<typeof unreachableSchema>;

/**
 * A port the lesson never published is unreachable from the scenario's localhost: the answer `unreachable` asks for.
 * `reachable` (and anything else thrown) fails the step with it: the lesson's commands did not publish the port.
 */
function unpublishedIsUnreachable(error: unknown, expectReachable: boolean): ReachAttempt {
  if (expectReachable || !(error instanceof PortNotPublishedError)) throw error;
  return { reachable: false, detail: error.message, via: "harness: nothing published on that port" };
}

async function run(spec: ReachSpec, context: CheckContext): Promise<CheckOutcome> {
  const { target, from } = spec;
  const expectReachable = spec.check === "reachable";
  const response: ResponseExpectation | undefined = spec.check === "reachable" ? spec.response : undefined;
  const parsed = parseTarget(target);
  const attempt =
    from === undefined
      ? await reachFromHarness(context, parsed).catch((error: unknown) => unpublishedIsUnreachable(error, expectReachable))
      : await reachFromContainer(context, from, parsed);
  const where = from === undefined ? "the harness (scenario localhost)" : `"${from}"`;
  const evidence = {
    from: from ?? null,
    target,
    reachable: attempt.reachable,
    detail: attempt.detail,
    via: attempt.via,
    ...(attempt.status === undefined ? {} : { status: attempt.status }),
    ...(attempt.body === undefined ? {} : { body: attempt.body.slice(0, 500) }),
  };
  const seen = `${target} is ${attempt.reachable ? "reachable" : "unreachable"} from ${where} (${attempt.detail})`;
  if (attempt.reachable !== expectReachable) {
    return {
      passed: false,
      message: `expected ${target} to be ${expectReachable ? "reachable" : "unreachable"} from ${where}; found ${seen}`,
      evidence,
    };
  }
  const failures = responseFailures(attempt, response);
  return failures.length === 0
    ? { passed: true, message: seen, evidence }
    : { passed: false, message: `${failures.join("; ")} (${target} from ${where})`, evidence };
}

export const reachableCheck = defineCheck<ReachSpec>({
  kinds: ["reachable", "unreachable"],
  schemas: [reachableSchema, unreachableSchema],
  variableFields: ["target", "from", "response.body.contains", "response.body.notContains", "response.body.matches", "response.body.equals"],
  describe: (spec) =>
    `${spec.check} ${spec.target}${spec.from ? ` from ${spec.from}` : ""}${spec.check === "reachable" && spec.response?.status ? `, answering HTTP ${spec.response.status}` : ""}`,
  run,
  words: (evidence) => {
    if (typeof evidence.target !== "string" || typeof evidence.reachable !== "boolean") return [];
    const status = typeof evidence.status === "number" ? ` (HTTP ${evidence.status})` : "";
    return [`${evidence.target} ${evidence.reachable ? "reachable" : "unreachable"} from ${fromWhere(evidence.from)}${status}`];
  },
});
