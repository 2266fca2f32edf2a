// Issue 13 §1: accepting a suggestion must leave the file exactly as if the user had typed it,
// with VS Code's auto-closing on: a closer the editor already put after the cursor (on the line,
// or on a line of its own below after Enter) must not end up twice, whether the answer came from
// a new request, the cache, forwarding along a shown answer, or a request that was already on its
// way before the editor inserted the closer. After `(` the engine asks for one line (the rest of
// the line is only closers; when requests are scarce it asks for a block and keeps the lines past
// the shown one for later), after `{` or on an empty line for a block (lineMode.ts).
import * as assert from 'node:assert/strict';
import type { SambaNovaApi, StreamOptions } from '../../../src/core/client/api';
import type { ChatRequest, ChatResult } from '../../../src/core/client/types';
import { CompletionEngine, type Clock, type CompletionItem, type CompletionOutput } from '../../../src/core/completion/engine';
import { stripThinking } from '../../../src/core/completion/answerWrappers';

interface Pending {
  stream(text: string): void;
  resolve(text: string): void;
}

/** Answers each request with what the test says, when it says. */
function scriptedApi() {
  const calls: Pending[] = [];
  const api = {
    streamChat: (request: ChatRequest, options: StreamOptions = {}) =>
      new Promise<ChatResult>((resolve, reject) => {
        let text = '';
        options.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
        calls.push({
          stream: (t) => {
            text += t;
            options.onEvent?.({ type: 'text', text: t });
          },
          resolve: (t) => {
            text += t;
            options.onEvent?.({ type: 'text', text: t });
            resolve({ text, reasoning: '', toolCalls: [], model: request.model, usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 } });
          },
        });
      }),
    listModels: async () => [],
    modelInfo: () => undefined,
    onDidActivity: () => ({ dispose() {} }),
  };
  return { api: api as unknown as SambaNovaApi, calls };
}

const clock: Clock = { now: () => 0, sleep: () => Promise.resolve() };
const flush = () => new Promise((r) => setImmediate(r));

function engine() {
  const { api, calls } = scriptedApi();
  const e = new CompletionEngine({ client: api, getSettings: () => ({ enabled: true, model: 'Meta-Llama-3.3-70B-Instruct', disabledLanguages: [] }), clock });
  return { engine: e, calls };
}

/** `|` is the cursor. */
function at(textWithCursor: string, languageId = 'typescript') {
  const offset = textWithCursor.indexOf('|');
  return { uri: `file:///w/a.${languageId === 'python' ? 'py' : 'ts'}`, languageId, text: textWithCursor.replace('|', ''), offset, triggerKind: 'explicit' as const, cursorCount: 1 };
}

/** The file after Tab: the item's text replaces its range. */
function accept(textWithCursor: string, item: CompletionItem | undefined): string {
  assert.ok(item, 'no suggestion');
  const text = textWithCursor.replace('|', '');
  return text.slice(0, item.range.start) + item.insertText + text.slice(item.range.end);
}

async function served(doc: string, answer: string, languageId = 'typescript'): Promise<CompletionOutput> {
  const { engine: e, calls } = engine();
  const out = e.provide(at(doc, languageId));
  await flush();
  calls[0]!.resolve(`<COMPLETION>${answer}</COMPLETION>`);
  return out;
}

