/** One request the registry served, from its access log. */
export interface RegistryRequest {
  method: string;
  path: string;
  status: number;
}

/** The registry's last log lines (for errors) and every request it logged (what a daemon asked the mirror for). */
export class OutputTail {
  private readonly lines: string[] = [];
  readonly requests: RegistryRequest[] = [];

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > 40) this.lines.shift();
  }

  /** An access-log line (`"GET /v2/… HTTP/1.1" 200 …`) becomes a request; anything else is left to `add`. */
  request(line: string): true | undefined {
    const match = /"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3}) /.exec(line);
    if (!match) return undefined;
    this.requests.push({ method: match[1] ?? "", path: match[2] ?? "", status: Number(match[3]) });
    return true;
  }

  describe(): string {
    return this.lines.length ? `; its last log lines:\n${this.lines.slice(-15).join("\n")}` : "";
  }
}
