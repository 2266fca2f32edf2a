// The empty chat's words and suggestions (the DOM and its clicks are checked in Chromium:
// test/unit/webview/inBrowser.ts, "an empty chat ...").
import assert from 'node:assert/strict';
import { WebviewMessageSchema } from '../../../src/shared/protocol';
import { modelLine, suggestions } from '../../../src/webview/welcome';

describe('empty chat', () => {
  it('names the model with its context and what it costs, from the model list', () => {
    assert.equal(
      modelLine({ id: 'Meta-Llama-3.3-70B-Instruct', contextLength: 131072, promptPricePerM: 0.6, completionPricePerM: 1.2 }),
      'Answers come from Meta-Llama-3.3-70B-Instruct · 131K context · $0.60 in / $1.20 out per M tokens. Each answer shows its speed and cost under it; change the model under the input.',
    );
    // No price known (a model the list does not price): nothing invented.
    assert.match(modelLine({ id: 'gemma-4-31B-it' }), /^Answers come from gemma-4-31B-it\. Each answer/);
    assert.equal(modelLine(undefined), 'Choose a model under the input.');
  });

  it('offers the selection, the active file and its problems, each as an attach message the host accepts', () => {
    assert.deepEqual(suggestions.map((s) => s.attach), ['selection', 'file', 'problems']);
    for (const s of suggestions) {
      assert.ok(WebviewMessageSchema.safeParse({ type: 'attach', kind: s.attach }).success, s.label);
      assert.ok(s.prompt.trim().length > 0);
    }
  });
});
