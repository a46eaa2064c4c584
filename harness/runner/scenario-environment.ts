import type { RunEventListener } from "../model/run-events.js";
import type { SandboxProvider } from "../sandbox/sandbox-provider.js";

/** What running one scenario needs besides its plan: where sandboxes come from, which engine, the harness's probe. */
export interface ScenarioEnvironment {
  sandboxes: SandboxProvider;
  /** The engine's name (`modern`, `legacy`, `host`): the scenario's result is this engine's. */
  engine: string;
  /** The harness's own probe image (every sandbox has it: checks run side-cars from it). */
  probeRef: string;
  /** Images this machine cannot have (ref -> why): a scenario naming one is skipped before any sandbox starts. */
  unavailableImages?: ReadonlyMap<string, string>;
  onEvent?: RunEventListener;
}
