import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialiseRootUser } from "../../fixtures/mongo-compat/src/auth/root-user-init.js";
import { silentLogger } from "../../fixtures/mongo-compat/src/log.js";
import { startInProcess, tempDataDir } from "../../fixtures/mongo-compat/src/test-support/server-process.js";
import { ImageCatalog } from "../images/catalog.js";
import type { CheckContext } from "./check-context.js";
import { mongoCountCheck } from "./mongo-count.js";
import { mongoInsertCheck } from "./mongo-insert.js";
import { mongoReadyCheck } from "./mongo-ready.js";
import { mongoRefusedCheck } from "./mongo-refused.js";
import { SubstituteGapError } from "./substitute-gap.js";
import { specOf } from "./test-support/check-spec.js";
import { fakeContext } from "./test-support/fake-context.js";

// Two stand-ins in this process: `open` as `docker run mongo`, `secured` as `docker run -e MONGO_INITDB_ROOT_*=… mongo`.
type Started = Awaited<ReturnType<typeof startInProcess>>;
let open: Started;
let secured: Started;
let closedPort: number;
const dataDirs: string[] = [];

/** The catalog's own sentences, as the runner hands them to a check that ran against the stand-in. */
const LIMITATIONS = { mongo: [...ImageCatalog.limitationsOf("mongo")] };
const ROLES_NOT_ENFORCED = LIMITATIONS.mongo.find((sentence) => sentence.startsWith("Roles are stored but not enforced")) as string;

/** The scenario's localhost:27017 is `server`'s port, as the sandbox publishes it; the fake docker must stay unasked. */
const at = (port: number): ReturnType<typeof fakeContext> => fakeContext({ ports: { 27017: port }, limitations: LIMITATIONS });

const ANONYMOUS = "mongodb://localhost:27017";
const ROOT = "mongodb://admin:secret@localhost:27017";
const WRONG = "mongodb://admin:wrong@localhost:27017";

beforeAll(async () => {
  const [openDir, securedDir] = await Promise.all([tempDataDir(), tempDataDir()]);
  dataDirs.push(openDir, securedDir);
  expect(await initialiseRootUser(securedDir, "admin", "secret", silentLogger)).toBe("created");
  [open, secured] = await Promise.all([startInProcess(openDir), startInProcess(securedDir, { auth: true })]);
  // A port that was just free: nothing listens there now.
  const gone = createServer();
  await new Promise<void>((resolve) => gone.listen(0, "127.0.0.1", resolve));
  closedPort = (gone.address() as AddressInfo).port;
  await new Promise<void>((resolve) => gone.close(() => resolve()));
});

