import { GenericContainer } from "testcontainers";
import type { PrivilegeProfile } from "./privilege-profile.js";

/** GenericContainer whose published ports bind to the host's loopback only: a DinD API is root on the host. */
export class SandboxContainer extends GenericContainer {
  withLoopbackPorts(...ports: number[]): this {
    this.withExposedPorts(...ports);
    const bindings = this.hostConfig.PortBindings ?? {};
    for (const port of ports) bindings[`${port}/tcp`] = [{ HostIp: "127.0.0.1", HostPort: "0" }];
    this.hostConfig.PortBindings = bindings;
    return this;
  }

  /** A host folder at `target` (rw). Beside the profile's own binds, which are set on the same host config. */
  withHostFolder(source: string, target: string): this {
    this.hostConfig.Binds = [...(this.hostConfig.Binds ?? []), `${source}:${target}:rw`];
    return this;
  }

  withPrivilegeProfile(profile: PrivilegeProfile): this {
    if (profile.kind === "privileged") return this.withPrivilegedMode();
    // `systempaths=unconfined` is CLI sugar: the API wants empty masked/read-only path lists instead.
    const unconfinedPaths = profile.securityOpt.includes("systempaths=unconfined");
    this.withAddedCapabilities(...profile.capAdd)
      .withDroppedCapabilities(...profile.capDrop)
      .withSecurityOpt(...profile.securityOpt.filter((option) => option !== "systempaths=unconfined"));
    if (unconfinedPaths) Object.assign(this.hostConfig, { MaskedPaths: [], ReadonlyPaths: [] });
    this.hostConfig.Binds = [...(this.hostConfig.Binds ?? []), ...profile.binds];
    return this;
  }
}
