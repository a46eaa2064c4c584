import pLimit from "p-limit";
import type { DockerEngine } from "../images/engines.js";
import type { RunReport, ScenarioReport } from "../report/report-types.js";
import { REPORT_VERSION } from "../report/report-types.js";
import { sandboxProvider } from "../sandbox/sandbox-provider.js";
import { prepareEnvironment, PROBE_REF, type EnvironmentOptions } from "./prepare-environment.js";
import { runScenario, type Isolation } from "./run-scenario.js";
import type { ScenarioPlan } from "./scenario-plan.js";
import type { RunEventListener } from "./run-events.js";

export interface SuiteOptions extends Omit<EnvironmentOptions, "refs"> {
  /** Sandboxes at once; isolation "host" always runs one at a time (the scenarios share one engine). */
  concurrency: number;
  onEvent?: RunEventListener;
}

/** Every scenario on every engine: each (scenario, engine) is one result. */
export async function runSuite(plans: readonly ScenarioPlan[], options: SuiteOptions): Promise<RunReport> {
  const started = performance.now();
  const emit = options.onEvent ?? (() => {});
  const environment = await prepareEnvironment({
    ...options,
    refs: plans.flatMap((plan) => plan.images),
    log: (message) => emit({ type: "log", message }),
  });
  const limit = pLimit(options.isolation === ("host" satisfies Isolation) ? 1 : Math.max(1, options.concurrency));
  const runs = environment.engines.flatMap((engine) => {
    const sandboxes = sandboxProvider({ ...environment, dindImage: engine.dindImage, isolation: options.isolation, probeRef: PROBE_REF });
    const name = options.isolation === "host" ? "host" : engine.name;
    return plans.map((plan) => ({ plan, sandboxes, name }));
  });
  const scenarios: ScenarioReport[] = await Promise.all(
    runs.map(({ plan, sandboxes, name }) =>
      limit(() =>
        runScenario(plan, {
          sandboxes,
          engine: name,
          probeRef: PROBE_REF,
          unavailableImages: environment.unavailable,
          ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        }),
      ),
    ),
  );
  return { version: REPORT_VERSION, durationMs: performance.now() - started, images: environment.images, scenarios };
}

export type { DockerEngine };
