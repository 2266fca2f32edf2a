// Our SSE splitter against eventsource-parser (the reference it replaced on the hot path): every
// fixture and a set of spec corner cases, with LF, CRLF and CR line ends, cut into reads at
// random byte boundaries, must give the same messages in the same order.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createParser } from 'eventsource-parser';
import { SseDecoder } from '../../../src/core/client/sse';
import { FIXTURES, fixtureRaw, utf8 } from './helpers';

interface Message {
  event: string | undefined;
  data: string;
}

function reference(text: string): Message[] {
  const out: Message[] = [];
  const parser = createParser({ onEvent: (m) => out.push({ event: m.event === '' ? undefined : m.event, data: m.data }) });
  parser.feed(text);
  parser.feed('\n\n');
  return out;
}

function ours(reads: Uint8Array[]): Message[] {
  const out: Message[] = [];
  const decoder = new SseDecoder({ message: (event, data) => out.push({ event, data }), finished: () => false });
  for (const read of reads) decoder.push(read);
  decoder.end();
  return out;
}

/** Deterministic PRNG (mulberry32), so a failure names a reproducible seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomSplit(bytes: Uint8Array, random: () => number): Uint8Array[] {
  const reads: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    // Mostly small reads (1..16 bytes, so CRLF and UTF-8 sequences get cut), sometimes large ones.
    const size = random() < 0.8 ? 1 + Math.floor(random() * 16) : 1 + Math.floor(random() * 4096);
    reads.push(bytes.subarray(at, at + size));
    at += size;
  }
  return reads;
}

const sseFixtures = ['captured', 'from-docs'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((name) => name.endsWith('.sse'))
    .map((name) => ({ name: `${dir}/${name}`, text: fixtureRaw(`${dir}/${name}`) })),
);

const cornerCases: Array<{ name: string; text: string }> = [
  { name: 'data without the space', text: 'data:{"a":1}\n\ndata:  two spaces keep one\n\n' },
  { name: 'multi-line data', text: 'data: first\ndata: second\ndata:\ndata: fourth\n\n' },
  { name: 'event names and a reset after dispatch', text: 'event: error\ndata: {"error":"x"}\n\ndata: plain\n\nevent:\ndata: empty name\n\n' },
  { name: 'comments, id, retry, unknown fields', text: ': keep-alive\nid: 7\nretry: 100\nfoo: bar\ndata: x\n: more\n\n:\n\n' },
  { name: 'field without a colon', text: 'data\n\ndata\ndata\n\nevent\ndata: y\n\n' },
  { name: 'blank lines without data dispatch nothing', text: '\n\n\nevent: lonely\n\n\ndata: after\n\n' },
  { name: 'last message without its blank line', text: 'data: a\n\ndata: [DONE]' },
  { name: 'truncated last line', text: 'data: {"choices":[{"delta":{"content":"Hel' },
  { name: 'UTF-8 text of every width', text: 'data: {"content":"héllo wörld ✓ 中文 🙂 𝄞"}\n\ndata: ∑\n\n' },
  { name: 'colon inside the value', text: 'data: a: b: c\n\nevent: x:y\ndata: 1\n\n' },
  { name: 'byte order mark at the start', text: '\uFEFFdata: bom\n\n' },
];

const lineEnds: Array<{ name: string; convert: (text: string) => string }> = [
  { name: 'LF', convert: (t) => t },
  { name: 'CRLF', convert: (t) => t.replace(/\r?\n/g, '\r\n') },
  { name: 'CR', convert: (t) => t.replace(/\r?\n/g, '\r') },
];

describe('SseDecoder matches eventsource-parser', () => {
  it('has fixtures to compare', () => {
    assert.ok(sseFixtures.length >= 2, `found ${sseFixtures.length} .sse fixtures`);
  });

  for (const input of [...sseFixtures, ...cornerCases]) {
    for (const ending of lineEnds) {
      it(`${input.name} (${ending.name}), whole and in random reads`, () => {
        const text = ending.convert(input.text);
        const bytes = utf8(text);
        const expected = reference(new TextDecoder().decode(bytes));
        assert.ok(expected.length > 0 || input.name === 'truncated last line', 'the reference saw messages');
        assert.deepEqual(ours([bytes]), expected, 'one read');
        for (let seed = 1; seed <= 40; seed++) {
          assert.deepEqual(ours(randomSplit(bytes, prng(seed))), expected, `seed ${seed}`);
        }
      });
    }
  }

  it('a CRLF cut between CR and LF is one line end, not two', () => {
    const messages = ours([utf8('data: a\r'), utf8('\ndata: b\r\n\r'), utf8('\n')]);
    assert.deepEqual(messages, [{ event: undefined, data: 'a\nb' }]);
  });

  it('stops delivering once finished() turns true', () => {
    const seen: string[] = [];
    const decoder = new SseDecoder({ message: (_e, data) => seen.push(data), finished: () => seen.includes('[DONE]') });
    decoder.push(utf8('data: 1\n\ndata: [DONE]\n\ndata: after\n\n'));
    decoder.end();
    assert.deepEqual(seen, ['1', '[DONE]']);
  });

  it('a throwing handler stops the read with its error', () => {
    const decoder = new SseDecoder({
      message: () => {
        throw new Error('bad chunk');
      },
      finished: () => false,
    });
    assert.throws(() => decoder.push(utf8('data: x\n\n')), /bad chunk/);
  });
});
