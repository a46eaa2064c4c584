import type { CliPlugin } from "../commands/cli-plugins.js";
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
  /**
   * The CLI plugins the engine declares for the image it runs (the substitute's or the official image's): a scenario
   * needing one it lacks is skipped before any sandbox starts. Absent: not declared; the sandbox's docker is asked.
   */
  plugins?: readonly CliPlugin[];
  onEvent?: RunEventListener;
}
