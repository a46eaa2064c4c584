import { describe, expect, it } from "vitest";
import { composeInvocation, composeProjectName } from "./compose-argv.js";
import { linesHolding, readComposeFile } from "./compose-file.js";

const COMPOSE = `services:
  mongo:
    image: mongo
    ports:
      - "27017:27017"
    volumes:
      - mongo_data:/data/db
  backend:
    build: .
    environment:
      - DB_HOST=mongo
    ports:
      - "127.0.0.1:3000:3000/tcp"
      - "9229"
      - target: 80
        published: 8080
  worker:
    build:
      context: ./worker
      dockerfile: Dockerfile.dev
    environment:
      MONGO_URL: mongodb://mongo:27017/app
volumes:
  mongo_data:
`;

describe("readComposeFile", () => {
  it("reads each service's image or build, its literal host ports and where it is written", () => {
    const file = readComposeFile(COMPOSE);
    expect(file.problem).toBeNull();
    expect(file.services).toEqual([
      { name: "mongo", line: 2, image: "mongo", build: null, ports: [27017], containerName: null },
      { name: "backend", line: 8, image: null, build: { context: ".", dockerfile: null }, ports: [3000, 8080], containerName: null },
      { name: "worker", line: 17, image: null, build: { context: "./worker", dockerfile: "Dockerfile.dev" }, ports: [], containerName: null },
    ]);
  });

  it("finds the lines a value is written on: whole, as KEY=value, or as the host of a URL", () => {
    const file = readComposeFile(COMPOSE);
    expect(linesHolding(file, "mongo")).toEqual([2, 3, 11, 22]);
    expect(linesHolding(file, "mongoo")).toEqual([]);
    const misspelt = readComposeFile(COMPOSE.replace("DB_HOST=mongo", "DB_HOST=mongoo"));
    expect(linesHolding(misspelt, "mongoo")).toEqual([11]);
  });

  it("the twin: text that is not a compose file says why and reads no service", () => {
    expect(readComposeFile("services: [a, b]\n")).toMatchObject({ services: [], problem: "expected a `services:` mapping" });
    expect(readComposeFile("services:\n  a: {\n").problem).not.toBeNull();
    expect(readComposeFile('services:\n  a:\n    ports: ["${PORT}:80", "x:80"]\n').services[0]?.ports).toEqual([]);
  });
});

describe("composeInvocation", () => {
  it("reads compose's own options before the subcommand", () => {
    expect(composeInvocation(["docker", "compose", "up", "-d"])).toEqual({ files: [], projectDirectory: null, projectName: null, subcommand: "up" });
    expect(composeInvocation(["docker", "compose", "-f", "a.yml", "--file=b.yml", "-p", "shop", "--project-directory", "app", "ps"])).toEqual({
      files: ["a.yml", "b.yml"],
      projectDirectory: "app",
      projectName: "shop",
      subcommand: "ps",
    });
    expect(composeInvocation(["docker-compose", "down", "-v"])?.subcommand).toBe("down");
  });

  it("the twin: other commands are not compose's", () => {
    expect(composeInvocation(["docker", "run", "compose"])).toBeNull();
    expect(composeInvocation(["docker", "buildx", "build", "."])).toBeNull();
  });

  it("names the project after the folder as compose does", () => {
    expect(composeProjectName("compose-app")).toBe("compose-app");
    expect(composeProjectName("My.App")).toBe("myapp");
    expect(composeProjectName("_work")).toBe("work");
  });
});
