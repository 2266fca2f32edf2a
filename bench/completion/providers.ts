// The three inline-completion providers the bench replays the same trace through:
//   ours   - src/core/completion's CompletionEngine on the shared SambaNovaClient (node transport),
//   tabby  - tabby-agent 1.5 from npm (its TabbyAgent library) against the stand-in's Tabby API,
//   naive  - one request per pause: wait 300 ms after the last keystroke, ask with a plain
//            hole-filler prompt, show the answer; no cache, no reuse.
// Each answers like a VS Code InlineCompletionItemProvider would: items that replace [start, end).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SambaNovaClient } from '../../src/core/client/client';
import { isAbortError } from '../../src/core/client/errors';
import { nodeTransport } from '../../src/core/client/nodeTransport';
import { abortableSleep } from '../../src/core/client/requestScope';
import { CompletionEngine, type CompletionStats } from '../../src/core/completion/engine';
import { baselineMessages, baselineParse } from './baselinePrompt';
import type { TraceFile } from './trace';

export interface DocState {
  file: TraceFile;
  text: string;
  offset: number;
}

export interface ProviderAnswer {
  items: Array<{ insertText: string; start: number; end: number }>;
  /** Our engine's own account of the call. */
  stats?: CompletionStats;
  /** Deliberate waiting inside the provider (our debounce, the naive 300 ms), not overhead. */
  waitMs: number;
  /** The server's own time for the request this call made (SambaNova's usage.total_latency), when known. */
  serverMs?: number;
  cancelled: boolean;
}

export interface Provider {
  readonly name: string;
  /** Rate-limit bucket at the stand-in: the model id (or Tabby's). */
  readonly bucket: string;
  provide(doc: DocState, signal: AbortSignal): Promise<ProviderAnswer>;
  dispose(): Promise<void>;
}

const KEY = 'sn-bench-completion-0000000000000000';

function client(baseUrl: string): SambaNovaClient {
  return new SambaNovaClient({
    fetch: globalThis.fetch,
    transport: nodeTransport(),
    getApiKey: () => Promise.resolve(KEY),
    getSettings: () => ({ baseUrl, connectTimeoutMs: 10_000, stallTimeoutMs: 10_000, maxRetries: 0 }),
  });
}

export function ourProvider(baseUrl: string, model: string): Provider {
  const engine = new CompletionEngine({
    client: client(baseUrl),
    getSettings: () => ({ enabled: true, model, disabledLanguages: [] }),
  });
  return {
    name: 'ours',
    bucket: model,
    async provide(doc, signal) {
      const { items, stats } = await engine.provide(
        { uri: `file:///bench/${doc.file.path}`, fileName: doc.file.path, languageId: doc.file.languageId, text: doc.text, offset: doc.offset, triggerKind: 'automatic', cursorCount: 1 },
        signal,
      );
      return {
        items: items.map((item) => ({ insertText: item.insertText, start: item.range.start, end: item.range.end })),
        stats,
        waitMs: stats.debounceMs,
        serverMs: stats.source === 'request' ? stats.serverMs : undefined,
        cancelled: stats.outcome === 'cancelled' || stats.outcome === 'superseded',
      };
    },
    dispose: () => Promise.resolve(engine.dispose()),
  };
}

export function naiveProvider(baseUrl: string, model: string): Provider {
  const api = client(baseUrl);
  return {
    name: 'naive',
    bucket: model,
    async provide(doc, signal) {
      const waitStart = performance.now();
      try {
        await abortableSleep(300, signal);
      } catch {
        return { items: [], waitMs: performance.now() - waitStart, cancelled: true };
      }
      const waitMs = performance.now() - waitStart;
      const prefix = doc.text.slice(0, doc.offset);
      const suffix = doc.text.slice(doc.offset);
      try {
        const result = await api.streamChat(
          {
            model,
            messages: baselineMessages(doc.file.languageId, doc.file.path, prefix, suffix),
            params: { temperature: 0.1, maxTokens: 128 },
            source: 'completion',
          },
          { signal, maxRetries: 0 },
        );
        const text = baselineParse(result.text);
        const serverMs = result.usage?.totalLatencySec !== undefined ? result.usage.totalLatencySec * 1000 : undefined;
        return { items: text.trim() ? [{ insertText: text, start: doc.offset, end: doc.offset }] : [], waitMs, serverMs, cancelled: false };
      } catch (error) {
        return { items: [], waitMs, cancelled: isAbortError(error) };
      }
    },
    dispose: () => Promise.resolve(),
  };
}

interface TabbyAgentLike {
  initialize(options: unknown): Promise<boolean>;
  finalize(): Promise<boolean>;
  getStatus(): string;
  provideCompletions(
    request: { filepath: string; language: string; text: string; position: number; indentation?: string },
    options?: { signal: AbortSignal },
  ): Promise<{ choices: Array<{ text: string; replaceRange: { start: number; end: number } }> }>;
}

/**
 * tabby-agent's own debounce, set to a fixed known wait (its config `completion.debounce`), so the
 * bench can subtract it as it subtracts ours. Its default is "adaptive": from its code
 * (CompletionDebounce in tabby-agent 1.5's dist/index.js), 1.5-3x the average gap between calls
 * (gaps over 400 ms ignored) minus its average response time, never under 100 ms.
 */
export const TABBY_DEBOUNCE_MS = 150;

export async function tabbyProvider(endpoint: string, bucket: string): Promise<Provider> {
  // tabby-agent keeps its data, config and logs under ~/.tabby-client: give it a private home.
  process.env.HOME = mkdtempSync(join(tmpdir(), 'bench-tabby-home-'));
  const { TabbyAgent } = (await import('tabby-agent')) as unknown as { TabbyAgent: new () => TabbyAgentLike };
  const agent = new TabbyAgent();
  const data: Record<string, unknown> = {};
  await agent.initialize({
    config: {
      server: { endpoint, token: 'bench' },
      completion: { debounce: { mode: 'fixed', interval: TABBY_DEBOUNCE_MS } },
      anonymousUsageTracking: { disable: true },
      logs: { level: 'silent' },
    },
    dataStore: { data, load: () => Promise.resolve(), save: () => Promise.resolve() },
  });
  for (let i = 0; i < 50 && agent.getStatus() !== 'ready'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (agent.getStatus() !== 'ready') throw new Error(`tabby-agent did not connect to ${endpoint} (status ${agent.getStatus()})`);
  return {
    name: 'tabby-agent',
    bucket,
    async provide(doc, signal) {
      try {
        const response = await agent.provideCompletions(
          {
            filepath: doc.file.path,
            language: doc.file.languageId,
            text: doc.text,
            position: doc.offset,
            indentation: doc.file.languageId === 'python' ? '    ' : '  ',
          },
          { signal },
        );
        return {
          items: response.choices.map((c) => ({ insertText: c.text, start: c.replaceRange.start, end: c.replaceRange.end })),
          // Its fixed debounce runs before every answer, cached or not.
          waitMs: TABBY_DEBOUNCE_MS,
          cancelled: false,
        };
      } catch (error) {
        // Superseded (its own debounce or our abort) is a cancellation; a 429 or a failure hides the ghost text.
        const aborted = signal.aborted || (error instanceof Error && (error.name === 'AbortError' || error.name === 'CanceledError'));
        return { items: [], waitMs: 0, cancelled: aborted };
      }
    },
    dispose: async () => {
      await agent.finalize();
    },
  };
}