describe('accepting a suggestion leaves the file as if typed (issue 13 §1)', () => {
  describe('answers from a request', () => {
    it('function chunk<T>( then an answer that closes ( and opens {: the auto-closed ) is not left after it', async () => {
      const doc = 'function chunk<T>(|)\n';
      const out = await served(doc, 'items: T[], size: number): T[][] {\n  return [];\n}');
      assert.equal(accept(doc, out.items[0]), 'function chunk<T>(items: T[], size: number): T[][] {\n');
    });

    it('interface Span { + Enter: the } VS Code put below is not added again', async () => {
      const doc = 'interface Span {\n  |\n}\n';
      const out = await served(doc, 'start: number;\n  end: number;\n}');
      assert.equal(accept(doc, out.items[0]), 'interface Span {\n  start: number;\n  end: number;\n}\n');
    });

    it('a block ending with }); before the }); already on the line', async () => {
      const doc = 'items.forEach((item) => {|});\n';
      const out = await served(doc, '\n  console.log(item);\n});');
      assert.equal(accept(doc, out.items[0]), 'items.forEach((item) => {\n  console.log(item);\n});\n');
    });

    it('quotes before an auto-closed quote (TypeScript and a Python f-string)', async () => {
      const one = "const name = '|'\n";
      assert.equal(accept(one, (await served(one, "Ada';")).items[0]), "const name = 'Ada';\n");
      const py = 'print(f"{|}")\n';
      assert.equal(accept(py, (await served(py, 'name}")', 'python')).items[0]), 'print(f"{name}")\n');
    });

    it('an answer that writes the ; already after the cursor', async () => {
      const doc = 'return compute(|);\n';
      assert.equal(accept(doc, (await served(doc, 'a, b);')).items[0]), 'return compute(a, b);\n');
    });
  });

  describe('answers served again after the editor changed what follows the cursor', () => {
    it('from the cache: a } now on the line below', async () => {
      const { engine: e, calls } = engine();
      const first = e.provide(at('interface Span {\n  |'));
      await flush();
      calls[0]!.resolve('<COMPLETION>start: number;\n  end: number;\n}</COMPLETION>');
      await first;
      const doc = 'interface Span {\n  |\n}';
      const out = await e.provide(at(doc));
      assert.equal(calls.length, 1, 'served without a request');
      assert.equal(accept(doc, out.items[0]), 'interface Span {\n  start: number;\n  end: number;\n}');
    });

    it('from the cache: a ) now after the cursor', async () => {
      const { engine: e, calls } = engine();
      const first = e.provide(at('function chunk<T>(|\n'));
      await flush();
      calls[0]!.resolve('<COMPLETION>items: T[]): T[][] {\n  return [];\n}</COMPLETION>');
      await first;
      const doc = 'function chunk<T>(|)\n';
      const out = await e.provide(at(doc));
      assert.equal(calls.length, 1, 'served without a request');
      assert.equal(accept(doc, out.items[0]), 'function chunk<T>(items: T[]): T[][] {\n');
    });

    it('forwarding: typing items.forEach( along the answer, VS Code adds )', async () => {
      const { engine: e, calls } = engine();
      const first = e.provide(at('function f() {\n  |\n}'));
      await flush();
      calls[0]!.resolve('<COMPLETION>items.forEach((item) => {\n    log(item);\n  });</COMPLETION>');
      await first;
      const doc = 'function f() {\n  items.forEach(|)\n}';
      const pending = e.provide({ ...at(doc), triggerKind: 'automatic' });
      await flush();
      assert.equal(calls.length, 1, 'served without a request');
      const out = await pending;
      assert.equal(accept(doc, out.items[0]), 'function f() {\n  items.forEach((item) => {\n    log(item);\n  });\n}');
    });

    it('forwarding: Enter between { and } (VS Code moves } down) is served from the answer, without the } twice', async () => {
      const { engine: e, calls } = engine();
      const first = e.provide(at('interface Span {|}\n'));
      await flush();
      calls[0]!.resolve('<COMPLETION>\n  start: number;\n  end: number;\n}</COMPLETION>');
      await first;
      const doc = 'interface Span {\n  |\n}\n';
      const pending = e.provide({ ...at(doc), triggerKind: 'automatic' });
      await flush();
      assert.equal(calls.length, 1, 'served without a request');
      const out = await pending;
      assert.equal(accept(doc, out.items[0]), 'interface Span {\n  start: number;\n  end: number;\n}\n');
    });

    it('in flight: the request left before ( was typed; the editor added ) meanwhile', async () => {
      const { engine: e, calls } = engine();
      const first = e.provide(at('function chunk<T>|\n'));
      await flush();
      calls[0]!.stream('<COMPLETION>(items');
      const doc = 'function chunk<T>(|)\n';
      const second = e.provide({ ...at(doc), triggerKind: 'automatic' });
      await flush();
      calls[0]!.resolve(': T[]): T[][] {\n  return [];\n}</COMPLETION>');
      const [, out] = await Promise.all([first, second]);
      assert.equal(calls.length, 1, 'the request on its way served it');
      assert.equal(out.stats.source, 'inflight');
      assert.equal(accept(doc, out.items[0]), 'function chunk<T>(items: T[]): T[][] {\n');
    });
  });

  it('thinking is only a <think> block at the very start (the stream splitter\'s rule)', () => {
    assert.equal(stripThinking('<think>plan</think>\nreturn x;'), 'return x;');
    assert.equal(stripThinking('  <think>unfinished'), '');
    const code = 'const tag = "<think>";\nparse(tag);';
    assert.equal(stripThinking(code), code, 'a tag inside the code is code');
    assert.equal(stripThinking('x = 1 </think> y'), 'x = 1 </think> y');
  });
});
