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

/** `user:password@` before a MongoDB host; each part literal (percent-encoded as in any URI) or a `${variable}`. */
const USERINFO = String.raw`[^\s/:@?#]+(?::[^\s/:@?#]*)?@`;
export const MONGO_TARGET_PATTERN = new RegExp(`^mongodb://(?:${USERINFO})?${HOST}:(?:${PORT})$`);
export const MONGO_TARGET_EXPECTATION =
  'expected a MongoDB target like "mongodb://localhost:27017" or "mongodb://user:password@localhost:27017" (credentials, host and port, nothing else)';

export interface MongoTarget {
  host: string;
  port: number;
  /** Null when the target names no user: the harness connects unauthenticated. */
  credentials: { username: string; password: string } | null;
}

const decoded = (part: string, text: string): string => {
  try {
    return decodeURIComponent(part);
  } catch (cause) {
    throw new InvalidInputError("E_TARGET", `${MONGO_TARGET_EXPECTATION}, found a malformed %-escape in ${JSON.stringify(redactMongoTarget(text))}`, {
      cause,
    });
  }
};

/** Parses an expanded MongoDB target (no `${...}` left). */
export function parseMongoTarget(text: string): MongoTarget {
  const match = /^mongodb:\/\/(?:([^\s/:@?#]+)(?::([^\s/:@?#]*))?@)?([^\s/:@?#${}]+):(\d{1,5})$/.exec(text);
  const port = Number(match?.[4]);
  if (!match || port < 1 || port > 65535)
    throw new InvalidInputError("E_TARGET", `${MONGO_TARGET_EXPECTATION}, found ${JSON.stringify(redactMongoTarget(text))}`);
  const [, username, password, host] = match;
  return {
    host: host as string,
    port,
    credentials: username === undefined ? null : { username: decoded(username, text), password: decoded(password ?? "", text) },
  };
}

/** The target as reports show it: the password never leaves the run (a captured one would otherwise be in every report). */
export function redactMongoTarget(text: string): string {
  return text.replace(/^(mongodb:\/\/[^\s/:@?#]+:)[^\s/@?#]*@/, "$1****@");
}

/** Any `scheme://user:password@` in a text with its password shown as `****` (a value taken from a lesson line). */
export function redactPasswords(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s/:@?#]+:)[^\s/@?#]*@/gi, "$1****@");
}
