import { describe, expect, it } from "vitest";
import { CommandLineError, expandCommand, expandText, parseCommandLine, publishedHostPorts, textVariables } from "./command-line.js";

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
    expect(syntaxErrorOf(() => publishedHostPorts(argv(text))).message).toMatch(message);
  });
});