afterAll(async () => {
  await Promise.all([open?.server.stop(), secured?.server.stop()]);
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Documents put in place (or read back) behind the checks' backs, with the root user where auth is on. */
async function direct<T>(server: Started, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const login = server === secured ? "admin:secret@" : "";
  const client = new MongoClient(`mongodb://${login}127.0.0.1:${server.server.port}/?directConnection=true&serverSelectionTimeoutMS=2000`);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

describe("mongo-ready", () => {
  const ready = (target: string, context: CheckContext) => mongoReadyCheck.run(specOf(mongoReadyCheck, { check: "mongo-ready", target }), context);

  it("passes when the server answers ping, and asks docker nothing", async () => {
    const context = at(open.server.port);
    const outcome = await ready(ANONYMOUS, context);
    expect(outcome).toEqual({
      passed: true,
      message: "mongodb://localhost:27017 answered ping",
      evidence: { target: ANONYMOUS, ping: 1, pingMs: expect.any(Number) },
    });
    expect(context.docker.calls).toEqual([]);
  });

  it("passes with the root user's credentials, never showing the password", async () => {
    const outcome = await ready(ROOT, at(secured.server.port));
    expect(outcome.passed, outcome.message).toBe(true);
    expect(outcome.message).toBe("mongodb://admin:****@localhost:27017 answered ping");
    expect(JSON.stringify(outcome)).not.toContain("secret");
  });

  it("the twin: fails (for eventually to retry) on a port where nothing listens", async () => {
    const outcome = await ready(ANONYMOUS, { ...at(closedPort), attemptTimeoutMs: 300 });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/^expected mongodb:\/\/localhost:27017 to answer ping; found .*ECONNREFUSED/);
    expect(outcome.evidence).toEqual({ target: ANONYMOUS, error: expect.stringContaining(`ECONNREFUSED 127.0.0.1:${closedPort}`) });
  });

  it("fails on a wrong password, with the password redacted", async () => {
    const outcome = await ready(WRONG, at(secured.server.port));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe(
      "expected mongodb://admin:****@localhost:27017 to answer ping; found Authentication failed. (AuthenticationFailed, 18)",
    );
    expect(outcome.evidence).toEqual({
      target: "mongodb://admin:****@localhost:27017",
      error: "Authentication failed. (AuthenticationFailed, 18)",
      code: 18,
      codeName: "AuthenticationFailed",
    });
  });
});

describe("mongo-insert", () => {
  const insert = (target: string, collection: string, documents: unknown[], context: CheckContext) =>
    mongoInsertCheck.run(specOf(mongoInsertCheck, { check: "mongo-insert", target, database: "shop", collection, documents }), context);

  it("passes when every document is acknowledged, and they are there afterwards", async () => {
    const context = at(open.server.port);
    const outcome = await insert(ANONYMOUS, "inserted", [{ name: "apple" }, { name: "pear" }], context);
    expect(outcome).toEqual({
      passed: true,
      message: "2 document(s) inserted into shop.inserted (w:1, j:true)",
      evidence: { target: ANONYMOUS, namespace: "shop.inserted", acknowledged: true, inserted: 2, writeConcern: "w:1, j:true" },
    });
    const stored = await direct(open, (client) =>
      client
        .db("shop")
        .collection("inserted")
        .find({}, { projection: { _id: 0 } })
        .toArray(),
    );
    expect(stored).toEqual([{ name: "apple" }, { name: "pear" }]);
    expect(context.docker.calls).toEqual([]);
  });

  it("the twin: a refused write fails with the server's refusal (Unauthorized, 13): what the lesson's server said, leaving nothing written", async () => {
    const outcome = await insert(ANONYMOUS, "inserted", [{ name: "apple" }], at(secured.server.port));
    expect(outcome).toMatchObject({
      passed: false,
      message: expect.stringMatching(
        /^expected 1 acknowledged insert\(s\) into shop\.inserted; found .*requires authentication.* \(Unauthorized, 13\)$/,
      ),
      evidence: { target: ANONYMOUS, code: 13, codeName: "Unauthorized" },
    });
    expect(await direct(secured, (client) => client.db("shop").collection("inserted").countDocuments())).toBe(0);
  });

  it("a duplicate _id fails with the bulk write error (E11000)", async () => {
    const outcome = await insert(ANONYMOUS, "duplicates", [{ _id: 1 }, { _id: 1 }], at(open.server.port));
    expect(outcome).toMatchObject({ passed: false, evidence: { code: 11000 } });
    expect(outcome.message).toMatch(/^expected 2 acknowledged insert\(s\) into shop\.duplicates; found .*duplicate key/);
  });

  it("anything but the driver's answer is thrown on: a port the lesson never published, a bug", async () => {
    const unpublished = fakeContext({ ports: {} });
    await expect(insert(ANONYMOUS, "inserted", [{ name: "apple" }], unpublished)).rejects.toMatchObject({
      code: "E_NOT_PUBLISHED",
      message: "expected localhost:27017 to be published by the lesson's commands; found published: none",
    });
  });
});

describe("mongo-count", () => {
  const count = (collection: string, equals: number, context: CheckContext, target = ANONYMOUS) =>
    mongoCountCheck.run(specOf(mongoCountCheck, { check: "mongo-count", target, database: "shop", collection, equals }), context);

  beforeAll(() =>
    direct(open, (client) =>
      client
        .db("shop")
        .collection("counted")
        .insertMany([{ name: "apple" }, { name: "pear" }]),
    ),
  );

  it("passes on the exact count, showing the documents without their _id", async () => {
    const context = at(open.server.port);
    const outcome = await count("counted", 2, context);
    expect(outcome).toEqual({
      passed: true,
      message: "2 document(s) in shop.counted (expected 2)",
      evidence: { target: ANONYMOUS, namespace: "shop.counted", count: 2, expected: 2, documents: [{ name: "apple" }, { name: "pear" }] },
    });
    expect(context.docker.calls).toEqual([]);
  });

  it("the twin: fails on another count", async () => {
    const outcome = await count("counted", 3, at(open.server.port));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe("expected 3 document(s) in shop.counted, found 2");
    expect(outcome.evidence).toMatchObject({ count: 2, expected: 3 });
  });

  it("a collection never written holds 0 documents; expecting 1 there fails", async () => {
    expect(await count("never-written", 0, at(open.server.port))).toMatchObject({ passed: true, evidence: { count: 0, documents: [] } });
    expect(await count("never-written", 1, at(open.server.port))).toMatchObject({
      passed: false,
      message: "expected 1 document(s) in shop.never-written, found 0",
    });
  });

  it("fails with the server's refusal when it cannot read (unauthenticated against --auth)", async () => {
    expect(await count("counted", 0, at(secured.server.port))).toMatchObject({
      passed: false,
      message: expect.stringMatching(/^expected 0 document\(s\) in shop\.counted; found .*\(Unauthorized, 13\)$/),
      evidence: { code: 13, codeName: "Unauthorized" },
    });
  });
});

describe("mongo-refused", () => {
  const refused = (target: string, context: CheckContext, operation?: "insert" | "find") =>
    mongoRefusedCheck.run(
      specOf(mongoRefusedCheck, { check: "mongo-refused", target, database: "shop", collection: "items", ...(operation ? { operation } : {}) }),
      context,
    );

  it("passes when --auth refuses an unauthenticated insert (Unauthorized, 13)", async () => {
    const context = at(secured.server.port);
    const outcome = await refused(ANONYMOUS, context);
    expect(outcome).toEqual({
      passed: true,
      message: 'mongodb://localhost:27017 refused insert on shop.items: Unauthorized (13) "Command insert requires authentication"',
      evidence: {
        target: ANONYMOUS,
        namespace: "shop.items",
        operation: "insert",
        refused: true,
        code: 13,
        codeName: "Unauthorized",
        errmsg: "Command insert requires authentication",
      },
    });
    expect(context.docker.calls).toEqual([]);
  });

  it("passes on an unauthenticated find too", async () => {
    const outcome = await refused(ANONYMOUS, at(secured.server.port), "find");
    expect(outcome.passed, outcome.message).toBe(true);
    expect(outcome.evidence).toMatchObject({ operation: "find", code: 13, errmsg: "Command find requires authentication" });
  });

  it("passes when a wrong password is refused at login (AuthenticationFailed, 18)", async () => {
    const outcome = await refused(WRONG, at(secured.server.port));
    expect(outcome.passed, outcome.message).toBe(true);
    expect(outcome.message).toBe(
      'mongodb://admin:****@localhost:27017 refused insert on shop.items: AuthenticationFailed (18) "Authentication failed."',
    );
    expect(outcome.evidence).toMatchObject({
      target: "mongodb://admin:****@localhost:27017",
      refused: true,
      code: 18,
      codeName: "AuthenticationFailed",
    });
  });

  it("the twin: fails when a server without --auth accepts the insert", async () => {
    const outcome = await refused(ANONYMOUS, at(open.server.port));
    expect(outcome).toEqual({
      passed: false,
      message: "expected mongodb://localhost:27017 to refuse insert on shop.items; it was accepted",
      evidence: { target: ANONYMOUS, namespace: "shop.items", operation: "insert", refused: false },
    });
  });

  it("fails when nothing answers: no refusal is not a refusal", async () => {
    const outcome = await refused(ANONYMOUS, { ...at(closedPort), attemptTimeoutMs: 300 });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(
      /^expected mongodb:\/\/localhost:27017 to refuse insert on shop\.items with Unauthorized \(13\) or AuthenticationFailed \(18\); found .*ECONNREFUSED/,
    );
    expect(outcome.evidence).toMatchObject({ refused: false, error: expect.stringContaining("ECONNREFUSED") });
  });

  it("throws SubstituteGapError for an authenticated user: the stand-in does not enforce roles, so no verdict", async () => {
    const error = await refused(ROOT, at(secured.server.port)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SubstituteGapError);
    expect(error).toMatchObject({
      code: "E_SUBSTITUTE_GAP",
      image: "mongo",
      limitation: ROLES_NOT_ENFORCED,
      evidence: { target: "mongodb://admin:****@localhost:27017", operation: "insert", authenticated: true, gitVersion: "dockproof-mongo-compat" },
      message: `that mongodb://admin:****@localhost:27017 refuses insert on shop.items to an authenticated user cannot be verified with dockproof's stand-in for mongo: ${ROLES_NOT_ENFORCED}`,
    });
    // Nothing was written while finding that out.
    expect(await direct(secured, (client) => client.db("shop").collection("items").countDocuments())).toBe(0);
  });
  it("the twin: a catalog without that limitation is dockproof's bug, thrown as such, never a failed refusal", async () => {
    const bare = { ...at(secured.server.port), limitationsOf: () => [] };
    const error = await refused(ROOT, bare).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/declares no limitation starting "Roles are stored but not enforced"/);
  });
});
