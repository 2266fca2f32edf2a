import assert from 'node:assert/strict';
import { chatToMarkdown, exportFileName } from '../../../src/core/chat/exportMarkdown';
import { formatFigures } from '../../../src/shared/present';
import { chatWith, msg } from './helpers';

describe('export to markdown', () => {
  it('writes the conversation with context, thinking, state and figures', () => {
    const chat = {
      ...chatWith('c', [
        msg('u', 'user', 'Why?', 1, { attachments: [{ id: 'a', kind: 'selection', label: 'a.ts:1', path: 'a.ts', language: 'ts', text: 'x()' }] }),
        msg('a', 'assistant', 'Because.', 2, {
          reasoning: 'think ``` hard',
          status: 'stopped',
          model: 'gpt-oss-120b',
          metrics: { completionTokens: 12, basis: 'server', model: 'gpt-oss-120b', tokensPerSecond: 512.3, timeToFirstTokenMs: 90, costUsd: 0.00002 },
        }),
        msg('e', 'assistant', '', 3, { status: 'error', error: { message: 'Rate limited.\nWait.' } }),
      ]),
      title: 'Why: a question?',
      createdAt: Date.UTC(2026, 0, 2, 3, 4),
    };
    const md = chatToMarkdown(chat, formatFigures);
    assert.ok(md.startsWith('# Why: a question?\n\n_2026-01-02 03:04 UTC · Meta-Llama-3.3-70B-Instruct_'));
    assert.match(md, /## You\n\nSelected code `a\.ts` \(a\.ts:1\):\n```ts\nx\(\)\n```\n\nWhy\?/);
    assert.match(md, /## SambaNova \(gpt-oss-120b\)/);
    assert.match(md, /<details><summary>Thinking<\/summary>\n\n````text\nthink ``` hard\n````/);
    assert.match(md, /Because\.\n\n_\(stopped\)_/);
    assert.match(md, /<sub>gpt-oss-120b · TTFT 0\.09 s · 512 tok\/s · 12 tokens · <\$0\.0001<\/sub>/);
    assert.match(md, /> \*\*Error:\*\* Rate limited\.\n> Wait\./);
    assert.equal(exportFileName(chat), 'why-a-question.md');
  });
});
