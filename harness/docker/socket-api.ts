import { request } from "node:http";

import type { ApiAnswer } from "./docker.js";

/**
 * An engine's API on its unix socket, for the harness's quick questions (`_ping`, the image list) where polling
 * matters: one HTTP request costs a millisecond where a docker CLI process costs ~50 (and dockerode's modem more).
 * Written with node:http because fetch cannot dial a unix socket.
 */

export function apiGet(socketPath: string, path: string, timeoutMs: number): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const call = request({ socketPath, path, method: "GET", timeout: timeoutMs }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      response.on("error", reject);
    });
    call.on("timeout", () => call.destroy(new Error(`no answer to GET ${path} on ${socketPath} within ${timeoutMs} ms`)));
    call.on("error", reject);
    call.end();
  });
}

/** True once the daemon serves its API; false while the socket is missing or refuses (it is still starting). */
export async function pingSocket(socketPath: string, timeoutMs: number): Promise<boolean> {
  try {
    const answer = await apiGet(socketPath, "/_ping", timeoutMs);
    return answer.status === 200 && answer.body.trim() === "OK";
  } catch {
    return false;
  }
}
