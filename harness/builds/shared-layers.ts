import type { Docker } from "../docker/docker.js";
import { type ImageLayer, imageLayers } from "./image-layers.js";

export interface SharedLayers {
  /** The layers both images have, bottom first (what the engine stores once). */
  layers: ImageLayer[];
  count: number;
  /** Sum of the shared layers' sizes: the disk (and download) the second image did not need. */
  bytes: number;
  a: { ref: string; layerCount: number };
  b: { ref: string; layerCount: number };
}

/**
 * Layers are stored by chain: a layer is the same stored layer only if every layer below it is
 * the same too. So sharing is the common prefix of RootFS.Layers, not the set intersection (an
 * empty layer, sha256:5f70bf18..., has one digest everywhere but is not "shared" above
 * different bases).
 */
export function commonLayers(a: readonly ImageLayer[], b: readonly ImageLayer[]): ImageLayer[] {
  const shared: ImageLayer[] = [];
  for (const [index, layer] of a.entries()) {
    if (b[index]?.digest !== layer.digest) break;
    shared.push(layer);
  }
  return shared;
}

export async function sharedLayers(a: string, b: string, docker: Docker): Promise<SharedLayers> {
  const [layersA, layersB] = await Promise.all([imageLayers(a, docker), imageLayers(b, docker)]);
  const layers = commonLayers(layersA, layersB);
  return {
    layers,
    count: layers.length,
    bytes: layers.reduce((total, layer) => total + layer.sizeBytes, 0),
    a: { ref: a, layerCount: layersA.length },
    b: { ref: b, layerCount: layersB.length },
  };
}
