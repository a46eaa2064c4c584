import type { z } from "zod";
import type { CheckContext, CheckOutcome } from "./check-context.js";

/** The fields every validated check step has, whatever its kind. */
export interface CheckSpecBase {
  check: string;
  name?: string | undefined;
  cites?: number[] | undefined;
  finding?: string | undefined;
  timeoutMs: number;
  eventuallyMs?: number | undefined;
}

/**
 * Everything one kind of check is, in one place (as goss resources and container-structure-test test types are):
 * its schema, which fields take `${variables}`, how a plan and a report describe it, and how it runs. The schema
 * union, the variable checks, the plan, the runner and the summary words are all derived from the list in index.ts.
 */
export interface CheckDefinition<Spec extends CheckSpecBase = CheckSpecBase> {
  /** The `check:` values this module handles (a pair such as resolves/does-not-resolve shares one). */
  readonly kinds: readonly Spec["check"][];
  /** Validate steps of these kinds: strict objects with `check` as the discriminator (one per shape). */
  readonly schemas: readonly z.ZodType<Spec>[];
  /**
   * Dotted paths of the step's fields whose text may hold `${name}` (a string, or a list of strings): the loader
   * checks each was captured earlier, the runner expands them before `run`.
   */
  readonly variableFields: readonly string[];
  /**
   * Fields naming a file in the working folder that the check reads (with the name used when the field is absent):
   * the loader reads them by the untrusted-file rules, as it does a build's Dockerfile.
   */
  readonly workdirFiles?: ReadonlyArray<{ field: string; fallback: string }>;
  /** The check in words, with its `${variables}` still in place. */
  describe(spec: Spec): string;
  /** One attempt; `eventually` retries it. Throw only when waiting cannot help (a dead container). */
  run(spec: Spec, context: CheckContext): Promise<CheckOutcome>;
  /** What the evidence of a finished attempt says, in a few words for the summary. */
  words(evidence: Record<string, unknown>): string[];
}

/** Identity, typed: each check module's definition keeps its own Spec while the list holds them all. */
export function defineCheck<Spec extends CheckSpecBase>(definition: CheckDefinition<Spec>): CheckDefinition<Spec> {
  return definition;
}

export type SpecOf<T> = T extends CheckDefinition<infer Spec> ? Spec : never;
