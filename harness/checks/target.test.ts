import { describe, expect, it } from "vitest";
import { MONGO_TARGET_PATTERN, parseMongoTarget, parseTarget, redactMongoTarget, targetSchema } from "./target.js";

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

describe("MongoDB targets with credentials", () => {
  it.each([
    "mongodb://localhost:27017",
    "mongodb://admin:secret@localhost:27017",
    "mongodb://admin:${password}@localhost:27017",
    "mongodb://${user}:${password}@db:${port}",
    "mongodb://admin@localhost:27017",
  ])("the pattern accepts %s", (text) => expect(MONGO_TARGET_PATTERN.test(text)).toBe(true));

  it.each(["mongodb://localhost", "mongodb://a:b@localhost:27017/admin", "mongodb://localhost:27017/?authSource=x", "mongodb://a:b:c@h:1"])(
    "the pattern rejects %s",
    (text) => expect(MONGO_TARGET_PATTERN.test(text)).toBe(false),
  );

  it("parses the credentials (percent-decoded) and leaves them out when none are given", () => {
    expect(parseMongoTarget("mongodb://admin:s%40cret@localhost:27017")).toEqual({
      host: "localhost",
      port: 27017,
      credentials: { username: "admin", password: "s@cret" },
    });
    expect(parseMongoTarget("mongodb://db:27018")).toEqual({ host: "db", port: 27018, credentials: null });
  });

  it("rejects a leftover variable, a bad port and a malformed escape without showing the password", () => {
    expect(() => parseMongoTarget("mongodb://admin:${password}@localhost:27017")).not.toThrow();
    expect(() => parseMongoTarget("mongodb://admin:x@${host}:27017")).toThrow(expect.objectContaining({ code: "E_TARGET" }));
    expect(() => parseMongoTarget("mongodb://admin:hunter2@h:0")).toThrow(/found "mongodb:\/\/admin:\*\*\*\*@h:0"/);
    expect(() => parseMongoTarget("mongodb://admin:%zz@h:1")).toThrow(/malformed %-escape in "mongodb:\/\/admin:\*\*\*\*@h:1"/);
  });

  it("redacts only the password", () => {
    expect(redactMongoTarget("mongodb://admin:secret@localhost:27017")).toBe("mongodb://admin:****@localhost:27017");
    expect(redactMongoTarget("mongodb://admin@localhost:27017")).toBe("mongodb://admin@localhost:27017");
    expect(redactMongoTarget("mongodb://localhost:27017")).toBe("mongodb://localhost:27017");
  });
});
