import { describe, expect, it } from "vitest";
import { unansweredPrompt } from "./unanswered-prompt.js";

describe("unansweredPrompt", () => {
  it("sees the question docker volume prune leaves when it reads end of input", () => {
    const stdout = "WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ";
    expect(unansweredPrompt({ stdout, stderr: "" })).toBe("Are you sure you want to continue? [y/N]");
    expect(unansweredPrompt({ stdout: "", stderr: "Password: " })).toBe("Password:");
  });

  it("is not fooled by finished output, a question answered on its own line, or plain text without a newline", () => {
    expect(unansweredPrompt({ stdout: "Are you sure? [y/N] y\nDeleted Volumes:\nx\n", stderr: "" })).toBeNull();
    expect(unansweredPrompt({ stdout: "done", stderr: "" })).toBeNull();
    expect(unansweredPrompt({ stdout: "", stderr: "" })).toBeNull();
  });
});
