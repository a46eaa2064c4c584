import { StepError } from "../support/errors.js";

/**
 * A check reaches `localhost:P` (the scenario's localhost: the ports the lesson's commands published), and the lesson
 * never published P. That is what the lesson's commands did, on a healthy sandbox: the lesson's failure, never a fault
 * of this machine. `unreachable` takes it as its answer; every other check that reaches the port fails with it.
 */
export class PortNotPublishedError extends StepError {
  constructor(
    readonly port: number,
    readonly published: readonly number[],
  ) {
    super(
      "E_NOT_PUBLISHED",
      `expected localhost:${port} to be published by the lesson's commands; found published: ${published.length ? published.join(", ") : "none"}`,
    );
  }
}
