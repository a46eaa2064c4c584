/**
 * Command lines of `run` steps. They are tokenized like a POSIX shell would (quotes, escapes) but
 * executed WITHOUT a shell, as an argv. `${name}` references to captured values stay variable
 * parts inside their token, so a captured value always becomes exactly one argument and is never
 * interpreted by anything.
 */
import { randomBytes } from "node:crypto";
import { parse, type ParseEntry } from "shell-quote";
import { InvalidInputError } from "../support/errors.js";
import { lookupVariable, VARIABLE_NAME } from "./variables.js";

export type CommandPart = { literal: string } | { variable: string };
/** One argv element: literal text and variable references, concatenated. */
export type CommandToken = CommandPart[];
export interface ParsedCommand {
  tokens: CommandToken[];
  /** Distinct variable names in order of first use. */
  variables: string[];
}

export class CommandLineError extends InvalidInputError {
  /** What stops it is shell syntax (a pipe, a redirection, `$HOME`, a glob): in a shell, as a learner types it, it runs. */
  readonly shellSyntax: boolean;

  constructor(message: string, shellSyntax = false) {
    super("E_COMMAND_SYNTAX", message);
    this.shellSyntax = shellSyntax;
  }
}

const NAME = VARIABLE_NAME;
const NAME_RE = new RegExp(`^${NAME}$`);

// shell-quote resolves `${x}` and `$x` alike, so before tokenizing we rewrite "${" and "`" into
// `${<mark>...}` forms. shell-quote then decides the quoting context for us: unquoted or
// double-quoted ones reach the env callback (tagged by the mark), single-quoted or escaped ones
// stay literal text that we rewrite back. The mark is random (no scenario text can forge it) and
// contains `%`, which no variable name can, so a sentinel's name can never run into a mark.
const MARK = `%${randomBytes(12).toString("hex")}%`;
const BRACE = `\${${MARK}b`;
const TICK = `\${${MARK}t}`;
const LONE_DOLLAR = `${MARK}d`;
const variableSentinel = (name: string) => `${MARK}v${name}${MARK}`;
const SENTINEL_RE = new RegExp(`${MARK}v(${NAME})${MARK}`);

const NO_SHELL = "commands run without a shell";

const OPERATOR_ADVICE: Array<[RegExp, string, string]> = [
  [/^\|$/, "a pipe", "split it into separate steps and check output with `expect` or `capture`"],
  [/^(\|\||&&|;;?&?|&|\|&|;&)$/, "a command separator", "write each command as its own step"],
  [/^[<>]|^&>/, "a redirection", "check output with `expect.stdout`/`expect.stderr` or `capture` it"],
  [/^\$?\($|^\)$/, "a subshell or `$(...)` command substitution", "run the inner command as an earlier step with `capture: name` and use `${name}`"],
];

function syntaxError(found: string, advice: string, shellSyntax = true): CommandLineError {
  return new CommandLineError(`${NO_SHELL}, so ${found} is not supported; ${advice}`, shellSyntax);
}

function describeOperator(op: string): CommandLineError {
  for (const [re, what, advice] of OPERATOR_ADVICE) {
    if (re.test(op)) return syntaxError(`${what} (found \`${op}\`)`, advice);
  }
  return syntaxError(`the shell operator \`${op}\``, "remove it");
}

export function parseCommandLine(text: string): ParsedCommand {
  const problems: CommandLineError[] = [];
  const env = (key: string): string => {
    if (key === "") return LONE_DOLLAR;
    if (key === `${MARK}t`) {
      problems.push(
        syntaxError(
          "backtick command substitution (found `` ` ``)",
          "run the inner command as an earlier step with `capture: name` and use `${name}`, or single-quote the backtick",
        ),
      );
    } else if (!key.startsWith(`${MARK}b`)) {
      const hint = NAME_RE.test(key) ? key : "name";
      problems.push(
        syntaxError(
          `a plain \`$${key}\` without braces`,
          `write \`\${${hint}}\` for a captured variable, or single-quote it ('$${key}') to pass it literally`,
        ),
      );
    } else {
      const inner = key.slice(MARK.length + 1);
      if (NAME_RE.test(inner)) return variableSentinel(inner);
      problems.push(syntaxError(`the substitution \`\${${inner}}\``, "write `${name}` with a name made of letters, digits and _", false));
    }
    return "";
  };

  let entries: ParseEntry[];
  try {
    entries = parse(
      text.replace(/\$\{|`/g, (m) => (m === "`" ? TICK : BRACE)),
      env,
    );
  } catch {
    // shell-quote throws a plain Error for an unterminated `${`.
    throw new CommandLineError(`cannot parse command: found an unterminated \`\${\` in ${JSON.stringify(text)}; write \`\${name}\``);
  }
  if (problems[0]) throw problems[0];

  const tokens: CommandToken[] = [];
  for (const [index, entry] of entries.entries()) {
    if (typeof entry !== "string") {
      if ("comment" in entry) throw syntaxError("a `#` comment", "quote the `#` if it is part of an argument");
      if (entry.op === "glob") throw syntaxError(`a glob pattern (found \`${entry.pattern}\`)`, "quote it ('*') to pass it literally");
      // `$(` arrives as a lone `$` followed by a `(` operator.
      const previous = entries[index - 1];
      throw describeOperator(entry.op === "(" && typeof previous === "string" && previous.endsWith(LONE_DOLLAR) ? "$(" : entry.op);
    }
    if (entry.includes(`${LONE_DOLLAR}(`)) throw describeOperator("$(");
    tokens.push(splitToken(entry));
  }
  if (tokens.length === 0) throw new CommandLineError("empty command: expected a program and its arguments");

  // A newline outside quotes would separate commands in a shell; shell-quote treats it as a space.
  const literalText = tokens
    .flat()
    .map((p) => ("literal" in p ? p.literal : ""))
    .join("");
  if (countNewlines(text) > countNewlines(literalText)) {
    throw syntaxError("a line break outside quotes", "write one command per step (a YAML `>-` folded scalar joins wrapped lines)");
  }
  const variables = [...new Set(tokens.flat().flatMap((p) => ("variable" in p ? [p.variable] : [])))];
  return { tokens, variables };
}

function splitToken(entry: string): CommandToken {
  const pieces = entry.split(SENTINEL_RE); // odd indexes are the captured variable names
  const token: CommandToken = [];
  pieces.forEach((piece, index) => {
    if (index % 2 === 1) token.push({ variable: piece });
    else if (piece !== "") token.push({ literal: restoreLiteral(piece) });
  });
  return token.length > 0 ? token : [{ literal: "" }];
}

function restoreLiteral(text: string): string {
  return text.replaceAll(TICK, "`").replaceAll(BRACE, "${").replaceAll(LONE_DOLLAR, "$");
}

const countNewlines = (text: string) => text.match(/[\r\n]/g)?.length ?? 0;

/** Each token becomes exactly one argv element, whatever the variable values contain. */
export function expandCommand(parsed: ParsedCommand, vars: Record<string, string>): string[] {
  return parsed.tokens.map((token) => token.map((p) => ("literal" in p ? p.literal : lookupVariable(vars, p.variable))).join(""));
}
