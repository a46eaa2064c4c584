import { z } from "zod";
import { withMs } from "./duration.js";
import { checkShape } from "./step-fields.js";
import type { CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";

const schema = z
  .object({ ...checkShape, check: z.enum(["values-equal", "values-differ"]), left: z.string(), right: z.string() })
  .strict()
  .describe("Compares two texts, typically captured values such as image ids before and after a rebuild")
  .transform(withMs);

const show = (value: unknown) => JSON.stringify(typeof value === "string" && value.length > 24 ? `${value.slice(0, 21)}…` : value);

export const valuesCompareCheck = defineCheck({
  kinds: ["values-equal", "values-differ"],
  schemas: [schema],
  variableFields: ["left", "right"],
  describe: (spec) => `${spec.left} ${spec.check === "values-equal" ? "equals" : "differs from"} ${spec.right}`,
  run: async (spec): Promise<CheckOutcome> => {
    const { left, right } = spec;
    const expectEqual = spec.check === "values-equal";
    const equal = left === right;
    const evidence = { left, right, equal };
    const seen = equal ? `both are ${JSON.stringify(left)}` : `${JSON.stringify(left)} vs ${JSON.stringify(right)}`;
    return equal === expectEqual
      ? { passed: true, message: seen, evidence }
      : { passed: false, message: `expected the values to ${expectEqual ? "be equal" : "differ"}; found ${seen}`, evidence };
  },
  words: (evidence) =>
    typeof evidence.equal !== "boolean" ? [] : [evidence.equal ? `both ${show(evidence.left)}` : `${show(evidence.left)} ≠ ${show(evidence.right)}`],
});
