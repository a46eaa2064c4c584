import pLimit from "p-limit";
import type { DockerEngine } from "../images/engines.js";
import type { RunReport, ScenarioReport } from "../model/report-types.js";
import { REPORT_VERSION } from "../model/report-types.js";
import { sandboxProvider } from "../sandbox/sandbox-provider.js";
import { onInterrupt } from "../support/signal-cleanup.js";
import { prepareEnvironment, PROBE_REF, type EnvironmentOptions } from "./prepare-environment.js";
import { prepareSandbox } from "./prepared-sandbox.js";
import { PrestartQueue, type PrestartSetting, prestartAhead } from "./prestart-queue.js";
import { runScenario, type Isolation, type ScenarioEnvironment } from "./run-scenario.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import type { RunEventListener } from "../model/run-events.js";
import { unavailableImageReport } from "./unavailable-images.js";
import { missingTools } from "./missing-tools.js";

export interface SuiteOptions extends Omit<EnvironmentOptions, "refs"> {
  /** Sandboxes at once; isolation "host" always runs one at a time (the scenarios share one engine). */
  concurrency: number;
  /** Sandboxes started while earlier scenarios run (default auto: one per spare core; dind isolation only). */
  prestart?: PrestartSetting;
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
  const host = options.isolation === ("host" satisfies Isolation);
  const concurrency = host ? 1 : Math.max(1, options.concurrency);
  const limit = pLimit(concurrency);
  const runs = environment.engines.flatMap((engine) => {
    const scenarioEnvironment: ScenarioEnvironment = {
      sandboxes: sandboxProvider({ ...environment, dindImage: engine.dindImage, isolation: options.isolation, probeRef: PROBE_REF }),
      engine: host ? "host" : engine.name,
      probeRef: PROBE_REF,
      unavailableImages: environment.unavailable,
      plugins: engine.plugins,
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    };
    return plans.map((plan) => ({ plan, environment: scenarioEnvironment }));
  });
  // Host isolation has one engine the scenarios take turns on: nothing may start on it ahead of its turn.
  await using prestarts = new PrestartQueue(
    runs.length,
    (index) => {
      const run = runs[index];
      if (!run || unavailableImageReport(run.plan, run.environment.engine, environment.unavailable)) return null;
      if (missingTools(run.plan, run.environment.plugins, run.environment.engine)) return null;
      return prepareSandbox(run.plan, run.environment, emit);
    },
    { ahead: host ? 0 : prestartAhead(options.prestart ?? "auto", concurrency), log: (message) => emit({ type: "log", message }) },
  );
  const unregister = onInterrupt(() => prestarts[Symbol.asyncDispose]());
  try {
    const scenarios: ScenarioReport[] = await Promise.all(
      runs.map(({ plan, environment: scenarioEnvironment }, index) =>
        limit(() => {
          // Once this scenario's own sandbox is up, not while it starts: on a small machine, daemons starting all at
          // once slow each other and the steps running beside them (measured: the suite took longer than without).
          const onEvent: RunEventListener = (event) => {
            if (event.type === "sandbox-ready") prestarts.ahead(index);
            scenarioEnvironment.onEvent?.(event);
          };
          return runScenario(plan, { ...scenarioEnvironment, onEvent }, prestarts.take(index));
        }),
      ),
    );
    return { version: REPORT_VERSION, durationMs: performance.now() - started, images: environment.images, scenarios };
  } finally {
    unregister();
  }
}

export type { DockerEngine };
