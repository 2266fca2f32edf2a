// Issue 13 §1 end to end, without a clock: a person types the bench's TypeScript and Python files
// through the model of VS Code's editing rules (bench/completion/editorModel.ts: auto-closing,
// auto-indent), asks the engine at every edit, and accepts every suggestion that is what they
// were about to type, at the pauses of the trace's rhythm. The model behind the engine is the stand-in's (test/fake-sambanova): the
// true continuation of the file, with the artefacts real models add, and in the fallible runs a
// share of plausible but wrong answers, which the person types past. Every file must end exactly
// as intended: an accepted suggestion never left a closer twice.
import * as assert from 'node:assert/strict';
import type { SambaNovaApi, StreamOptions } from '../../../src/core/client/api';
import type { ChatRequest, ChatResult } from '../../../src/core/client/types';
import { CompletionEngine, type Clock } from '../../../src/core/completion/engine';
import { buildTrace, type TraceFile } from '../../../bench/completion/trace';
import { Typist } from '../../../bench/completion/typist';
import { answerCompletion, type Artefact } from '../../fake-sambanova/completionAnswer';
import { SourceIndex } from '../../fake-sambanova/sourceIndex';

interface Run {
  accepts: number;
  acceptedChars: number;
  rejectedShown: number;
  text: string;
}

async function typeWithEngine(file: TraceFile, options: { artefacts: Artefact[]; wrong: number; messy: number; seed: number }): Promise<Run> {
  const index = new SourceIndex();
  index.add(file.path, file.source);
  const client = {
    streamChat: (request: ChatRequest, stream: StreamOptions = {}) => {
      const answer = answerCompletion(
        index,
        { route: 'chat', messages: request.messages.map((m) => ({ role: m.role, content: typeof m.content === 'string' ? m.content : '' })), stop: request.params?.stop ?? [] },
        { lines: 3, ...options },
      );
      const text = answer?.text ?? '';
      stream.onEvent?.({ type: 'text', text });
      return Promise.resolve<ChatResult>({ text, reasoning: '', toolCalls: [], model: request.model });
    },
    listModels: async () => [],
    modelInfo: () => undefined,
    onDidActivity: () => ({ dispose() {} }),
  } as unknown as SambaNovaApi;
  let now = 0;
  // Every keystroke is a fresh minute: the request budget is not what this test is about.
  const clock: Clock = { now: () => now, sleep: () => Promise.resolve() };
  const engine = new CompletionEngine({ client, getSettings: () => ({ enabled: true, model: 'Meta-Llama-3.3-70B-Instruct', disabledLanguages: [] }), clock });
  const typist = new Typist(file.source, file.start, file.end, file.languageId, file.indentUnit);
  const run: Run = { accepts: 0, acceptedChars: 0, rejectedShown: 0, text: '' };
  let edited = true;
  let steps = 0;
  while (!typist.done) {
    assert.ok(++steps < 4 * file.source.length, `${file.path}: no progress`);
    now += 60_000;
    if (edited) {
      const out = await engine.provide({
        uri: `file:///w/${file.path}`,
        fileName: file.path,
        languageId: file.languageId,
        text: typist.editor.text,
        offset: typist.editor.cursor,
        triggerKind: 'automatic',
        cursorCount: 1,
        indent: { useTabs: false, size: file.indentUnit.length },
      });
      const item = out.items[0];
      const suggestion = item && { insertText: item.insertText, start: item.range.start, end: item.range.end };
      // Tab where the person pauses (the trace's rhythm), as they would: not in mid-burst.
      const pausing = (file.delays[typist.p - file.start] ?? 0) > 300;
      if (suggestion && pausing && typist.readsRight(suggestion)) {
        const before = typist.editor.cursor;
        typist.accept(suggestion);
        run.accepts++;
        run.acceptedChars += typist.editor.cursor - before;
        edited = true;
        continue;
      }
      if (suggestion && pausing) run.rejectedShown++;
    }
    edited = typist.step().edited;
  }
  typist.finish();
  engine.dispose();
  run.text = typist.editor.text;
  return run;
}

describe('typing with the engine and accepting with Tab leaves the intended file (issue 13 §1)', function () {
  this.timeout(60_000);
  for (const seed of [1, 2, 3]) for (const file of buildTrace(0, seed).files.slice(0, 2)) {
    it(`${file.path} (rhythm ${seed}): true answers with artefacts`, async () => {
      const run = await typeWithEngine(file, { artefacts: [], wrong: 0, messy: 60, seed });
      assert.equal(run.text, file.source);
      assert.ok(run.acceptedChars > (file.end - file.start) / 4, `accepted ${run.acceptedChars} of ${file.end - file.start} characters in ${run.accepts} accepts`);
    });

    it(`${file.path} (rhythm ${seed}): every answer runs on into the closers and lines the editor already has`, async () => {
      const run = await typeWithEngine(file, { artefacts: ['overlap'], wrong: 0, messy: 0, seed });
      assert.equal(run.text, file.source);
      assert.ok(run.acceptedChars > (file.end - file.start) / 4, `accepted ${run.acceptedChars} of ${file.end - file.start} characters in ${run.accepts} accepts`);
    });

    it(`${file.path} (rhythm ${seed}): 40% plausible but wrong answers, typed past`, async () => {
      const run = await typeWithEngine(file, { artefacts: [], wrong: 40, messy: 20, seed });
      assert.equal(run.text, file.source);
      assert.ok(run.rejectedShown > 0, 'no wrong suggestion was shown');
    });
  }
});
