import assert from 'node:assert/strict';
import type { AttachmentContent } from '../../../src/core/chat/model';
import { isImageDataUrl, userContent, userPromptText } from '../../../src/core/chat/promptAssembly';
import { fenceFor } from '../../../src/core/promptText';

const selection: AttachmentContent = {
  id: 's',
  kind: 'selection',
  label: 'app.ts:3-4',
  path: 'src/app.ts',
  language: 'typescript',
  text: 'const a = 1;\nconst b = 2;',
};

describe('prompt assembly', () => {
  it('puts fenced context with its path before the question', () => {
    const text = userPromptText('What does this do?', [selection]);
    assert.equal(text, 'Selected code `src/app.ts` (app.ts:3-4):\n```typescript\nconst a = 1;\nconst b = 2;\n```\n\nWhat does this do?');
  });

  it('uses a longer fence when the attached text contains fences', () => {
    assert.equal(fenceFor('a ``` b ```` c'), '`````');
    const text = userPromptText('q', [{ ...selection, text: '```\nnot the end\n```' }]);
    assert.ok(text.startsWith('Selected code `src/app.ts` (app.ts:3-4):\n````typescript\n```\nnot the end\n```\n````'));
  });

  it('says when a file was cut, and lists problems without a language', () => {
    const text = userPromptText('fix', [
      { id: 'f', kind: 'file', label: 'big.ts', path: 'big.ts', language: 'typescript', text: 'x', truncated: true },
      { id: 'p', kind: 'problems', label: '1 problem', path: 'big.ts', text: 'big.ts:1:1 error: nope' },
    ]);
    assert.match(text, /```typescript\nx\n```\n\(Truncated to fit the size limit\.\)/);
    assert.match(text, /Problems `big.ts` \(1 problem\):\n```\nbig.ts:1:1 error: nope\n```/);
  });

  it('keeps text-only turns as strings and uses parts only with images', () => {
    assert.equal(userContent('hi'), 'hi');
    const url = 'data:image/png;base64,iVBORw0KGgo=';
    assert.deepEqual(userContent('look', [], [url]), [
      { type: 'text', text: 'look' },
      { type: 'image_url', image_url: { url } },
    ]);
  });

  it('accepts only base64 image data URLs', () => {
    assert.ok(isImageDataUrl('data:image/jpeg;base64,/9j/4AAQ'));
    assert.equal(isImageDataUrl('https://example.com/a.png'), false);
    assert.equal(isImageDataUrl('data:text/html;base64,PHNjcmlwdD4='), false);
    assert.equal(isImageDataUrl('data:image/svg+xml;base64,PHN2Zz4='), false);
  });
});
