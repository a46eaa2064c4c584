import { InvalidInputError } from "../support/errors.js";

export interface NetworkTarget {
  protocol: "tcp" | "http";
  host: string;
  port: number;
  /** For http targets: the whole URL as written. */
  url: string;
}

/** `tcp://host:port` or `http://host:port/path`; anything else is a scenario mistake. */
export function parseNetworkTarget(target: string): NetworkTarget {
  let url: URL;
  try {
    url = new URL(target);
  } catch (error) {
    throw new InvalidInputError("E_TARGET", `expected a target like tcp://host:port or http://host:port/path, found "${target}"`, { cause: error });
  }
  const protocol = url.protocol.replace(/:$/, "");
  if (protocol !== "tcp" && protocol !== "http") {
    throw new InvalidInputError("E_TARGET", `expected a tcp:// or http:// target, found "${target}"`);
  }
  const port = Number(url.port || (protocol === "http" ? 80 : NaN));
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidInputError("E_TARGET", `expected a port 1-65535 in "${target}", found "${url.port}"`);
  }
  return { protocol, host: url.hostname, port, url: target };
}

export const isLocalhost = (host: string): boolean => host === "localhost" || host === "127.0.0.1" || host === "[::1]";
