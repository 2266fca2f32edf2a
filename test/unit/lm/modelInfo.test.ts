import * as assert from 'node:assert/strict';
import { familyName, templateFamily, isChatModel } from '../../../src/core/lm/modelFamily';
import { AGENT_MIN_INPUT_TOKENS, toolSupport } from '../../../src/core/lm/toolSupport';
import { FALLBACK_CONTEXT_LENGTH, FALLBACK_MAX_OUTPUT, MAX_TOOLS, toLmModelInfo, toLmModelInfos } from '../../../src/core/lm/modelInfo';
import { templateOverhead } from '../../../src/core/lm/tokenEstimate';

describe('lm model info', () => {
  it('takes the limits from /v1/models: the answer and the template come out of the context', () => {
    const info = toLmModelInfo({
      id: 'Meta-Llama-3.3-70B-Instruct',
      contextLength: 131072,
      maxCompletionTokens: 8192,
      pricing: { prompt: 0.6e-6, completion: 1.2e-6 },
    });
    assert.ok(info);
    assert.equal(info.maxOutputTokens, 8192);
    assert.equal(info.maxInputTokens, 131072 - 8192 - templateOverhead('llama3').perRequest);
    assert.equal(info.name, 'Meta-Llama-3.3-70B-Instruct');
    assert.equal(info.version, 'Meta-Llama-3.3-70B-Instruct');
    assert.equal(info.family, 'meta-llama-3.3');
    assert.deepEqual(info.capabilities, { toolCalling: MAX_TOOLS });
    assert.equal(info.detail, '$0.6 in · $1.2 out /M');
    assert.match(info.tooltip, /Context: 131,072 tokens, answers up to 8,192/);
  });

  it('marks vision models as taking images', () => {
    const info = toLmModelInfo({ id: 'gemma-4-31B-it', contextLength: 131072, maxCompletionTokens: 8192 });
    assert.equal(info?.capabilities.imageInput, true);
    assert.equal(toLmModelInfo({ id: 'gpt-oss-120b', contextLength: 131072, maxCompletionTokens: 32768 })?.capabilities.imageInput, undefined);
  });

  it('offers no tool calling for R1-style reasoning models, and says why in the tooltip', () => {
    assert.equal(toolSupport('DeepSeek-R1-0528').toolCalling, false);
    const r1 = toLmModelInfo({ id: 'DeepSeek-R1-0528', contextLength: 32768, maxCompletionTokens: 8192 });
    assert.equal(r1?.capabilities.toolCalling, undefined);
    assert.match(r1?.tooltip ?? '', /Tools \(Agent mode\): not offered: R1-style reasoning model/);
    assert.equal(toolSupport('DeepSeek-V3.1').toolCalling, true);
    assert.match(toolSupport('gpt-oss-120b').reason, /reasoning_effort "high"/);
  });

  it('the user setting overrides the table per model id, both ways', () => {
    const overrides = { 'DeepSeek-R1-0528': true, 'gpt-oss-120b': false, 'MiniMax-M2.7': 'yes' };
    assert.equal(toLmModelInfo({ id: 'DeepSeek-R1-0528', contextLength: 32768 }, overrides)?.capabilities.toolCalling, MAX_TOOLS);
    const oss = toLmModelInfo({ id: 'gpt-oss-120b', contextLength: 131072 }, overrides);
    assert.equal(oss?.capabilities.toolCalling, undefined);
    assert.match(oss?.tooltip ?? '', /not offered: set in sambanova\.languageModels\.toolCalling/);
    // Not a boolean: the table decides.
    assert.equal(toolSupport('MiniMax-M2.7', overrides).toolCalling, true);
    assert.match(toolSupport('some-new-model').reason, /not in our table/);
  });

  it('offers no tools where VS Code\'s agent cannot fit its own tools and instructions, and says so in numbers', () => {
    const small = toLmModelInfo({ id: 'Meta-Llama-3.1-8B-Instruct', contextLength: 16384, maxCompletionTokens: 4096 });
    assert.ok(small && small.maxInputTokens < AGENT_MIN_INPUT_TOKENS);
    assert.equal(small.capabilities.toolCalling, undefined);
    assert.match(small.tooltip, /Tools \(Agent mode\): not offered: VS Code's agent sends about 20,000 tokens of tools and instructions with every request, more than the 12,\d{3} this model takes in/);
    // 32K holds it; the user's setting still decides where it says so.
    assert.equal(toLmModelInfo({ id: 'DeepSeek-V3.2', contextLength: 32768, maxCompletionTokens: 8192 })?.capabilities.toolCalling, MAX_TOOLS);
    assert.equal(toLmModelInfo({ id: 'Meta-Llama-3.1-8B-Instruct', contextLength: 16384 }, { 'Meta-Llama-3.1-8B-Instruct': true })?.capabilities.toolCalling, MAX_TOOLS);
  });

  it('leaves out embedding and speech models', () => {
    const infos = toLmModelInfos([{ id: 'E5-Mistral-7B-Instruct' }, { id: 'Whisper-Large-v3' }, { id: 'gpt-oss-120b', contextLength: 131072 }]);
    assert.deepEqual(
      infos.map((i) => i.id),
      ['gpt-oss-120b'],
    );
    assert.equal(isChatModel('MiniMax-M2.7'), true);
  });

  it('uses small safe limits when the server reports none, and never more output than half the context', () => {
    const bare = toLmModelInfo({ id: 'my-studio-expert' });
    assert.equal(bare?.maxOutputTokens, FALLBACK_MAX_OUTPUT);
    assert.equal(bare?.maxInputTokens, FALLBACK_CONTEXT_LENGTH - FALLBACK_MAX_OUTPUT - templateOverhead('other').perRequest);
    assert.match(bare?.tooltip ?? '', /not reported/);
    const odd = toLmModelInfo({ id: 'x', contextLength: 8192, maxCompletionTokens: 8192 });
    assert.equal(odd?.maxOutputTokens, 4096);
    assert.ok((odd?.maxInputTokens ?? 0) > 0);
  });

  it('names families the way selectors match them', () => {
    assert.equal(familyName('gpt-oss-120b'), 'gpt-oss');
    assert.equal(familyName('Llama-4-Maverick-17B-128E-Instruct'), 'llama-4-maverick');
    assert.equal(familyName('DeepSeek-V3.1'), 'deepseek-v3.1');
    assert.equal(familyName('gemma-4-31B-it'), 'gemma-4');
    assert.equal(familyName('gpt-oss-120b-131072'), 'gpt-oss');
    assert.equal(templateFamily('Meta-Llama-3.1-8B-Instruct'), 'llama3');
    assert.equal(templateFamily('Llama-4-Maverick-17B-128E-Instruct'), 'llama4');
    assert.equal(templateFamily('something-else'), 'other');
  });
});
