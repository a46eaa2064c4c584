import { canInstallDebianPackages, findCommand, installDebianPackages } from "../support/debian-packages.js";
import { RegistryError } from "./registry-error.js";

/** Debian names distribution's binary after its package; upstream's own build calls it `registry`. */
const BINARIES = ["docker-registry", "registry"] as const;
export const REGISTRY_PACKAGE = "docker-registry";

/**
 * The registry server on PATH, installed with apt where the machine allows it (as docker.io is for the engine): CI
 * machines start bare, so the project installs what its tests need. Installing the Debian package also registers
 * its system service (port 5000); dockproof never starts or uses that one.
 */
export async function ensureRegistryBinary(log: (line: string) => void): Promise<string> {
  const found = await findFirst();
  if (found) return found;
  const allowed = canInstallDebianPackages();
  if (!allowed.ok)
    throw new RegistryError(
      "E_REGISTRY_START",
      `expected ${BINARIES.join(" or ")} on PATH for a local registry, found neither, and cannot install ${REGISTRY_PACKAGE}: ${allowed.reason}`,
    );
  try {
    await installDebianPackages([REGISTRY_PACKAGE], "a local registry (mirror of Docker Hub names)", log);
  } catch (error) {
    throw new RegistryError("E_REGISTRY_START", `could not install ${REGISTRY_PACKAGE} for a local registry`, { cause: error });
  }
  const installed = await findFirst();
  if (!installed) throw new RegistryError("E_REGISTRY_START", `expected ${REGISTRY_PACKAGE} to put docker-registry on PATH, found nothing`);
  return installed;
}

async function findFirst(): Promise<string | null> {
  for (const name of BINARIES) {
    const path = await findCommand(name);
    if (path) return path;
  }
  return null;
}
