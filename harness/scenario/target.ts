/**
 * Targets of reachable/unreachable checks: `tcp://host:port` or `http://host:port/path`.
 * Host and port may hold `${name}` references, so the schema checks the shape and the runner
 * calls parseTarget after expanding variables.
 */
import { z } from "zod";
import { InvalidInputError } from "../support/errors.js";

/** A host, and a port or a `${variable}` holding one: the pieces every target pattern is built from. */
export const HOST = String.raw`[^\s/:?#]+`;
export const PORT = String.raw`\d{1,5}|\$\{[A-Za-z_][A-Za-z0-9_]*\}`;
export const TARGET_PATTERN = new RegExp(String.raw`^(?:tcp://${HOST}:(?:${PORT})|http://${HOST}:(?:${PORT})(?:/\S*)?)$`);
export const TARGET_EXPECTATION = 'expected a target like "tcp://host:port" or "http://host:port/path"';

export interface Target {
  protocol: "tcp" | "http";
  host: string;
  port: number;
  /** Path with query for http targets ("/" when absent); "" for tcp. */
  path: string;
}

const literalPortOk = (text: string) => {
  const port = /:(\d+)(?:\/|$)/.exec(text.replace(/^\w+:\/\//, ""))?.[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
};

export const targetSchema = z
  .string({ error: TARGET_EXPECTATION })
  .regex(TARGET_PATTERN, { error: TARGET_EXPECTATION, abort: true })
  .refine(literalPortOk, { error: `${TARGET_EXPECTATION} with a port 1-65535` });

/** Parses an expanded target (no `${...}` left). */
export function parseTarget(text: string): Target {
  const match = /^(tcp|http):\/\/([^\s/:?#${}]+):(\d{1,5})(\/\S*)?$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65535 || (match[1] === "tcp" && match[4])) {
    throw new InvalidInputError("E_TARGET", `${TARGET_EXPECTATION}, found ${JSON.stringify(text)}`);
  }
  const protocol = match[1] as Target["protocol"];
  return { protocol, host: match[2] as string, port, path: protocol === "http" ? (match[4] ?? "/") : "" };
}
