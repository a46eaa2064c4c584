import { DockproofError } from "../support/errors.js";

/** The local registry, the images pushed to it, or the engine that pulls through it as a mirror. */
export class RegistryError extends DockproofError {}
