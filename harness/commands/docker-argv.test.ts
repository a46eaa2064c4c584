import { describe, expect, it } from "vitest";
import { CommandLineError, expandCommand, parseCommandLine } from "./command-line.js";
import { publishedHostPorts } from "./docker-argv.js";

const argv = (text: string) => expandCommand(parseCommandLine(text), {});

describe("publishedHostPorts", () => {
  it.each([
    ["docker run -p 8080:80 img", [8080]],
    ["docker run -p8080:80 img", [8080]],
    ["docker run -p 127.0.0.1:8081:80 img", [8081]],
    ["docker run -p [::1]:8082:80/udp img", [8082]],
    ["docker run --publish 3000:3000 --publish=27017:27017/tcp img", [3000, 27017]],
    ["docker container run -dp 5000:5000 img", [5000]],
    ["docker create -p 80 -p 127.0.0.1::81 img", []],
    ["docker run -d -v data:/data --name -p -e A=1 img", []],
    ["docker run --rm img -p 9999:1", []],
    ["docker run --network=net -p 1:2 img", [1]],
    ["docker run -- img -p 9999:1", []],
    ["docker ps -p 1:1", []],
    ["docker run -v volume_database:/data/db -p 27017:27017 mongo", [27017]],
  ])("%s → %j", (text, ports) => {
    expect(publishedHostPorts(argv(text))).toEqual(ports);
  });

  it.each([
    ["docker run -p 8000-8010:80 img", /port ranges are not supported/],
    ["docker run -p 8080:80-81 img", /port ranges are not supported/],
    ["docker run -p abc:80 img", /literal port number 1-65535, found "abc"/],
    ["docker run -p 70000:80 img", /found "70000"/],
    ["docker run -p 8080: img", /found ""/],
    ["docker run -p 8080:80/icmp img", /protocol tcp or udp/],
  ])("rejects %s", (text, message) => {
    expect(() => publishedHostPorts(argv(text))).toThrow(CommandLineError);
    expect(() => publishedHostPorts(argv(text))).toThrow(message);
  });
});
