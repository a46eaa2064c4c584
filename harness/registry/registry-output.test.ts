import { describe, expect, it } from "vitest";
import { OutputTail } from "./registry-output.js";

describe("OutputTail", () => {
  it("reads the requests from distribution's access log lines and keeps other lines for errors", () => {
    const output = new OutputTail();
    const access = '127.0.0.1 - - [02/Dec/2026:01:59:48 +0000] "GET /v2/library/mongo/manifests/latest HTTP/1.1" 404 96 "" "docker/26.1.5"';
    expect(output.request(access)).toBe(true);
    expect(output.request('time="2026-12-02T01:59:47Z" level=info msg="listening on 127.0.0.1:37069"')).toBeUndefined();
    output.add("level=info msg=listening");
    expect(output.requests).toEqual([{ method: "GET", path: "/v2/library/mongo/manifests/latest", status: 404 }]);
    expect(output.describe()).toBe("; its last log lines:\nlevel=info msg=listening");
  });

  it("keeps only the last 40 lines and describes nothing when there were none", () => {
    const output = new OutputTail();
    expect(output.describe()).toBe("");
    for (let index = 0; index < 50; index += 1) output.add(`line ${index}`);
    expect(output.describe().split("\n").slice(1)).toEqual(Array.from({ length: 15 }, (_, index) => `line ${index + 35}`));
  });
});
