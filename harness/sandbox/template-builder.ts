import { hostname } from "node:os";
import type { EngineConnection } from "../outer-engine/engine-connection.js";
import { SandboxError } from "../support/errors.js";
import { removeApiFolder } from "./api-folder.js";
import { startDindContainer } from "./dind-container.js";
import { imageMismatches, listImageTags } from "./image-check.js";
import type { PrivilegeProfile } from "./privilege-profile.js";
import type { SeedImage } from "./sandbox.js";
import { imageSet, readyVolume, type SeedTemplate, TEMPLATE_FORMAT, TEMPLATE_LABELS, templateKey, templateVolume } from "./seed-template.js";
import { OWNER_HOST_LABEL, OWNER_PID_LABEL, sessionLabels } from "../support/session.js";

export const TEMPLATE_ROLE = "template";
export const ROLE_LABEL = "org.dockproof.role";
const LOAD_TIMEOUT_MS = 10 * 60_000;

export interface TemplateSpec {
  engine: EngineConnection;
  /** The engine image (outer-engine tag) and its id. */
  engineImage: string;
  engineImageId: string;
  profile: PrivilegeProfile;
  images: readonly SeedImage[];
  log: (line: string) => void;
}

/**
 * Labels of a template's volumes. No session label: a template is a cache that outlives the run that made it, found
 * by its content key like a substitute image. Its creator's pid and host are kept so that a data volume whose
 * creator died before it was complete (no ready volume) is recognised as debris and swept (template-store.ts).
 */
export function volumeLabels(key: string, spec: TemplateSpec, part: "data" | "ready"): Record<string, string> {
  return {
    [ROLE_LABEL]: TEMPLATE_ROLE,
    [TEMPLATE_LABELS.key]: key,
    [TEMPLATE_LABELS.part]: part,
    [TEMPLATE_LABELS.format]: String(TEMPLATE_FORMAT),
    [TEMPLATE_LABELS.engineImageId]: spec.engineImageId,
    [TEMPLATE_LABELS.imageIds]: imageSet(spec.images)
      .map((image) => image.id)
      .join(" "),
    [OWNER_PID_LABEL]: String(process.pid),
    [OWNER_HOST_LABEL]: hostname(),
  };
}

const labelFlags = (labels: Record<string, string>) => Object.entries(labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);

/** Thrown when another live process is preparing the same template: this run does without it. */
export class TemplateBusyError extends SandboxError {}

/**
 * Prepares one template: a daemon of the engine's own image, its data root on a fresh named volume, loads the set
 * (one `docker save` of the outer engine piped into its `docker load`), tags each image with the lesson's name,
 * is checked (ids, overlay2 storage) and stopped cleanly; only then is the ready volume created. Anything that goes
 * wrong removes what it made. The builder container carries this run's session labels: killed with SIGKILL, the
 * next run's session reaper removes it, and the template sweep removes the incomplete data volume.
 */
export async function buildTemplate(spec: TemplateSpec): Promise<SeedTemplate> {
  const images = imageSet(spec.images);
  const key = templateKey(spec.engineImageId, images);
  const volume = templateVolume(key);
  const docker = spec.engine.docker.withFailures((_kind, message) => new SandboxError("E_TEMPLATE", message));
  const started = performance.now();
  await docker.run(["volume", "create", ...labelFlags(volumeLabels(key, spec, "data")), volume], {
    what: `creating the template volume ${volume}`,
    timeoutMs: 30_000,
  });
  // `volume create` of an existing name returns that volume: it is ours only if it carries our pid.
  const owner = await docker.run(["volume", "inspect", "--format", `{{index .Labels "${OWNER_PID_LABEL}"}}`, volume], {
    what: `inspecting the template volume ${volume}`,
    timeoutMs: 30_000,
  });
  if (owner.stdout.trim() !== String(process.pid))
    throw new TemplateBusyError(
      "E_TEMPLATE",
      `template ${volume} is being prepared by process ${owner.stdout.trim()}; this run loads archives instead`,
    );
  let builder: Awaited<ReturnType<typeof startDindContainer>> | undefined;
  try {
    builder = await startDindContainer(spec.engine.docker, {
      image: spec.engineImage,
      profile: spec.profile,
      labels: sessionLabels({ [ROLE_LABEL]: "template-builder", [TEMPLATE_LABELS.key]: key }),
      binds: [`${volume}:/var/lib/docker`],
      publishedPorts: [],
      readyTimeoutMs: 60_000,
    });
    const inner = builder.inner.withFailures((_kind, message) => new SandboxError("E_TEMPLATE", message));
    const refs = images.map((image) => image.localRef);
    await docker.pipe(
      ["save", ...refs],
      { docker: inner, args: ["load", "--quiet"] },
      { what: `loading ${refs.join(", ")} into template ${volume}`, timeoutMs: LOAD_TIMEOUT_MS },
    );
    for (const image of images)
      await inner.run(["tag", image.id, image.ref], { what: `tagging ${image.ref} in template ${volume}`, timeoutMs: 30_000 });
    const wrong = imageMismatches(images, await listImageTags(inner, 10_000));
    if (wrong.length > 0) throw new SandboxError("E_TEMPLATE", `expected template ${volume} to hold the prepared images; ${wrong.join("; ")}`);
    const info = JSON.parse((await inner.api.get("/info", 10_000)).body) as { Driver?: string };
    // Sandboxes read the overlay2 layout; a daemon that stores images otherwise (containerd's store) cannot serve.
    if (info.Driver !== "overlay2")
      throw new SandboxError("E_TEMPLATE", `expected the engine's daemon to store images with overlay2, found ${info.Driver ?? "no driver"}`);
    await spec.engine.docker.api.stopContainer(builder.id, 60);
    const state = (await spec.engine.docker.api.inspectContainer(builder.id))?.state;
    if (state?.exitCode !== 0)
      throw new SandboxError(
        "E_TEMPLATE",
        `expected the template's daemon to stop cleanly, found ${state ? `exit code ${state.exitCode} (${state.error || "no error"})` : "it gone"}`,
      );
    await spec.engine.docker.api.removeContainer(builder.id);
    await docker.run(["volume", "create", ...labelFlags(volumeLabels(key, spec, "ready")), readyVolume(key)], {
      what: `marking template ${volume} complete`,
      timeoutMs: 30_000,
    });
    spec.log(
      `[templates] ${volume} (${images.map((image) => image.ref).join(", ")}) prepared in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return { key, volume, engineImage: spec.engineImage, engineImageId: spec.engineImageId, images };
  } catch (error) {
    if (builder) await spec.engine.docker.api.removeContainer(builder.id).catch(() => undefined);
    await docker.query(["volume", "rm", "-f", volume], { what: `removing the incomplete template ${volume}`, timeoutMs: 60_000 });
    if (error instanceof SandboxError) throw error;
    throw new SandboxError("E_TEMPLATE", `expected to prepare template ${volume}; found: ${(error as Error).message}`, { cause: error });
  } finally {
    if (builder) await removeApiFolder(builder.apiFolder);
  }
}
