/**
 * Images for dockproof: the real ones when a registry is reachable, local substitutes when it is
 * not, and the harness's own probe image. See catalog.ts for what exists and how to add more.
 */
export { ImageCatalog } from "./catalog.js";
export { exportImageArchive, type ExportOptions } from "./export-image-archive.js";
export { LABELS } from "./image-labels.js";
export { harnessTag, substituteTag } from "./image-tags.js";
export { prepareImages } from "./prepare-images.js";
export { type CatalogEntry, IMAGE_MODES, type ImageMode, type PreparedImage, type PrepareOptions, type Recipe, type RecipeContext } from "./types.js";
