// npm run eval:completion [-- --model M --limit 50 --rpm 20 --base-url URL]   (needs SAMBANOVA_API_KEY)
// npm run eval:completion -- --local                                        (smoke test, no key)
//
// Quality of inline completion on HumanEval single-line infilling (test/fixtures/fim, OpenAI, MIT),
// three ways on the same model, so the prompt and the clean-up are measured apart:
//   ours           our real completion path (CompletionEngine: our prompts, templates and
//                  post-processing, an explicit trigger so nothing is debounced);
//   plain + ours   the plain hole-filler prompt (bench/completion/baselinePrompt.ts), its answer
//                  through our cleaner (cleanCompletion), as the engine would clean it;
//   plain          the same answer with only a surrounding fence dropped (baselineParse).
// ours vs "plain + ours" is what our prompt is worth; "plain + ours" vs "plain" is what the
// clean-up is worth. Prints exact match, edit similarity and pass@1 (the task's own tests, run
// with python3). One request per task for ours and one for the plain prompt.
//
// Opt-in and with a real key only: it spends real requests, so it refuses to run without
// SAMBANOVA_API_KEY and never runs in CI. `--local` is a smoke test, not a measurement: the local
// stand-in answers the true line wrapped in artefacts (a fence, the line after the hole again)
// that our cleaner was written against, so it shows the script and both paths work end to end
// here, where there is no internet, and says nothing about real models.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SambaNovaClient } from '../../src/core/client/client';
import { CompletionEngine } from '../../src/core/completion/engine';
import { decideLineMode } from '../../src/core/completion/lineMode';
import { cleanCompletion } from '../../src/core/completion/postprocess';
import { nodeTransport } from '../../src/core/client/nodeTransport';
import { startFakeSambaNova } from '../../test/fake-sambanova';
import { baselineMessages, baselineParse } from './baselinePrompt';
import { readHumanEval } from './trace';

interface Scores {
  exact: number;
  similarity: number;
  passed: number;
  failedRequests: number;
}

function editSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const n = a.length;
  const m = b.length;
  let previous = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const row = [i];
    for (let j = 1; j <= m; j++) {
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return 1 - previous[m]! / Math.max(n, m, 1);
}

