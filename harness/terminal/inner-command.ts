import { quote } from "shell-quote";
import type { TerminalCommand, TerminalOptions } from "./terminal.js";

/**
 * The argv that runs `command` where the terminal is: a shell line through `sh -c` (captured values arrive as
 * environment variables, never spliced into the text), and under a TTY through util-linux `script`, which gives the
 * command a pseudo-terminal fed from our standard input.
 */
export function innerArgv(command: TerminalCommand, options: Pick<TerminalOptions, "tty">): string[] {
  const argv = "script" in command ? ["sh", "-c", command.script] : [...command.argv];
  return options.tty ? ["script", "-qec", quote(argv), "/dev/null"] : argv;
}
