import assert from 'node:assert/strict';
import type { ToolDefinition } from '../../../src/core/client/types';
import { checkContextFit, MIN_ANSWER_TOKENS, type FitCandidate } from '../../../src/core/lm/contextFit';
import type { LmMessage } from '../../../src/core/lm/messages';

/**
 * The shape of one request from VS Code's agent (issue 16): 38 tools whose JSON schemas take
 * about 52 KB (the largest 7.6 KB) and a 41,900-character system message. Synthetic text, same sizes.
 */
export function agentShape(): { tools: ToolDefinition[]; system: string } {
  const tools: ToolDefinition[] = [];
  for (let i = 0; i < 38; i++) {
    const big = i === 0;
    const properties: Record<string, unknown> = {};
    const fields = big ? 68 : 11;
    for (let f = 0; f < fields; f++) {
      properties[`field_${f}`] = { type: f % 3 ? 'string' : 'number', description: `What field ${f} of tool ${i} means, in a sentence or so for the model.` };
    }
    tools.push({ name: `tool_${i}`, description: `Tool ${i} does one thing in the workspace and reports what it did. `.repeat(big ? 6 : 2), parameters: { type: 'object', properties } });
  }
  const sentence = 'You are an agent working in the user\'s workspace; read files before you edit them and say what you changed. ';
  return { tools, system: sentence.repeat(Math.ceil(41_900 / sentence.length)).slice(0, 41_900) };
}

const candidates: FitCandidate[] = [
  { id: 'Meta-Llama-3.1-8B-Instruct', contextLength: 16_384, toolCalling: true },
  { id: 'DeepSeek-V3.2', contextLength: 32_768, toolCalling: true },
  { id: 'gpt-oss-120b', contextLength: 131_072, toolCalling: true },
  { id: 'Meta-Llama-3.3-70B-Instruct', contextLength: 131_072, toolCalling: true },
  { id: 'DeepSeek-R1-0528', contextLength: 131_072, toolCalling: false },
  { id: 'MiniMax-M2.7', contextLength: 196_608, toolCalling: true },
];

function messages(system: string, user: string): LmMessage[] {
  return [
    { role: 'system', parts: [{ type: 'text', text: system }] },
    { role: 'user', parts: [{ type: 'text', text: user }] },
  ];
}

