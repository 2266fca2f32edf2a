// Pure helpers of the activation benchmark: reading VS Code's "Running Extensions" figures,
// medians, and what a .vsix holds (its zip central directory), kept apart from the driving code.
import { readFileSync } from 'node:fs';

/** "Startup Activation: 691ms" / "Activation: 13ms" -> 691 / 13. */
export function parseActivationMs(text: string): number | undefined {
  const m = /Activation:\s*([\d.]+)\s*ms/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ZipEntry {
  name: string;
  compressedBytes: number;
  bytes: number;
}

/** Lists a zip's entries from its central directory (no extraction, no dependency). */
export function zipEntries(file: string): ZipEntry[] {
  const buf = readFileSync(file);
  // The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({
      compressedBytes: buf.readUInt32LE(at + 20),
      bytes: buf.readUInt32LE(at + 24),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export const isImage = (name: string): boolean => /\.(png|jpe?g|gif|webp|svg|ico)$/i.test(name);

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
