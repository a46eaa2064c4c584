import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { composeLineOf } from "./compose-line.js";

const COMPOSE = ["services:", "  mongo:", "    image: mongo", "  backend:", "    build: .", "    environment:", "      DB_HOST: mongoo", ""].join(
  "\n",
);
const lessonFile = { path: "docker-compose.yml", lines: [30, 36] as [number, number], offset: 0, text: COMPOSE };
const notResolved = { from: "app-backend-1", name: "mongoo", resolved: false, addresses: [] };

describe("composeLineOf: where a compose file wrote the name a check failed on", () => {
  it("names the compose file's line and the lesson line it came from", async () => {
    expect(await composeLineOf(notResolved, "/nonexistent", [lessonFile])).toEqual({
      text: '"mongoo" is written at docker-compose.yml line 7 (lesson line 36)',
      lessonLine: 36,
    });
    const unreachable = { from: "app-backend-1", target: "tcp://mongoo:27017", reachable: false };
    expect((await composeLineOf(unreachable, "/nonexistent", [lessonFile]))?.lessonLine).toBe(36);
  });

  it("names a compose file of the working folder by its line alone", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "dockproof-compose-line-"));
    await writeFile(join(cwd, "compose.yaml"), COMPOSE);
    expect(await composeLineOf(notResolved, cwd, [])).toEqual({ text: '"mongoo" is written at compose.yaml line 7', lessonLine: null });
  });

  it("the twin: a name that resolved, one no compose file writes, or localhost, names nothing", async () => {
    expect(await composeLineOf({ ...notResolved, resolved: true }, "/nonexistent", [lessonFile])).toBeNull();
    expect(await composeLineOf({ ...notResolved, name: "redis" }, "/nonexistent", [lessonFile])).toBeNull();
    expect(await composeLineOf({ target: "tcp://localhost:27017", reachable: false }, "/nonexistent", [lessonFile])).toBeNull();
    const dockerfile = { ...lessonFile, path: "Dockerfile", text: "FROM node:20\nENV DB_HOST=mongoo\n" };
    expect(await composeLineOf(notResolved, "/nonexistent", [dockerfile])).toBeNull();
  });
});
