import { describe, expect, it } from "vitest";
import { CommandLineError, expandCommand, parseCommandLine } from "./command-line.js";
import { expandText, textVariables } from "./variables.js";

const argv = (text: string, vars: Record<string, string> = {}) => expandCommand(parseCommandLine(text), vars);

function syntaxErrorOf(fn: () => unknown): CommandLineError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CommandLineError);
    expect((error as CommandLineError).code).toBe("E_COMMAND_SYNTAX");
    return error as CommandLineError;
  }
  throw new Error("expected a CommandLineError");
}

describe("parseCommandLine", () => {
  it("tokenizes quotes and escapes as a POSIX shell would", () => {
    expect(argv(`docker run --name 'a b' -e "X=1 2" c\\ d ''`)).toEqual(["docker", "run", "--name", "a b", "-e", "X=1 2", "c d", ""]);
  });

  it("keeps ${name} as a variable part inside its token", () => {
    const parsed = parseCommandLine('docker exec ${alpha_id} ping -c1 ip-${host}.x "${host}"');
    expect(parsed.variables).toEqual(["alpha_id", "host"]);
    expect(parsed.tokens[2]).toEqual([{ variable: "alpha_id" }]);
    expect(parsed.tokens[5]).toEqual([{ literal: "ip-" }, { variable: "host" }, { literal: ".x" }]);
  });

  it("leaves single-quoted or escaped ${x}, $x and backticks literal", () => {
    expect(argv(`echo '\${x}' \\\${y} '$HOME' '\`id\`' "\\\`"`)).toEqual(["echo", "${x}", "${y}", "$HOME", "`id`", "`"]);
    expect(parseCommandLine(`echo '\${x}'`).variables).toEqual([]);
  });

  it("keeps a lone dollar literal", () => {
    expect(argv('echo $ "a $ b" 5$')).toEqual(["echo", "$", "a $ b", "5$"]);
  });

  it.each([
    ["echo $HOME", /plain `\$HOME`.*\$\{HOME\}/],
    ['echo "$HOME"', /plain `\$HOME`/],
    ["echo $1", /plain `\$1`/],
    ["ps | grep x", /pipe \(found `\|`\)/],
    ["a && b", /command separator \(found `&&`\)/],
    ["a; b", /command separator/],
    ["sleep 1 &", /command separator/],
    ["echo hi > out.txt", /redirection \(found `>`\)/],
    ["cat < in.txt", /redirection/],
    ["ls *.txt", /glob pattern \(found `\*\.txt`\)/],
    ["echo $(id)", /command substitution/],
    ['echo "$(id)"', /command substitution/],
    ["echo `id`", /backtick/],
    ['echo "`id`"', /backtick/],
    ["echo ${x:-y}", /substitution `\$\{x:-y\}`/],
    ["echo ${x", /unterminated/],
    ["echo hi # note", /`#` comment/],
    ["echo a\necho b", /line break outside quotes/],
    ["   ", /empty command/],
  ])("rejects %j", (text, message) => {
    const error = syntaxErrorOf(() => parseCommandLine(text));
    expect(error.message).toMatch(/^commands run without a shell|^cannot parse|^empty/);
    expect(error.message).toMatch(message);
  });

  it("allows line breaks inside quotes", () => {
    expect(argv('sh -c "a\nb"')).toEqual(["sh", "-c", "a\nb"]);
  });
});

describe("expandCommand", () => {
  it("turns each token into exactly one argument, whatever the value holds", () => {
    const evil = "x; touch /tmp/pwned $(id) `id` \"q\" 's'";
    expect(argv("docker logs ${id}", { id: evil })).toEqual(["docker", "logs", evil]);
    expect(argv("echo pre-${id}-post", { id: "a b" })).toEqual(["echo", "pre-a b-post"]);
  });

  it("does not re-expand variables inside values", () => {
    expect(argv("echo ${a}", { a: "${b}", b: "no" })).toEqual(["echo", "${b}"]);
  });

  it("throws E_UNDEFINED_VARIABLE for an unknown variable", () => {
    expect(() => argv("echo ${missing}", { other: "1" })).toThrow(expect.objectContaining({ code: "E_UNDEFINED_VARIABLE" }));
    expect(() => argv("echo ${toString}")).toThrow(/toString/);
  });
});

describe("expandText / textVariables", () => {
  it("finds and replaces ${name} references", () => {
    expect(textVariables("http://${host}:${port}/${host}")).toEqual(["host", "port"]);
    expect(expandText("tcp://${host}:80 $x ${not valid}", { host: "db" })).toBe("tcp://db:80 $x ${not valid}");
    expect(() => expandText("${nope}", {})).toThrow(expect.objectContaining({ code: "E_UNDEFINED_VARIABLE" }));
  });
});
