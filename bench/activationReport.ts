// Pure helpers of the activation benchmark: per-extension code loading from VS Code's extension
// host performance marks, the Startup Performance activation table, medians, and what a .vsix
// holds (its zip central directory), kept apart from the driving code.
import { readFileSync } from 'node:fs';

/** One mark as VS Code's perf util keeps it (startTime: epoch ms, Date.now() resolution in Node). */
export interface PerfMark {
  name: string;
  startTime: number;
}

const LOAD_MARK = /^code\/extHost\/(will|did)LoadExtensionCode\/(.+)$/;

/**
 * Each extension's code loading in one extension host session, from the marks VS Code 1.139's
 * extension host sets right around require() of its main file (_doLoadModule). A CommonJS main is
 * require()d synchronously, so nothing else runs in between: the window is that extension's alone.
 * (The willActivateExtension -> didActivateExtension marks are not like that: they close in promise
 * callbacks, and every extension activated in one batch ends on the same tick, measured.)
 */
export function extensionLoadTimes(marks: PerfMark[]): Array<{ id: string; loadMs: number }> {
  const will = new Map<string, number>();
  const did = new Map<string, number>();
  for (const { name, startTime } of marks) {
    const m = LOAD_MARK.exec(name);
    if (!m) continue;
    const into = m[1] === 'will' ? will : did;
    if (!into.has(m[2]!)) into.set(m[2]!, startTime); // the first session's marks if ever loaded twice
  }
  return [...will].filter(([id]) => did.has(id)).map(([id, t]) => ({ id, loadMs: did.get(id)! - t }));
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

/** One row of "Extension Activation Stats" in Developer: Startup Performance (VS Code's ActivationTimes). */
export interface ActivationStats {
  /** codeLoadingTime: starts before an await, so other extensions' loading can fall inside it. */
  loadCodeMs: number;
  /** activateCallTime: the synchronous activate() call of this extension alone. */
  callActivateMs: number;
  /** activateResolvedTime: until the promise activate() returned settled. */
  finishActivateMs: number;
}

/**
 * Reads the "Extension Activation Stats" table of the Startup Performance document (markdown:
 * | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |).
 */
export function parseActivationStats(text: string): Map<string, ActivationStats> {
  const stats = new Map<string, ActivationStats>();
  const start = text.indexOf('Extension Activation Stats');
  if (start < 0) return stats;
  const lines = text.slice(start).split('\n');
  const header = lines.findIndex((l) => /^\|\s*Extension\s*\|/.test(l));
  if (header < 0) return stats;
  const columns = lines[header]!.split('|').map((c) => c.trim());
  const at = (name: string): number => columns.indexOf(name);
  for (const line of lines.slice(header + 1)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((c) => c.trim());
    const id = cells[at('Extension')];
    const num = (name: string): number => Number(cells[at(name)]);
    if (!id || /^[-:]+$/.test(id)) continue;
    const row = { loadCodeMs: num('Load Code'), callActivateMs: num('Call Activate'), finishActivateMs: num('Finish Activate') };
    if (Object.values(row).every(Number.isFinite)) stats.set(id, row);
  }
  return stats;
}
