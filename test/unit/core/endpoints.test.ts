import assert from 'node:assert/strict';
import { resolveEndpoints, urlForLog } from '../../../src/core/client/endpoints';
import { SambaNovaError } from '../../../src/core/client/errors';

describe('resolveEndpoints', () => {
  const cloud = {
    kind: 'sambanova-cloud',
    chatCompletions: 'https://api.sambanova.ai/v1/chat/completions',
    completions: 'https://api.sambanova.ai/v1/completions',
    models: 'https://api.sambanova.ai/v1/models',
    host: 'api.sambanova.ai',
  };

  for (const input of [
    '',
    '   ',
    undefined,
    'https://api.sambanova.ai/v1',
    ' https://api.sambanova.ai/v1/ ',
    'https://api.sambanova.ai/v1///',
    'https://api.sambanova.ai',
    'https://api.sambanova.ai/',
    'https://api.sambanova.ai/v1/chat/completions',
    'https://api.sambanova.ai/v1/models',
    'https://api.sambanova.ai/v1#frag',
  ]) {
    it(`Cloud: ${JSON.stringify(input)}`, () => {
      assert.deepEqual(resolveEndpoints(input), cloud);
    });
  }

  it('SambaStack base (ALCF Metis, pasted with a trailing slash on the chat route)', () => {
    const e = resolveEndpoints('https://inference-api.alcf.anl.gov/resource_server/metis/api/v1/chat/completions/');
    assert.equal(e.kind, 'openai-compatible');
    assert.equal(e.chatCompletions, 'https://inference-api.alcf.anl.gov/resource_server/metis/api/v1/chat/completions');
    assert.equal(e.models, 'https://inference-api.alcf.anl.gov/resource_server/metis/api/v1/models');
    assert.equal(e.completions, 'https://inference-api.alcf.anl.gov/resource_server/metis/api/v1/completions');
  });

  it('a SambaNova-hosted SambaStack is labelled so', () => {
    const e = resolveEndpoints('https://acme.cloud.sambanova.ai/v1');
    assert.equal(e.kind, 'sambastack');
    assert.equal(e.chatCompletions, 'https://acme.cloud.sambanova.ai/v1/chat/completions');
  });

  it('any OpenAI-compatible local server, http and a port', () => {
    const e = resolveEndpoints('http://127.0.0.1:8080/v1');
    assert.deepEqual(e, {
      kind: 'openai-compatible',
      chatCompletions: 'http://127.0.0.1:8080/v1/chat/completions',
      completions: 'http://127.0.0.1:8080/v1/completions',
      models: 'http://127.0.0.1:8080/v1/models',
      host: '127.0.0.1:8080',
    });
  });

  for (const [input, chat] of [
    ['https://studio.example.com/openai/v1/proj-1/ep-2', 'https://studio.example.com/openai/v1/proj-1/ep-2/chat/completions'],
    ['https://studio.example.com/openai/v1/proj-1/ep-2/chat/completions', 'https://studio.example.com/openai/v1/proj-1/ep-2/chat/completions'],
    ['https://studio.example.com/openai/v1/proj-1/ep-2/chat/completions/', 'https://studio.example.com/openai/v1/proj-1/ep-2/chat/completions'],
    ['  https://studio.example.com/v1/proj-1/ep-2  ', 'https://studio.example.com/v1/proj-1/ep-2/chat/completions'],
    ['https://studio.example.com/v1/proj-1/ep-2/chat/completions', 'https://studio.example.com/v1/proj-1/ep-2/chat/completions'],
  ] as const) {
    it(`SambaStudio: ${input.trim()}`, () => {
      const e = resolveEndpoints(input);
      assert.equal(e.kind, 'sambastudio');
      assert.equal(e.chatCompletions, chat);
      assert.equal(e.models, undefined);
      assert.equal(e.completions, undefined);
      assert.equal(e.host, 'studio.example.com');
    });
  }

  it('keeps a query string (some gateways need one) after the route', () => {
    const e = resolveEndpoints('https://gw.example.com/v1?api-version=2');
    assert.equal(e.chatCompletions, 'https://gw.example.com/v1/chat/completions?api-version=2');
  });

  for (const [input, says] of [
    ['ftp://api.sambanova.ai/v1', /https:\/\//],
    ['file:///etc/passwd', /https:\/\//],
    ['javascript:alert(1)', /https:\/\//],
    ['api.sambanova.ai/v1', /not a valid URL/],
    ['https://user:secret@api.sambanova.ai/v1', /user name or password/],
    ['https://user@api.sambanova.ai/v1', /user name or password/],
    ['not a url', /not a valid URL/],
  ] as const) {
    it(`rejects ${input}`, () => {
      assert.throws(
        () => resolveEndpoints(input),
        (e: unknown) => e instanceof SambaNovaError && e.kind === 'config' && e.action === 'openSettings' && says.test(e.userMessage),
      );
    });
  }

  it('never echoes URL credentials in the error', () => {
    try {
      resolveEndpoints('https://user:hunter2secret@api.sambanova.ai/v1');
      assert.fail('should throw');
    } catch (e) {
      assert.ok(!(e as Error).message.includes('hunter2secret'));
    }
  });

  it('urlForLog hides query values', () => {
    assert.equal(urlForLog('https://x.example/v1/chat/completions?key=abc&v=2'), 'https://x.example/v1/chat/completions?key=***&v=***');
  });
});
