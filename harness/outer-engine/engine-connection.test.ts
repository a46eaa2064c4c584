import { describe, expect, it } from "vitest";
import { EngineUnavailableError } from "../support/errors.js";
import { cliEnvFromModem } from "./engine-connection.js";

describe("cliEnvFromModem", () => {
  it("points DOCKER_HOST at a unix socket path", () => {
    expect(cliEnvFromModem({ socketPath: "/var/run/docker.sock" }, {})).toEqual({ DOCKER_HOST: "unix:///var/run/docker.sock" });
  });

  it("prefers the socket path over a host", () => {
    expect(cliEnvFromModem({ socketPath: "/run/user/1000/docker.sock", host: "ignored", port: 1 }, {})).toEqual({
      DOCKER_HOST: "unix:///run/user/1000/docker.sock",
    });
  });

  it("points DOCKER_HOST at a plain tcp host and port, without TLS variables", () => {
    const env = cliEnvFromModem({ host: "10.0.0.5", port: 2375, protocol: "http" }, { DOCKER_CERT_PATH: "/certs" });
    expect(env).toEqual({ DOCKER_HOST: "tcp://10.0.0.5:2375" });
  });

  it("keeps a port given as a string and defaults a missing one to 2375", () => {
    expect(cliEnvFromModem({ host: "docker", port: "12375" }, {})).toEqual({ DOCKER_HOST: "tcp://docker:12375" });
    expect(cliEnvFromModem({ host: "docker" }, {})).toEqual({ DOCKER_HOST: "tcp://docker:2375" });
  });

  it("adds DOCKER_TLS_VERIFY and the caller's DOCKER_CERT_PATH for https", () => {
    const env = cliEnvFromModem({ host: "docker.example", port: 2376, protocol: "https", ca: "pem" }, { DOCKER_CERT_PATH: "/home/u/.docker/certs" });
    expect(env).toEqual({ DOCKER_HOST: "tcp://docker.example:2376", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/home/u/.docker/certs" });
  });

  it("defaults https to port 2376 and leaves DOCKER_CERT_PATH out when the caller has none", () => {
    expect(cliEnvFromModem({ host: "docker.example", protocol: "https" }, {})).toEqual({
      DOCKER_HOST: "tcp://docker.example:2376",
      DOCKER_TLS_VERIFY: "1",
    });
  });

  it("throws EngineUnavailableError naming what it found when there is neither socket nor host", () => {
    const attempt = () => cliEnvFromModem({ protocol: "http" }, {});
    expect(attempt).toThrow(EngineUnavailableError);
    expect(attempt).toThrow(expect.objectContaining({ code: "E_ENGINE_ADDRESS" }));
    expect(attempt).toThrow('expected the engine connection to name a socket path or a host, found {"protocol":"http"}');
    expect(() => cliEnvFromModem({ socketPath: "", host: "" }, {})).toThrow(EngineUnavailableError);
  });
});
