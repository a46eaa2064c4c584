/**
 * Whether bytes read from an untrusted file are text: no NUL byte, valid UTF-8. The finding names a position
 * and the offending byte, never the text around it, because the file may be something it should not be.
 */
export type TextContent = { text: string } | { found: string };

interface Position {
  line: number;
  col: number;
}

const hex = (byte: number) => `0x${byte.toString(16).padStart(2, "0").toUpperCase()}`;
const at = ({ line, col }: Position) => `line ${line}, column ${col}`;

/** Line and column (1-based, counted in characters) of the text before a point. */
function positionAfter(before: string): Position {
  return { line: before.split("\n").length, col: before.length - before.lastIndexOf("\n") };
}

export function decodeText(bytes: Buffer): TextContent {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { found: `a NUL byte (0x00) at ${at(positionAfter(bytes.subarray(0, nul).toString("latin1")))}, so a binary file` };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const { offset, position } = firstInvalidUtf8(bytes);
    const byte = bytes[offset];
    const what = byte === undefined ? "a character cut short at the end" : `the byte ${hex(byte)}`;
    return { found: `${what} at ${at(position)}, which is not UTF-8` };
  }
}

/**
 * A lenient decode replaces each invalid sequence with U+FFFD; the first U+FFFD that the file does not spell as
 * its own valid bytes (EF BF BD) is where the invalid bytes start.
 */
function firstInvalidUtf8(bytes: Buffer): { offset: number; position: Position } {
  const decoded = new TextDecoder("utf-8").decode(bytes);
  let offset = 0;
  let index = 0;
  for (const char of decoded) {
    if (char === "\uFFFD" && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) break;
    offset += Buffer.byteLength(char);
    index += char.length;
  }
  return { offset, position: positionAfter(decoded.slice(0, index)) };
}
