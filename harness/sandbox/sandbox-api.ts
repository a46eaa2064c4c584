import { request } from "node:http";

/**
 * The sandbox daemon's Engine API on its unix socket, for the harness's own quick questions (`_ping`, the image
 * list): one HTTP request costs a millisecond where a docker CLI process costs ~50. Written with node:http because
 * fetch cannot dial a unix socket.
 */
export interface ApiAnswer {
  status: number;
  body: string;
}

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

/** Every tag the daemon knows with the image id it names (`node:20` -> `sha256:…`). */
export async function listImageTags(socketPath: string, timeoutMs: number): Promise<Map<string, string>> {
  const answer = await apiGet(socketPath, "/images/json", timeoutMs);
  if (answer.status !== 200) throw new Error(`GET /images/json answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  const images = JSON.parse(answer.body) as Array<{ Id: string; RepoTags?: string[] | null }>;
  return new Map(images.flatMap((image) => (image.RepoTags ?? []).map((tag) => [tag, image.Id] as const)));
}
