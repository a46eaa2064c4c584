import { describe, expect, it } from "vitest";
import { dockerObjects } from "./docker-objects.js";

const of = (line: string) => dockerObjects(line.split(" "));

describe("what a docker command makes and acts on by name", () => {
  it("docker run makes its --name and the named volumes it mounts, and acts on the network it joins", () => {
    expect(of("docker run -d -v volume_database:/data/db --name mongo --network my_custom_network -p 27017:27017 mongo")).toEqual({
      creates: [
        { kind: "volume", name: "volume_database" },
        { kind: "container", name: "mongo" },
      ],
      uses: [{ kind: "network", name: "my_custom_network" }],
    });
    // A bind mount, a built-in network and an unnamed container make and need nothing by name.
    expect(of("docker run -d -v ./site:/usr/share/nginx/html --network host nginx")).toEqual({ creates: [], uses: [] });
  });

  it("rm, stop, logs, exec, port act on containers; their option values are no container names", () => {
    expect(of("docker rm -f web db").uses.map((object) => object.name)).toEqual(["web", "db"]);
    expect(of("docker stop -t 5 web").uses.map((object) => object.name)).toEqual(["web"]);
    expect(of("docker logs --tail 20 -f backend").uses.map((object) => object.name)).toEqual(["backend"]);
    expect(of("docker exec -it web sh -c ls").uses.map((object) => object.name)).toEqual(["web"]);
    expect(of("docker container port db").uses).toEqual([{ kind: "container", name: "db" }]);
    // A value captured at run time is not known before it.
    expect(of("docker kill ${container_id}").uses).toEqual([]);
  });

  it("volumes, networks and compose projects: create makes, rm/inspect/connect/down act", () => {
    expect(of("docker volume create volume_database").creates).toEqual([{ kind: "volume", name: "volume_database" }]);
    expect(of("docker network connect net web").uses).toEqual([
      { kind: "network", name: "net" },
      { kind: "container", name: "web" },
    ]);
    expect(of("docker compose up -d").creates).toEqual([{ kind: "compose project", name: "." }]);
    expect(of("docker compose down -v").uses).toEqual([{ kind: "compose project", name: "." }]);
    expect(of("docker ps -a")).toEqual({ creates: [], uses: [] });
  });
});
