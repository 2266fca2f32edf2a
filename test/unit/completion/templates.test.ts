import * as assert from 'node:assert/strict';
import { buildPrompt, CLOSE_TAG, HOLE, OPEN_TAG } from '../../../src/core/completion/prompt';
import { fimTemplate, templateFor, templateIds, type FimTemplateId } from '../../../src/core/completion/templates';

describe('completion templates', () => {
  it('chooses by an explicit table, never by substrings of the model name', () => {
    assert.equal(templateFor('Qwen2.5-Coder-32B-Instruct'), 'qwen-coder');
    assert.equal(templateFor('Qwen/Qwen2.5-Coder-7B'), 'qwen-coder');
    assert.equal(templateFor('deepseek-coder-6.7b-base'), 'deepseek-coder');
    // Chat models whose names share a family word get the chat prompt (Continue sends them FIM tokens).
    assert.equal(templateFor('DeepSeek-V3.1'), 'chat');
    assert.equal(templateFor('Qwen3-32B'), 'chat');
    assert.equal(templateFor('Meta-Llama-3.3-70B-Instruct'), 'chat');
    assert.equal(templateFor('my-starcoder-finetune'), 'chat');
  });

  it("the user's table wins, case-insensitively, and ignores unknown template names", () => {
    assert.equal(templateFor('my-starcoder-finetune', { 'My-StarCoder-Finetune': 'starcoder' }), 'starcoder');
    assert.equal(templateFor('Qwen2.5-Coder-32B-Instruct', { 'qwen2.5-coder-32b-instruct': 'chat' }), 'chat');
    assert.equal(templateFor('DeepSeek-V3.1', { 'DeepSeek-V3.1': 'no-such-template' }), 'chat');
  });

  it('FIM templates wrap prefix and suffix in their own sentinels, with at most 4 stops', () => {
    const expectations: Record<FimTemplateId, string> = {
      'qwen-coder': '<|fim_prefix|>P<|fim_suffix|>S<|fim_middle|>',
      'deepseek-coder': '<｜fim▁begin｜>P<｜fim▁hole｜>S<｜fim▁end｜>',
      starcoder: '<fim_prefix>P<fim_suffix>S<fim_middle>',
      codellama: '<PRE> P <SUF>S <MID>',
      codestral: '[SUFFIX]S[PREFIX]P',
    };
    for (const id of templateIds.filter((t) => t !== 'chat') as FimTemplateId[]) {
      assert.equal(fimTemplate(id).build('P', 'S'), expectations[id]);
      assert.ok(fimTemplate(id).stop.length <= 4, id);
    }
  });
});

describe('completion prompts', () => {
  const context = { prefix: 'def f(x):\n    ', suffix: '\n\nprint(f(1))\n', snippets: [{ uri: 'util.py', text: 'def helper(y):\n    return y' }], prefixTruncated: false, suffixTruncated: false };

  it('chat: system rules, worked examples, the file with the hole marked, the closing tag as stop', () => {
    const p = buildPrompt({ context, fileName: 'src/a.py', languageId: 'python', mode: 'multi', template: 'chat' });
    assert.equal(p.kind, 'chat');
    if (p.kind !== 'chat') return;
    assert.deepEqual(p.stop, [CLOSE_TAG]);
    assert.equal(p.messages[0]!.role, 'system');
    assert.match(String(p.messages[0]!.content), /only|exactly/);
    const examples = p.messages.filter((m) => m.role === 'assistant');
    assert.ok(examples.length >= 2);
    for (const e of examples) assert.match(String(e.content), new RegExp(`^${OPEN_TAG}[\\s\\S]*${CLOSE_TAG.replace('/', '\\/')}$`));
    const user = String(p.messages[p.messages.length - 1]!.content);
    assert.ok(user.includes(`def f(x):\n    ${HOLE}\n\nprint(f(1))\n`), user);
    assert.ok(user.includes('File: src/a.py (python)'));
    assert.ok(user.includes('def helper(y)'), 'snippet missing');
    assert.match(user, /block of lines/);
  });

  it('chat: one line asked mid-expression', () => {
    const p = buildPrompt({ context, fileName: 'a.py', languageId: 'python', mode: 'single', template: 'chat' });
    assert.ok(p.kind === 'chat' && /one line/.test(String(p.messages[p.messages.length - 1]!.content)));
  });

  it('FIM: raw prompt with snippets as comments before the prefix; one line adds a newline stop', () => {
    const multi = buildPrompt({ context, fileName: 'a.py', languageId: 'python', mode: 'multi', template: 'qwen-coder' });
    assert.equal(multi.kind, 'fim');
    if (multi.kind !== 'fim') return;
    assert.ok(multi.prompt.startsWith('<|fim_prefix|># util.py\ndef helper(y):'));
    assert.ok(multi.prompt.endsWith(`def f(x):\n    <|fim_suffix|>${context.suffix}<|fim_middle|>`));
    const single = buildPrompt({ context, fileName: 'a.py', languageId: 'python', mode: 'single', template: 'starcoder' });
    assert.ok(single.kind === 'fim' && single.stop.includes('\n') && single.stop.length <= 4);
  });
});
