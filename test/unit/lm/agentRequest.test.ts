import assert from 'node:assert/strict';
import { printsErrorStacks } from '../../../src/core/lm/lmErrors';
import { agentParams } from '../../../src/core/lm/requestOptions';

describe('requests from VS Code\'s agent', () => {
  it('asks gpt-oss for high reasoning effort when tools go along, unless an effort was chosen', () => {
    assert.equal(agentParams({}, 'gpt-oss-120b', true).reasoningEffort, 'high');
    assert.equal(agentParams({ reasoningEffort: 'low' }, 'gpt-oss-120b', true).reasoningEffort, 'low');
    assert.equal(agentParams({}, 'gpt-oss-120b', false).reasoningEffort, undefined);
    assert.equal(agentParams({}, 'Meta-Llama-3.3-70B-Instruct', true).reasoningEffort, undefined);
  });

  it('knows which caller prints error stacks (Copilot Chat, whatever the case of its id)', () => {
    assert.equal(printsErrorStacks('github.copilot-chat'), true);
    assert.equal(printsErrorStacks('GitHub.copilot-chat'), true);
    assert.equal(printsErrorStacks('core'), false);
    assert.equal(printsErrorStacks(undefined), false);
  });
});
