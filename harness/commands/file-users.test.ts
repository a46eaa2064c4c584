import { describe, expect, it } from "vitest";
import { commandUsesFile } from "./file-users.js";

/** Command as run | the lesson file's path | whether the command used it. Each "no" is a twin of a "yes" above it. */
const CASES = `
docker compose up -d                                      | compose.yaml         | yes
docker compose up -d                                      | docker-compose.yml   | yes
docker-compose up                                         | docker-compose.yaml  | yes
docker compose up -d                                      | web.yaml             | no
docker compose -f deploy/web.yaml up -d                   | deploy/web.yaml      | yes
docker compose --file=./deploy/web.yaml up                | deploy/web.yaml      | yes
docker compose -f other.yaml up -d                        | compose.yaml         | no
docker compose -p shop -f web.yaml logs -f                | web.yaml             | yes
docker compose logs -f web                                | compose.yaml         | yes
docker build -t app .                                     | src/server.js        | yes
docker build -t app ./app                                 | app/server.js        | yes
docker build -t app ./app                                 | lib/util.js          | no
docker build -f app/Dockerfile.dev -t app app             | app/server.js        | yes
docker run -d -v ./site:/usr/share/nginx/html nginx       | site/index.html      | yes
docker run -d -v ./site:/usr/share/nginx/html nginx       | nginx.conf           | no
docker run -d -v \${PWD}/nginx.conf:/etc/nginx/nginx.conf nginx | nginx.conf      | yes
node server.js                                            | server.js            | yes
cat ./config/app.json                                     | config/app.json      | yes
docker logs app                                           | app/server.js        | no
docker ps                                                 | compose.yaml         | no
sh -c "cd /tmp && docker compose up -d"                   | compose.yaml         | yes
docker compose --project-directory app up -d              | app/compose.yaml     | yes
docker compose --project-directory app up -d              | compose.yaml         | no
`
  .trim()
  .split("\n")
  .map((row) => row.split("|").map((cell) => cell.trim()) as [string, string, string]);

describe("which commands used a file written from the lesson", () => {
  // `logs -f` follows: only compose's own options, before its subcommand, name a file, so the default is read.
  // A container named like a folder (`docker logs app`) names no path.
  it.each(CASES)("%s uses %s: %s", (command, file, used) => {
    expect(commandUsesFile(command, file)).toBe(used === "yes");
  });
});

describe("what a build reads by name, apart from what its context holds", () => {
  it("its Dockerfile and .dockerignore are read; a compose file in its context only held", () => {
    expect(commandUsesFile("docker build -t app .", ".dockerignore", "read")).toBe(true);
    expect(commandUsesFile("docker build -t app .", "Dockerfile", "read")).toBe(true);
    expect(commandUsesFile("docker build -f app/Dockerfile.dev app", "app/Dockerfile.dev", "read")).toBe(true);
    expect(commandUsesFile("docker build -t app .", "docker-compose.yml", "read")).toBe(false);
    // Twin: as a context, the build holds the compose file (a `COPY . .` may take it).
    expect(commandUsesFile("docker build -t app .", "docker-compose.yml")).toBe(true);
  });
});
