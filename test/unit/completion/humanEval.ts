// Loads HumanEval-Infilling tasks from the copy in test/fixtures/fim (MIT, see its LICENSE).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface InfillTask {
  task_id: string;
  prompt: string;
  suffix: string;
  canonical_solution: string;
}

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'fim');

export function loadTasks(file: 'SingleLine' | 'MultiLine' | 'RandomSpanLight'): InfillTask[] {
  const name = file === 'RandomSpanLight' ? 'HumanEval-RandomSpanInfillingLight.jsonl.gz' : `HumanEval-${file}Infilling.jsonl.gz`;
  return gunzipSync(readFileSync(path.join(DIR, name)))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as InfillTask);
}
