import { describe, expect, it } from "vitest";
import { commandFacts } from "./command-facts.js";
import { isProseStep } from "./prose-steps.js";

describe("command facts for a draft", () => {
  it("a docker run stays in the foreground unless -d comes before the cluster's first value flag, as docker reads it", () => {
    const foreground = (text: string) => commandFacts(1, text).foreground;
    expect(foreground("docker run -v volume_database:/data/db -p 27017:27017 mongo")).toBe(true);
    expect(foreground("docker run -it ubuntu bash")).toBe(true);
    expect(foreground("docker run mongo -d")).toBe(true); // -d after the image is the container's argument
    expect(foreground("docker run -ed alpine env")).toBe(true); // -e takes "d" as its value
    expect(foreground("docker run -p 27017:27017 -d mongo")).toBe(false);
    expect(foreground("docker run -dp 80:80 nginx")).toBe(false);
    expect(foreground("docker run --detach nginx")).toBe(false);
    expect(foreground("docker container run -d --name web nginx")).toBe(false);
    expect(foreground("docker compose up")).toBe(true);
    expect(foreground("docker compose up -d")).toBe(false);
    expect(foreground("docker volume create v")).toBe(false);
  });

  it("reads the image, --name and build tags; placeholders become variables", () => {
    expect(commandFacts(1, "docker run -d -v v:/data/db --name mongo --network n -p 27017:27017 mongo").run).toEqual({
      image: "mongo",
      name: "mongo",
      detached: true,
    });
    expect(commandFacts(1, "docker build -t image_tag --tag other:1 .").builds).toEqual(["image_tag", "other:1"]);
    const kill = commandFacts(7, "docker kill <container_id>");
    expect(kill).toMatchObject({ line: 7, text: "docker kill ${container_id}", variables: ["container_id"] });
    expect(kill.unrunnable).toBeUndefined();
  });

  it("a command that needs a shell runs in one, as typed; one the loader will not run says why; neither needs a capture", () => {
    const mount = commandFacts(3, "docker run -v $(pwd):/app node:20");
    expect(mount.shell).toMatch(/subshell|\$\(/);
    expect(mount.unrunnable).toBeUndefined();
    expect(mount.variables).toEqual([]);
    // The twin: a host path is refused whatever runs it.
    const host = commandFacts(3, "docker run -v /etc:/host node:20");
    expect(host.unrunnable).toMatch(/host/);
    expect(host.shell).toBeUndefined();
  });

  it("a shell line is read for its docker command: what it runs, whether it stays, what it mounts", () => {
    const serve = commandFacts(5, "docker run -p 8080:80 -v $(pwd)/site:/usr/share/nginx/html nginx");
    expect(serve.shell).toBeDefined();
    expect(serve.unrunnable).toBeUndefined();
    expect(serve.run).toEqual({ image: "nginx", detached: false });
    expect(serve.foreground).toBe(true);
    const detached = commandFacts(5, "docker run -d -v $(pwd)/site:/srv --name web nginx");
    expect(detached.run).toEqual({ image: "nginx", name: "web", detached: true });
    expect(detached.foreground).toBe(false);
    // The twin: a literal host path in a shell line is refused as on a line without one.
    const host = commandFacts(5, "docker run -v /etc:/host-etc alpine cat /host-etc/passwd > out.txt");
    expect(host.unrunnable).toMatch(/host/);
    expect(host.shell).toBeUndefined();
    // A captured value the shell line uses still needs its capture; the shell's own variables do not.
    expect(commandFacts(5, "docker logs <container_id> > $HOME/logs.txt").variables).toEqual(["container_id"]);
  });

  it("prose steps are imperative lines; explanations are not", () => {
    for (const step of [
      "Open it in MongoDB Compass and add some data to it ->",
      "Try to explore the database in Compass and check if the data has persisted (it will!)",
      "1. Clone the repo",
      "2. If you want, you can remove the port mapping for mongo",
    ])
      expect(isProseStep(step), step).toBe(true);
    for (const explanation of [
      "If you restart a mongo docker container, you will notice that your data goes away.",
      "This is because docker containers are transitory (they don’t retain data across restarts)",
      "1. Base Layer: The starting point of an image",
      "Types of networks",
    ])
      expect(isProseStep(explanation), explanation).toBe(false);
  });
});
