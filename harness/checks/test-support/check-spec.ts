import type { CheckDefinition, CheckSpecBase } from "../check-definition.js";

/**
 * A raw scenario step through its module's own schemas, as the loader parses it: defaults are applied (`timeout` 10s
 * becomes `timeoutMs`, `atLeast`, `state`, `dockerfile`…) and a step the schema refuses fails the test at once.
 */
export function specOf<Spec extends CheckSpecBase>(definition: CheckDefinition<Spec>, step: Record<string, unknown>): Spec {
  const problems: string[] = [];
  for (const schema of definition.schemas) {
    const parsed = schema.safeParse(step);
    if (parsed.success) return parsed.data;
    problems.push(parsed.error.message);
  }
  throw new Error(`the step ${JSON.stringify(step)} fits no schema of ${definition.kinds.join("/")}: ${problems.join("; ")}`);
}
