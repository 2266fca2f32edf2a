// What the chat's host side costs while an answer streams, ours against the obvious peer.
//   ours: applying the stream's events to the answer (thinking is split once, in the client),
//         DeltaCoalescer (one delta per 24 ms) and the periodic history save
//         (a snapshot serialized every 500 ms), as ChatController does it;
//   peer: one postMessage per stream event (what forwarding onEvent straight to the webview does).
// Both receive the same stream in real time: a 20 KB answer at 2000 tokens/s (4 tokens a chunk,
// a chunk every 2 ms). postMessage is measured by what it costs the host: JSON serialization
// (VS Code serializes every message) and the count of messages crossing to the webview.
// Usage: node --import tsx bench/chat-host.bench.ts [--rounds N]
import { DeltaCoalescer } from '../src/core/chat/deltaCoalescer';
import type { StoredMessage } from '../src/core/chat/model';
import { serializeChat } from '../src/core/chat/serialization';
import { CHARS_PER_TOKEN } from '../src/core/tokens';
import { applyStreamEvent } from '../src/core/chat/streamedAnswer';
import { formatNumber, median } from './stats';

const ANSWER_BYTES = 20_000;
const TOKENS_PER_CHUNK = 4;
const CHUNK_EVERY_MS = 2; // 4 tokens / 2 ms = 2000 tokens/s

function answerChunks(): string[] {
  const para = 'The fast stream parses each chunk once. ```ts\nconst x = 1;\n```\n';
  let text = '';
  while (text.length < ANSWER_BYTES) text += para;
  const size = TOKENS_PER_CHUNK * CHARS_PER_TOKEN;
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

interface RunResult {
  posts: number;
  postedBytes: number;
  cpuMs: number;
  wallMs: number;
}

/** Emits the chunks on a real 2 ms cadence and measures this process's CPU over the run. */
async function stream(chunks: string[], onChunk: (text: string) => void, onEnd: () => void): Promise<{ cpuMs: number; wallMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let i = 0;
  await new Promise<void>((resolve) => {
    const started = performance.now();
    const tick = () => {
      // Catch up on every chunk due by now, as a socket delivering a burst would.
      const due = Math.min(chunks.length, Math.floor((performance.now() - started) / CHUNK_EVERY_MS) + 1);
      while (i < due) onChunk(chunks[i++]);
      if (i >= chunks.length) return resolve();
      setTimeout(tick, 1);
    };
    tick();
  });
  onEnd();
  const cpu = process.cpuUsage(cpu0);
  return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - t0 };
}

async function ours(chunks: string[]): Promise<RunResult> {
  let posts = 0;
  let postedBytes = 0;
  const post = (m: unknown) => {
    posts++;
    postedBytes += JSON.stringify(m).length;
  };
  const answer: StoredMessage = { id: 'a', role: 'assistant', text: '', status: 'streaming', createdAt: 0, updatedAt: 0 };
  const chat = { schemaVersion: 2, id: 'c', title: 't', model: 'm', createdAt: 0, updatedAt: 0, revision: 0, messages: [answer], deletedMessageIds: [] };
  const coalescer = new DeltaCoalescer((d) => post({ type: 'delta', messageId: 'a', text: d.text || undefined, reasoning: d.reasoning || undefined }), 24);
  let lastSave = Date.now();
  let saves = 0;
  const r = await stream(
    chunks,
    (text) => {
      if (applyStreamEvent(answer, { type: 'text', text }) === 'text') coalescer.push('text', text);
      if (Date.now() - lastSave >= 500) {
        lastSave = Date.now();
        saves++;
        serializeChat({ ...chat, messages: chat.messages.map((m) => ({ ...m })) });
      }
    },
    () => {
      coalescer.flush();
      post({ type: 'messageUpdated', message: { ...answer, status: 'done' } });
      serializeChat(chat);
    },
  );
  void saves;
  return { posts, postedBytes, ...r };
}

async function peer(chunks: string[]): Promise<RunResult> {
  let posts = 0;
  let postedBytes = 0;
  const post = (m: unknown) => {
    posts++;
    postedBytes += JSON.stringify(m).length;
  };
  let text = '';
  const r = await stream(
    chunks,
    (chunk) => {
      text += chunk;
      post({ type: 'delta', messageId: 'a', text: chunk });
    },
    () => post({ type: 'messageUpdated', message: { id: 'a', role: 'assistant', text, status: 'done' } }),
  );
  return { posts, postedBytes, ...r };
}

async function main(): Promise<void> {
  const roundsArg = process.argv.indexOf('--rounds');
  const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 5;
  const chunks = answerChunks();
  console.log(`chat host: ${formatNumber(ANSWER_BYTES)} B answer, ${chunks.length} chunks of ${TOKENS_PER_CHUNK} tokens at 2000 tok/s; ${rounds} rounds`);
  await ours(chunks); // warm-up
  await peer(chunks);
  const o: RunResult[] = [];
  const p: RunResult[] = [];
  for (let i = 0; i < rounds; i++) {
    o.push(await ours(chunks));
    p.push(await peer(chunks));
  }
  const row = (name: string, rs: RunResult[]) =>
    console.log(
      `  ${name.padEnd(34)} posts ${formatNumber(median(rs.map((r) => r.posts))).padStart(6)}  ` +
        `bytes ${formatNumber(median(rs.map((r) => r.postedBytes))).padStart(8)}  ` +
        `cpu ${formatNumber(median(rs.map((r) => r.cpuMs)), 1).padStart(6)} ms  wall ${formatNumber(median(rs.map((r) => r.wallMs)))} ms`,
    );
  row('ours (split + coalesce + saves)', o);
  row('peer (one post per event)', p);
  const postRatio = median(p.map((r) => r.posts)) / median(o.map((r) => r.posts));
  console.log(`  webview messages: peer / ours = ${postRatio.toFixed(1)}x fewer with ours`);
  console.log('  (cpu includes the 2 ms emission loop both share; the posts count is what the webview must handle)');
}

void main();
