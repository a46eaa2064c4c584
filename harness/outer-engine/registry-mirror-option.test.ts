import { describe, expect, it } from "vitest";
import { parseRegistryMirrors, REGISTRY_MIRROR_ENV, registryMirrorFlags, registryMirrorsFromEnv } from "./registry-mirror-option.js";

describe("parseRegistryMirrors", () => {
  it("takes comma-separated http(s) URLs, normalised as dockerd stores them, each once", () => {
    expect(parseRegistryMirrors(" http://127.0.0.1:5000 , https://10.0.0.6/,http://127.0.0.1:5000/")).toEqual([
      "http://127.0.0.1:5000/",
      "https://10.0.0.6/",
    ]);
    expect(registryMirrorFlags(parseRegistryMirrors("http://10.0.0.5:5000"))).toEqual(["--registry-mirror=http://10.0.0.5:5000/"]);
  });

  it("means no mirror when unset or blank", () => {
    expect(parseRegistryMirrors(undefined)).toEqual([]);
    expect(registryMirrorsFromEnv({ [REGISTRY_MIRROR_ENV]: " , " })).toEqual([]);
    expect(registryMirrorsFromEnv({})).toEqual([]);
  });

  it.each([
    ["10.0.0.5:5000", "not a URL"],
    ["ftp://10.0.0.5", "scheme ftp"],
    ["http://user:secret@10.0.0.5:5000", "credentials in the URL"],
    ["http://10.0.0.5:5000/v2/", "a path, query or fragment"],
    ["http://10.0.0.5:5000/?x=1", "a path, query or fragment"],
  ])("refuses %s, naming the variable and why (%s)", (value, why) => {
    expect(() => registryMirrorsFromEnv({ [REGISTRY_MIRROR_ENV]: `http://127.0.0.1:5000,${value}` })).toThrow(
      expect.objectContaining({
        code: "E_REGISTRY_MIRROR",
        message: expect.stringMatching(new RegExp(`^DOCKPROOF_REGISTRY_MIRROR: expected .* found "${value.replace(/[.?/]/g, "\\$&")}" \\(${why}`)),
      }),
    );
  });
});