describe('context fit before sending', () => {
  it('measures the agent shape: the schemas are about 52 KB, the whole prompt about 24,000 tokens at least', () => {
    const { tools, system } = agentShape();
    const schemaBytes = tools.reduce((n, t) => n + JSON.stringify(t.parameters).length, 0);
    assert.ok(schemaBytes > 45_000 && schemaBytes < 60_000, `schemas ${schemaBytes} bytes`);
    const fit = checkContextFit({ model: { id: 'gpt-oss-120b', contextLength: 131_072 }, messages: messages(system, 'Read a.txt'), tools, candidates });
    assert.equal(fit.fits, true);
    console.log(`      agent shape: ${tools.length} tools, ${schemaBytes} bytes of schemas, ${system.length} characters of instructions -> at least ${fit.promptTokens} prompt tokens (tools ${fit.toolTokens}, instructions ${fit.instructionTokens})`);
    assert.ok(fit.promptTokens > 20_000 && fit.promptTokens < 28_000, String(fit.promptTokens));
  });

  it('a 16K model cannot hold the agent: nothing to send, the fixed part in numbers, larger models named', () => {
    const { tools, system } = agentShape();
    const fit = checkContextFit({
      model: { id: 'Meta-Llama-3.1-8B-Instruct', contextLength: 16_384 },
      messages: messages(system, 'Read a.txt'),
      tools,
      candidates,
    });
    assert.equal(fit.fits, false);
    if (fit.fits) return;
    assert.match(fit.message, /^Nothing was sent to SambaNova: this request needs at least [\d,]+ tokens/);
    assert.match(fit.message, /but Meta-Llama-3\.1-8B-Instruct holds 16,384 tokens in all/);
    assert.match(fit.message, /The 38 tools \(at least [\d,]+ tokens\) and the instructions \(at least [\d,]+\) alone need [\d,]+ tokens or more, so a new chat will not help/);
    // Larger context, tool calling on, smallest first; the R1 model (no tools) is not named.
    assert.deepEqual(fit.suggested, ['gpt-oss-120b', 'Meta-Llama-3.3-70B-Instruct']);
    assert.match(fit.message, /such as gpt-oss-120b \(131,072 tokens\) or Meta-Llama-3\.3-70B-Instruct \(131,072 tokens\)\.$/);
    assert.ok(!/\n\s+at /.test(fit.message));
  });

  it('tools and instructions beyond the input limit we declared: nothing sent, though the server might take it', () => {
    // Copilot trimmed its instructions to fit a 16K model, but its tools still exceed the input limit.
    const { tools } = agentShape();
    const model = { id: 'Meta-Llama-3.1-8B-Instruct', contextLength: 16_384, maxInputTokens: 12_256 };
    const fit = checkContextFit({ model, messages: messages('Be brief. '.repeat(300), 'Read a.txt'), tools: tools.slice(0, 30), candidates });
    assert.equal(fit.fits, false);
    if (fit.fits) return;
    assert.ok(fit.promptTokens + fit.answerTokens <= 16_384, `${fit.promptTokens}: this case is about the declared input limit`);
    assert.match(fit.message, /^Nothing was sent to SambaNova: the 30 tools \(at least [\d,]+ tokens\) and the instructions \(at least [\d,]+\) alone need [\d,]+ tokens or more, but Meta-Llama-3\.1-8B-Instruct takes in at most 12,256 \(16,384 in all, with room kept for the answer\), so a new chat will not help: pick a model with a larger context in the model picker, such as DeepSeek-V3\.2 \(32,768 tokens\)/);
    // Without tools the same model is the server's to judge.
    assert.equal(checkContextFit({ model, messages: messages('Be brief. '.repeat(300), 'Read a.txt'), candidates }).fits, true);
  });

  it('a long conversation on a model that holds the instructions: start a new chat or attach less', () => {
    const fit = checkContextFit({
      model: { id: 'DeepSeek-V3.2', contextLength: 32_768 },
      messages: messages('Be brief.', 'x '.repeat(70_000)),
      candidates,
    });
    assert.equal(fit.fits, false);
    if (fit.fits) return;
    assert.match(fit.message, /The conversation and attachments take at least [\d,]+ of them: start a new chat or attach less, or pick a model with a larger context/);
    // Without tools, a model without tool calling may be named too.
    assert.ok(fit.suggested.length > 0);
  });

  it('counts the answer: max_tokens when the request sets it, else a small reserve', () => {
    const small = { id: 'm', contextLength: 1_000 };
    const base = checkContextFit({ model: small, messages: messages('', 'hello'), candidates: [] });
    assert.equal(base.fits, true);
    assert.equal(base.answerTokens, MIN_ANSWER_TOKENS);
    const big = checkContextFit({ model: small, messages: messages('', 'hello'), maxTokens: 990, candidates: [] });
    assert.equal(big.fits, false);
    if (!big.fits) assert.match(big.message, /none of the models this endpoint serves has a larger context/);
  });

  it('sends what might fit: the agent shape on a 32K model goes to the server', () => {
    const { tools, system } = agentShape();
    const fit = checkContextFit({ model: { id: 'DeepSeek-V3.2', contextLength: 32_768 }, messages: messages(system, 'hi'), tools, candidates });
    assert.equal(fit.fits, true);
  });

  it('leaves the decision to the server when the context length is unknown', () => {
    const { tools, system } = agentShape();
    assert.equal(checkContextFit({ model: { id: 'studio-endpoint' }, messages: messages(system, 'hi'), tools, candidates }).fits, true);
  });
});
