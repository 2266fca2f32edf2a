// A request to the local SambaNova streams through the shared client while the status bar shows
// the live rate, then the final figures.
import * as assert from 'node:assert/strict';
import type { StreamEvent } from '../../src/core/client/types';
import { activateExtension, eventually, setGlobalSetting, testEnv } from './support/extension';

const LIVE = /^\$\(loading~spin\) \d[\d.]* tok\/s$/;
const FINAL = /^\$\(zap\) ~?\d[\d.]* tok\/s · \d+(\.\d+)? s$/;

describe('streaming and the status bar', () => {
  it('shows a live tok/s while streaming and the figures afterwards', async function () {
    this.timeout(30_000);
    const { hooks } = await activateExtension();
    // 'slow' = 400 ms to first token, then 40 tok/s: 80 tokens take about two seconds.
    await setGlobalSetting(hooks, 'baseUrl', `${testEnv('SAMBANOVA_TEST_FAKE_URL')}/scenario/slow,tokens=80/v1`);
    assert.match(hooks.services.client.endpoints().chatCompletions, /\/scenario\/slow,tokens=80\/v1\/chat\/completions$/);

    const seen: string[] = [];
    const sample = (): void => {
      const text = hooks.statusBar.text;
      if (seen[seen.length - 1] !== text) seen.push(text);
    };
    const poll = setInterval(sample, 15);
    const events: StreamEvent[] = [];
    try {
      const result = await hooks.services.client.streamChat(
        { model: hooks.services.config.get().model, messages: [{ role: 'user', content: 'hi' }], source: 'test' },
        { onEvent: (e) => events.push(e) },
      );
      sample();
      assert.ok(result.text.length > 0, 'empty answer');
      assert.equal(result.finishReason, 'stop');
      assert.ok(events.filter((e) => e.type === 'text').length > 5, `only ${events.length} events: not streamed`);
    } finally {
      clearInterval(poll);
    }
    const live = seen.filter((t) => LIVE.test(t));
    assert.ok(live.length >= 1, `no live rate while streaming; saw ${JSON.stringify(seen)}`);
    await eventually(() => FINAL.test(hooks.statusBar.text), `final figures (is: ${hooks.statusBar.text})`);
    const last = hooks.statusBar.last;
    assert.ok(last && last.completionTokens > 0, 'no metrics kept for the last request');
    assert.ok(last.tokensPerSecond && last.tokensPerSecond > 0, 'no tokens per second');
    assert.match(hooks.statusBar.tooltip, /Tokens in \/ out/);
    assert.ok(hooks.statusBar.tooltip.includes(last.model), 'tooltip does not name the model');
    console.log(`      status bar went: ${seen.join('  ->  ')}`);
  });
});
