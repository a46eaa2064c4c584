import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadPlans } from "../scenario/load-scenarios.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import { explain, runPlan } from "../vitest/provided-environment.js";

const LESSON = ["Securing mongo ->", "", "docker run -d -p 27017:27017 -e MONGO_INITDB_ROOT_USERNAME=admin mongo", ""].join("\n");

/** mongo-compat started with or without the root user, then the checks a lesson on authentication would make. */
async function plan(environment: string): Promise<ScenarioPlan> {
  const dir = await mkdtemp(join(tmpdir(), "dockproof-mongo-credentials-"));
  await mkdir(join(dir, "lessons"));
  await writeFile(join(dir, "lessons", "auth.txt"), LESSON);
  const file = join(dir, "scenario.yaml");
  await writeFile(
    file,
    `schemaVersion: 1
name: mongo refuses the unauthenticated write
lesson: { file: auth.txt, section: "Securing mongo ->" }
images: [mongo]
steps:
  - run: docker run -d --name db -p 27017:27017 ${environment} mongo
  - check: mongo-ready
    target: mongodb://localhost:27017
    eventually: 60s
  - name: the password, as a learner would keep it in a variable
    run: echo secret
    capture: password
  - name: without credentials the write is refused
    check: mongo-refused
    target: mongodb://localhost:27017
    database: shop
    collection: items
  - name: a wrong password is refused
    check: mongo-refused
    target: mongodb://admin:wrong@localhost:27017
    database: shop
    collection: items
    operation: find
  - name: with the root user's credentials the write is accepted
    check: mongo-insert
    target: mongodb://admin:\${password}@localhost:27017
    database: shop
    collection: items
    documents: [{ sku: 1 }]
  - check: mongo-count
    target: mongodb://admin:secret@localhost:27017
    database: shop
    collection: items
    equals: 1
  - name: refusing the authenticated root user would rest on roles, which the stand-in does not enforce
    check: mongo-refused
    target: mongodb://admin:\${password}@localhost:27017
    database: shop
    collection: items
`,
  );
  const { plans, problems } = await loadPlans([file], { lessonsDir: join(dir, "lessons") });
  expect(problems).toEqual([]);
  return plans[0] as ScenarioPlan;
}

describe.concurrent("mongo checks with credentials, against mongo-compat", () => {
  test("MONGO_INITDB_ROOT_* refuses the unauthenticated write with the server's code, accepts the credentialed one", async () => {
    const report = await runPlan(await plan("-e MONGO_INITDB_ROOT_USERNAME=admin -e MONGO_INITDB_ROOT_PASSWORD=secret"));
    const steps = new Map(report.steps.map((step) => [step.name, step]));
    const unauthenticated = steps.get("without credentials the write is refused");
    expect(unauthenticated?.status, explain(report)).toBe("passed");
    expect(unauthenticated?.evidence).toMatchObject({ refused: true, code: 13, codeName: "Unauthorized", operation: "insert" });
    expect(steps.get("a wrong password is refused")?.evidence).toMatchObject({
      refused: true,
      code: 18,
      codeName: "AuthenticationFailed",
      target: "mongodb://admin:****@localhost:27017",
    });
    expect(steps.get("with the root user's credentials the write is accepted")?.status, explain(report)).toBe("passed");
    expect(report.steps.find((step) => step.check === "mongo-count")?.status, explain(report)).toBe("passed");
    // The stand-in cannot lie: it would accept the root user, so the refusal is unverified, citing the catalog's limitation.
    const roles = steps.get("refusing the authenticated root user would rest on roles, which the stand-in does not enforce");
    expect(roles?.status).toBe("unverified");
    expect(roles?.error?.code).toBe("E_SUBSTITUTE_GAP");
    expect(roles?.error?.message).toMatch(/stand-in for mongo: Roles are stored but not enforced/);
    expect(report.status).toBe("unverified");
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: "unverified", text: roles?.error?.message }));
    expect(JSON.stringify(report)).not.toContain("admin:secret@");
  });

  test("the twin: without MONGO_INITDB_ROOT_* the write is accepted, so the refused expectation fails", async () => {
    const report = await runPlan(await plan(""));
    const failed = report.steps.find((step) => step.status === "failed");
    expect(report.status, explain(report)).toBe("failed");
    expect(failed?.name).toBe("without credentials the write is refused");
    expect(failed?.error?.message).toBe("expected mongodb://localhost:27017 to refuse insert on shop.items; it was accepted");
  });
});
