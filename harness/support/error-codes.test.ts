import { describe, expect, it } from "vitest";
import {
  BUILD_ERROR_CODES,
  DOCKER_ERROR_CODES,
  ENGINE_ERROR_CODES,
  HARNESS_ERROR_CODES,
  IMAGE_ERROR_CODES,
  INPUT_ERROR_CODES,
  REGISTRY_ERROR_CODES,
  SANDBOX_ERROR_CODES,
  STEP_ERROR_CODES,
} from "./error-codes.js";
import { DockproofError, StepError } from "./errors.js";

const TABLES = {
  BUILD_ERROR_CODES,
  DOCKER_ERROR_CODES,
  ENGINE_ERROR_CODES,
  HARNESS_ERROR_CODES,
  IMAGE_ERROR_CODES,
  INPUT_ERROR_CODES,
  REGISTRY_ERROR_CODES,
  SANDBOX_ERROR_CODES,
  STEP_ERROR_CODES,
};

describe("error codes", () => {
  it("are unique across every concern's table", () => {
    const all = Object.values(TABLES).flatMap((table) => Object.values(table));
    expect(new Set(all).size).toBe(all.length);
  });

  it("type the code of every DockproofError: an unlisted code does not compile (tsc checks the expect-error)", () => {
    // @ts-expect-error "E_NOT_A_CODE" is in no table; `npm run lint` fails if this line ever compiles.
    const unlisted = new DockproofError("E_NOT_A_CODE", "never thrown");
    expect(unlisted.code).toBe("E_NOT_A_CODE");
    expect(new StepError(STEP_ERROR_CODES.hang, "hangs").code).toBe("E_HANG");
  });
});
