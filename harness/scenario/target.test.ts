import { describe, expect, it } from "vitest";
import { parseTarget, targetSchema } from "./target.js";

describe("targetSchema", () => {
  it.each(["tcp://db:27017", "http://localhost:3000/", "http://backend:3000/api?x=1", "tcp://${ip}:80", "http://${host}:${port}/x"])(
    "accepts %s",
    (text) => expect(targetSchema.safeParse(text).success).toBe(true),
  );

  it.each(["db:27017", "tcp://db", "tcp://db:80/path", "https://x:443/", "http://x/", "tcp://db:0", "tcp://db:70000", "tcp://:80"])(
    "rejects %s with one issue",
    (text) => expect(targetSchema.safeParse(text).error?.issues).toHaveLength(1),
  );
});

describe("parseTarget", () => {
  it("splits an expanded target", () => {
    expect(parseTarget("tcp://10.0.0.2:27017")).toEqual({ protocol: "tcp", host: "10.0.0.2", port: 27017, path: "" });
    expect(parseTarget("http://localhost:3000")).toEqual({ protocol: "http", host: "localhost", port: 3000, path: "/" });
    expect(parseTarget("http://b:1/a?q")).toMatchObject({ path: "/a?q" });
  });

  it("rejects leftovers and bad ports", () => {
    expect(() => parseTarget("tcp://${ip}:80")).toThrow(expect.objectContaining({ code: "E_TARGET" }));
    expect(() => parseTarget("tcp://x:0")).toThrow(/found "tcp:\/\/x:0"/);
  });
});
