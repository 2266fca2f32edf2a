import * as assert from 'node:assert/strict';
import { SambaNovaError } from '../../../src/core/client/errors';
import { httpError, missingKeyError } from '../../../src/core/client/httpErrors';
import { lmErrorCode, lmErrorMessage, parseToolArguments } from '../../../src/core/lm/lmErrors';
import { samplingFor } from '../../../src/core/lm/requestOptions';

describe('lm errors and options', () => {
  it('keeps the chat panel\'s sentence for a 401 and adds the fix in words', () => {
    const err = httpError({ status: 401, headers: new Headers(), bodyText: '{"error":{"message":"Invalid API key"}}', host: 'api.sambanova.ai' });
    const message = lmErrorMessage(err);
    assert.ok(message.startsWith(err.userMessage), message);
    assert.match(message, /SambaNova: Set API Key/);
    assert.equal(lmErrorCode(err), 'NoPermissions');
  });

  it('does not repeat a fix the sentence already gives', () => {
    const err = missingKeyError();
    assert.equal(lmErrorMessage(err), err.userMessage);
  });

  it('maps kinds to LanguageModelError codes', () => {
    const make = (kind: SambaNovaError['kind']) => new SambaNovaError({ kind, userMessage: 'x' });
    assert.equal(lmErrorCode(make('rateLimited')), 'Blocked');
    assert.equal(lmErrorCode(make('billing')), 'Blocked');
    assert.equal(lmErrorCode(make('modelNotFound')), 'NotFound');
    assert.equal(lmErrorCode(make('server')), 'Unknown');
  });

  it('accepts only JSON objects as tool arguments', () => {
    assert.deepEqual(parseToolArguments('{"a":1}'), { ok: true, value: { a: 1 } });
    assert.deepEqual(parseToolArguments(''), { ok: true, value: {} });
    assert.deepEqual(parseToolArguments('[1]'), { ok: false });
    assert.deepEqual(parseToolArguments('{"a":'), { ok: false });
  });

  it('lets a caller override sampling settings, and ignores anything else', () => {
    const params = samplingFor({ temperature: 0.2, topK: 5 }, { temperature: 0.9, max_tokens: 100, stop: 'END', url: 'http://evil', reasoning_effort: 'high' });
    assert.deepEqual(params, { temperature: 0.9, topK: 5, maxTokens: 100, stop: ['END'], reasoningEffort: 'high' });
    assert.deepEqual(samplingFor({ temperature: 0.2 }, undefined), { temperature: 0.2 });
  });
});
