/**
 * Image references as the docker CLI reads them (the distribution project's reference grammar): an optional
 * registry host with port, lowercase path components, then a tag and/or a digest. Written out here because the
 * grammar is a few lines and the parsers on npm are unmaintained ports of it.
 */
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const DOMAIN = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?/)`;
const TAG = String.raw`[\w][\w.-]{0,127}`;
const DIGEST = "[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}";
const REFERENCE = new RegExp(`^${DOMAIN}?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

export const IMAGE_REFERENCE_EXAMPLE = '"nginx", "node:20" or "dockproof/probe"';

export function isImageReference(text: string): boolean {
  return text.length <= 255 && REFERENCE.test(text);
}

/** The same image for `images:` purposes: `nginx` and `nginx:latest` are one ref. */
export const sameImage = (a: string, b: string): boolean => a.replace(/:latest$/, "") === b.replace(/:latest$/, "");
