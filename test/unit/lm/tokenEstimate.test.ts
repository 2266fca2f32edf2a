// The token estimate against what SambaNova itself counted (usage.prompt_tokens in captured
// responses whose prompt is known). The bound: never more than 3 % under the server; and not
// wildly over (VS Code would trim conversations for nothing).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { estimatePromptTokens, type LmMessage } from '../../../src/core/lm/messages';
import { templateFamily } from '../../../src/core/lm/modelFamily';
import { estimateTextTokens, templateOverhead } from '../../../src/core/lm/tokenEstimate';
import type { ToolDefinition } from '../../../src/core/client/types';

interface Case {
  fixture: string;
  model: string;
  prompt: string;
  messages: Array<{ role: 'user' | 'system' | 'assistant'; text: string }>;
  tools?: ToolDefinition[];
}

const root = path.join(__dirname, '..', '..', '..');
const cases = (JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'prompt-tokens.json'), 'utf8')) as { cases: Case[] }).cases;

/** usage.prompt_tokens as the capture wrote it: JSON, Python dict repr, or LiteLLM's Usage(...) repr. */
function serverPromptTokens(fixture: string): number {
  const text = readFileSync(path.join(root, 'test', 'fixtures', 'sambanova', 'captured', fixture), 'utf8');
  const match = /["']?prompt_tokens["']?\s*[:=]\s*(\d+)/.exec(text);
  assert.ok(match, `no prompt_tokens in ${fixture}`);
  return Number(match[1]);
}

export const MAX_UNDERCOUNT = 0.03;

describe('lm token estimate', () => {
  const rows: string[] = [];
  after(() => {
    // The measurement, printed for the record (README and the report quote it).
    console.log(`\n      estimate vs SambaNova's usage.prompt_tokens:\n${rows.map((r) => `        ${r}`).join('\n')}`);
  });

  for (const c of cases) {
    it(`never undercounts ${c.model} (${c.fixture})`, () => {
      const server = serverPromptTokens(c.fixture);
      const messages: LmMessage[] = c.messages.map((m) => ({ role: m.role, parts: [{ type: 'text', text: m.text }] }));
      const estimate = estimatePromptTokens(messages, c.tools, templateOverhead(templateFamily(c.model)));
      const ratio = estimate / server;
      rows.push(`${c.model.padEnd(36)} server ${String(server).padStart(4)}  estimate ${String(estimate).padStart(4)}  ratio ${ratio.toFixed(2)}`);
      assert.ok(ratio >= 1 - MAX_UNDERCOUNT, `estimate ${estimate} is more than ${MAX_UNDERCOUNT * 100} % under the server's ${server}`);
      assert.ok(ratio <= 1.6, `estimate ${estimate} is far over the server's ${server}`);
    });
  }

  it('counts code at least one token per symbol and English at least four characters a token', () => {
    assert.equal(estimateTextTokens(''), 0);
    // "(", "a", ")", " =>", ... each symbol is a token for every BPE vocabulary we know.
    assert.ok(estimateTextTokens('f(a,b)=>{return a+b;}') >= 14);
    const prose = 'The quick brown fox jumps over the lazy dog near the riverbank at dawn.';
    assert.ok(estimateTextTokens(prose) >= Math.ceil(prose.length / 4));
  });

  it('splits long identifiers and counts digits in groups of three', () => {
    assert.ok(estimateTextTokens('configurationRegistryFactoryProvider') >= 4);
    assert.equal(estimateTextTokens('1234567'), 3);
  });

  it('counts non-Latin text per character, not per word', () => {
    assert.ok(estimateTextTokens('你好世界，今天天气很好') >= 10);
  });

  it('is fast enough to call per message while VS Code budgets a prompt', () => {
    const text = readFileSync(path.join(root, 'src', 'core', 'client', 'client.ts'), 'utf8').repeat(10);
    const started = performance.now();
    const tokens = estimateTextTokens(text);
    const ms = performance.now() - started;
    assert.ok(tokens > text.length / 4);
    // Not a benchmark: a guard against an accidental quadratic loop (~150 KB of code).
    assert.ok(ms < 200, `${ms.toFixed(1)} ms for ${text.length} characters`);
  });
});
