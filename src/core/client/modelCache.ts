// /v1/models answers, kept a few minutes per (models URL, key) so the model picker, cost
// figures and context limits do not cost a request each. The key is stored only as a short
// fingerprint, never as itself.
import type { ModelInfo } from './types';
import type { WireModelList } from './wire';

export const MODEL_CACHE_TTL_MS = 5 * 60_000;

interface Entry {
  models: ModelInfo[];
  fetchedAt: number;
}

/** FNV-1a, 32 bits: enough to tell keys apart in a cache, useless for recovering one. */
export function keyFingerprint(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  private latest = new Map<string, ModelInfo>();

  constructor(private readonly ttlMs = MODEL_CACHE_TTL_MS) {}

  private static id(url: string, key: string): string {
    return `${url}\n${keyFingerprint(key)}`;
  }

  get(url: string, key: string, now: number): ModelInfo[] | undefined {
    const entry = this.entries.get(ModelCache.id(url, key));
    if (!entry || now - entry.fetchedAt > this.ttlMs) return undefined;
    return entry.models;
  }

  set(url: string, key: string, models: ModelInfo[], now: number): void {
    this.entries.set(ModelCache.id(url, key), { models, fetchedAt: now });
    this.latest = new Map(models.map((m) => [m.id, m]));
  }

  /** From the most recent list; falls back to a case-insensitive match (SambaStack names vary by case). */
  find(id: string): ModelInfo | undefined {
    const exact = this.latest.get(id);
    if (exact) return exact;
    const lower = id.toLowerCase();
    for (const m of this.latest.values()) if (m.id.toLowerCase() === lower) return m;
    return undefined;
  }
}

export function toModelInfos(list: WireModelList): ModelInfo[] {
  return list.data.map((m) => {
    const info: ModelInfo = { id: m.id };
    if (m.owned_by) info.ownedBy = m.owned_by;
    if (typeof m.context_length === 'number') info.contextLength = m.context_length;
    if (typeof m.max_completion_tokens === 'number') info.maxCompletionTokens = m.max_completion_tokens;
    const prompt = m.pricing?.prompt;
    const completion = m.pricing?.completion;
    if (prompt !== undefined || completion !== undefined) info.pricing = { prompt, completion };
    return info;
  });
}