function runPython(dir: string, program: string): Promise<boolean> {
  const file = join(dir, `t${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, program);
  return new Promise((resolve) => {
    execFile('python3', [file], { timeout: 10_000 }, (error) => resolve(!error));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      local: { type: 'boolean', default: false },
      model: { type: 'string', default: 'Meta-Llama-3.3-70B-Instruct' },
      'base-url': {
        type: 'string',
        default: process.env.SAMBANOVA_BASE_URL ?? 'https://api.sambanova.ai/v1',
      },
      limit: { type: 'string', default: '50' },
      rpm: { type: 'string', default: '20' },
      artefacts: { type: 'string', default: 'fence+overlap' },
    },
  });
  if (process.env.CI) {
    console.error('eval:completion spends real requests and never runs in CI.');
    return 2;
  }
  const key = values.local ? 'sn-local-eval-000000000000' : process.env.SAMBANOVA_API_KEY?.trim();
  if (!key) {
    console.error(
      'eval:completion needs a real key: SAMBANOVA_API_KEY=... npm run eval:completion (or --local for the local stand-in).',
    );
    return 2;
  }
  const limit = Number(values.limit);
  const rpm = values.local ? 0 : Number(values.rpm);
  const all = readHumanEval('HumanEval-SingleLineInfilling.jsonl.gz');
  // Spread over the tasks (every k-th), not only the first functions.
  const step = Math.max(1, Math.floor(all.length / limit));
  const tasks = all.filter((_, i) => i % step === 0).slice(0, limit);

  let baseUrl = values['base-url']!;
  let stop: (() => Promise<void>) | undefined;
  if (values.local) {
    const sources = new Map<string, string>();
    for (const t of all) sources.set(fileOf(t.task_id), t.prompt + t.canonical_solution + t.suffix);
    const server = await startFakeSambaNova({
      sources: [...sources].map(([path, text]) => ({ path, text })),
    });
    baseUrl = server.scenarioUrl(
      `completion,ttft=0,tps=0,lines=1,artefacts=${encodeURIComponent(values.artefacts!)}`,
    );
    stop = () => server.close();
    console.log(
      `SMOKE TEST on the local stand-in at ${server.url}: it answers the true line with artefacts "${values.artefacts}",`,
    );
    console.log(
      'which our cleaner was written against. It checks that the script and the three paths work; it measures no model.',
    );
  }
  const client = new SambaNovaClient({
    fetch: globalThis.fetch,
    transport: nodeTransport(),
    getApiKey: () => Promise.resolve(key),
    getSettings: () => ({ baseUrl, connectTimeoutMs: 30_000, stallTimeoutMs: 60_000, maxRetries: 3 }),
  });
  const engine = new CompletionEngine({
    client,
    getSettings: () => ({ enabled: true, model: values.model!, disabledLanguages: [] }),
    // This run paces itself (--rpm); the engine's own budget must not skip tasks.
    budget: { assumedPerMinute: 100_000, reserveShare: 0, minReserve: 0 },
  });
  const dir = mkdtempSync(join(tmpdir(), 'eval-completion-'));
  const ours: Scores = { exact: 0, similarity: 0, passed: 0, failedRequests: 0 };
  const plainOurs: Scores = { exact: 0, similarity: 0, passed: 0, failedRequests: 0 };
  const plain: Scores = { exact: 0, similarity: 0, passed: 0, failedRequests: 0 };
  const gap = rpm > 0 ? 60_000 / rpm : 0;
  console.log(
    `HumanEval single-line infilling: ${tasks.length} of ${all.length} tasks, model ${values.model}${values.local ? '' : ` at ${baseUrl}`}, 2 requests a task (ours, plain)${gap ? `, one every ${(gap / 1000).toFixed(1)} s` : ''}.`,
  );
  /** Scores the document after the fill: the filled middle against the canonical line, and the task's tests. */
  const score = async (scores: Scores, filled: string | undefined, task: (typeof tasks)[number]) => {
    if (filled === undefined) {
      scores.failedRequests++;
      return;
    }
    const intact =
      filled.startsWith(task.prompt) &&
      filled.endsWith(task.suffix) &&
      filled.length >= task.prompt.length + task.suffix.length;
    const middle = intact ? filled.slice(task.prompt.length, filled.length - task.suffix.length) : filled;
    const truth = task.canonical_solution.replace(/\s+$/, '');
    const got = middle.replace(/\s+$/, '');
    if (intact && got === truth) scores.exact++;
    scores.similarity += editSimilarity(got, truth);
    if (await runPython(dir, `${filled}\n\n${task.test}\n\ncheck(${task.entry_point})\n`)) scores.passed++;
  };
  // The line the model writes replaces the hole, which ends where the suffix starts; a fill
  // without its own line break gets one (an editor's Tab leaves the cursor before the suffix's).
  const fillIn = (task: (typeof tasks)[number], start: number, insert: string, end: number): string => {
    const text = task.prompt + task.suffix;
    const needsBreak =
      end === task.prompt.length && !insert.endsWith('\n') && !task.suffix.startsWith('\n') && insert !== '';
    return text.slice(0, start) + insert + (needsBreak ? '\n' : '') + text.slice(end);
  };
  try {
    for (const [i, task] of tasks.entries()) {
      const text = task.prompt + task.suffix;
      const started = performance.now();
      const { items, stats } = await engine.provide({
        uri: `file:///humaneval/${fileOf(task.task_id)}`,
        fileName: fileOf(task.task_id),
        languageId: 'python',
        text,
        offset: task.prompt.length,
        triggerKind: 'explicit',
        cursorCount: 1,
      });
      const item = items[0];
      const oursFilled = item
        ? fillIn(task, item.range.start, item.insertText, item.range.end)
        : stats.outcome === 'empty'
          ? text
          : undefined;
      if (!item && stats.outcome !== 'empty')
        console.error(
          `  ours ${task.task_id}: ${stats.outcome}${stats.gateReason ? ` (${stats.gateReason})` : ''}`,
        );
      await score(ours, oursFilled, task);
      if (gap) await sleep(Math.max(0, gap - (performance.now() - started)));

      const baseStarted = performance.now();
      let plainFill: string | undefined;
      let plainOursFill: string | undefined;
      try {
        const result = await client.chat({
          model: values.model!,
          messages: baselineMessages('python', fileOf(task.task_id), task.prompt, task.suffix),
          params: { temperature: 0.1, maxTokens: 128 },
          source: 'test',
        });
        plainFill = fillIn(task, task.prompt.length, baselineParse(result.text), task.prompt.length);
        // The engine's own cleaning of an answer at this cursor (explicit trigger, the whole task as context).
        const cleaned = cleanCompletion(result.text, {
          prefix: task.prompt,
          suffix: task.suffix,
          languageId: 'python',
          mode: decideLineMode(task.prompt, task.suffix),
        });
        plainOursFill = fillIn(task, task.prompt.length, cleaned, task.prompt.length);
      } catch (error) {
        console.error(
          `  baseline ${task.task_id}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await score(plain, plainFill, task);
      await score(plainOurs, plainOursFill, task);
      if ((i + 1) % 10 === 0) console.log(`  ${i + 1}/${tasks.length}`);
      if (gap) await sleep(Math.max(0, gap - (performance.now() - baseStarted)));
    }
  } finally {
    engine.dispose();
    rmSync(dir, { recursive: true, force: true });
    await stop?.();
  }
  const n = tasks.length;
  const pct = (x: number) => `${((100 * x) / n).toFixed(1)}%`;
  const columns = [ours, plainOurs, plain];
  const rows = [
    ['', 'ours', 'plain prompt + our cleaner', 'plain prompt + fence strip'],
    ['exact match', ...columns.map((c) => pct(c.exact))],
    ['edit similarity', ...columns.map((c) => (c.similarity / n).toFixed(3))],
    ['pass@1 (python3, the task tests)', ...columns.map((c) => pct(c.passed))],
    ['no answer (request failed)', ...columns.map((c) => String(c.failedRequests))],
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows)
    console.log(
      row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
    );
  const ratio = (a: number, b: number) => `${(a / Math.max(1, b)).toFixed(2)}x`;
  console.log(
    `the prompt (ours / plain + our cleaner): exact match ${ratio(ours.exact, plainOurs.exact)}, pass@1 ${ratio(ours.passed, plainOurs.passed)}`,
  );
  console.log(
    `the clean-up (plain + our cleaner / plain + fence strip): exact match ${ratio(plainOurs.exact, plain.exact)}, pass@1 ${ratio(plainOurs.passed, plain.passed)}`,
  );
  if (values.local)
    console.log(
      '(smoke test on the stand-in: these figures say the paths work, not how good either prompt is)',
    );
  return 0;
}

function fileOf(taskId: string): string {
  return `${(/HumanEval\/\d+/.exec(taskId)?.[0] ?? taskId).replace('/', '_')}.py`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
