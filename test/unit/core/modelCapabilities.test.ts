import assert from 'node:assert/strict';
import { acceptsImages } from '../../../src/core/client/modelCapabilities';

describe('acceptsImages', () => {
  it('knows the vision models SambaNova serves or served', () => {
    for (const id of ['gemma-4-31B-it', 'gemma-3-12b-it', 'Llama-4-Maverick-17B-128E-Instruct', 'Llama-3.2-11B-Vision-Instruct', 'Qwen2.5-VL-72B-Instruct']) {
      assert.equal(acceptsImages(id), true, id);
    }
  });

  it('treats text models, and models it does not know, as text-only', () => {
    for (const id of ['Meta-Llama-3.3-70B-Instruct', 'gpt-oss-120b', 'DeepSeek-V3.1', 'MiniMax-M2.7', 'DeepSeek-R1-0528', 'gemma-2-9b-it', 'some-new-model']) {
      assert.equal(acceptsImages(id), false, id);
    }
  });
});
