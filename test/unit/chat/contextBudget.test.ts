import assert from 'node:assert/strict';
import { answerReserve, chatMessageTokens, fitToContext } from '../../../src/core/chat/contextBudget';
import { planRequest } from '../../../src/core/chat/conversation';
import type { ChatMessage } from '../../../src/core/client/types';
import { msg } from './helpers';

const words = (n: number) => 'abcd'.repeat(n); // n tokens by our estimate

describe('context budget', () => {
  it('sends everything when it fits', () => {
    const history: ChatMessage[] = [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
    ];
    const r = fitToContext({ history, latest: { role: 'user', content: 'c' }, contextLength: 8192 });
    assert.ok(r.fits);
    assert.equal(r.messages.length, 3);
    assert.equal(r.droppedMessages, 0);
  });

  it('drops the oldest turns first and never opens on an orphaned answer', () => {
    const history: ChatMessage[] = [
      { role: 'user', content: words(300) },
      { role: 'assistant', content: words(300) },
      { role: 'user', content: words(300) },
      { role: 'assistant', content: words(10) },
    ];
    // 2048 context, 512 reserved: 1536 for the prompt.
    const r = fitToContext({
      system: { role: 'system', content: words(100) },
      history,
      latest: { role: 'user', content: words(700) },
      contextLength: 2048,
    });
    assert.ok(r.fits);
    assert.equal(r.droppedMessages, 2);
    assert.deepEqual(
      r.messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'user'],
    );
    assert.ok(r.promptTokens <= 2048 - answerReserve(2048));
  });

  it('drops an answer whose question did not fit', () => {
    const history: ChatMessage[] = [
      { role: 'user', content: words(1000) },
      { role: 'assistant', content: words(10) },
    ];
    const r = fitToContext({ history, latest: { role: 'user', content: 'q' }, contextLength: 1024 });
    assert.ok(r.fits);
    assert.equal(r.droppedMessages, 2);
    assert.equal(r.messages.length, 1);
  });

  it('refuses when even the newest message cannot fit', () => {
    const r = fitToContext({ history: [], latest: { role: 'user', content: words(5000) }, contextLength: 4096 });
    assert.equal(r.fits, false);
  });

  it('honours max_tokens as the reserve and trims nothing without a known context length', () => {
    assert.equal(answerReserve(131072, 1000), 1000);
    assert.equal(answerReserve(131072), 4096);
    const r = fitToContext({ history: [{ role: 'user', content: words(100000) }], latest: { role: 'user', content: 'q' } });
    assert.ok(r.fits && r.droppedMessages === 0);
  });

  it('counts images by a fixed estimate, not by the size of their base64', () => {
    const big = `data:image/png;base64,${'A'.repeat(400_000)}`;
    const t = chatMessageTokens({ role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'image_url', image_url: { url: big } }] });
    assert.ok(t < 2000, String(t));
  });

  it('plans a request with a notice naming the model and its context', () => {
    const messages = [
      msg('u1', 'user', words(4000), 1),
      msg('a1', 'assistant', words(4000), 2),
      msg('u2', 'user', 'and now?', 3, { attachments: [{ id: 'x', kind: 'selection', label: 'a.ts:1', text: 'let a' }] }),
    ];
    const plan = planRequest({ messages, systemPrompt: 'be brief', model: 'Meta-Llama-3.3-70B-Instruct', contextLength: 8192 });
    assert.ok(plan.ok);
    assert.equal(plan.notice, "2 earlier messages were left out to fit Meta-Llama-3.3-70B-Instruct's 8192-token context.");
    assert.equal(plan.messages.length, 2);
    assert.match(plan.messages[1].content as string, /let a[\s\S]*and now\?$/);
  });

  it('skips empty failed answers but keeps stopped partial ones', () => {
    const plan = planRequest({
      messages: [
        msg('u1', 'user', 'q1', 1),
        msg('a1', 'assistant', '', 2, { status: 'error' }),
        msg('u2', 'user', 'q2', 3),
        msg('a2', 'assistant', 'partial', 4, { status: 'stopped' }),
        msg('u3', 'user', 'q3', 5),
      ],
      systemPrompt: '',
      model: 'm',
    });
    assert.ok(plan.ok);
    assert.deepEqual(
      plan.messages.map((m) => m.content),
      ['q1', 'q2', 'partial', 'q3'],
    );
  });

  it('explains clearly when the message is too long', () => {
    const plan = planRequest({ messages: [msg('u', 'user', words(9000), 1)], systemPrompt: '', model: 'small', contextLength: 8192 });
    assert.equal(plan.ok, false);
    if (!plan.ok) assert.match(plan.error, /too long for small/);
  });
});
