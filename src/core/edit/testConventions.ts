// Where generated tests go and what they look like, read from the project's visible tests: the
// framework (package.json / file contents), the folder (beside the source, __tests__, or a test/
// tree mirroring src/) and the naming (x.test.ts, x.spec.ts, test_x.py, x_test.go).
import type { PromptTestConventions } from './prompts';

export interface ConventionInput {
  /** Workspace-relative path of the source file, with forward slashes. */
  sourcePath: string;
  /** Workspace-relative paths of existing test files (a sample is enough). */
  testFiles: readonly string[];
  /** package.json's text, when there is one. */
  packageJson?: string;
}

export interface TestPlan extends PromptTestConventions {
  testFilePath: string;
  importPath: string;
  /** The existing test file to show as an example, if any (the caller reads its text). */
  examplePath?: string;
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i === -1 ? '' : p.slice(0, i);
}
function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
function join(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/');
}
function splitExt(name: string): { stem: string; ext: string } {
  const i = name.lastIndexOf('.');
  return i <= 0 ? { stem: name, ext: '' } : { stem: name.slice(0, i), ext: name.slice(i) };
}
/** a/b -> c/d as a relative module path ("./x" or "../x"). */
export function relativePath(fromDir: string, to: string): string {
  const a = fromDir === '' ? [] : fromDir.split('/');
  const b = to.split('/');
  let k = 0;
  while (k < a.length && k < b.length - 1 && a[k] === b[k]) k++;
  const up = a.length - k;
  const rest = b.slice(k).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

type Naming = 'dot-test' | 'dot-spec' | 'py-prefix' | 'py-suffix' | 'go' | 'java';

function namingOf(file: string): Naming | undefined {
  const name = basename(file);
  if (/\.test\.[^.]+$/.test(name)) return 'dot-test';
  if (/\.spec\.[^.]+$/.test(name)) return 'dot-spec';
  if (/^test_.*\.py$/.test(name)) return 'py-prefix';
  if (/_test\.py$/.test(name)) return 'py-suffix';
  if (/_test\.go$/.test(name)) return 'go';
  if (/Tests?\.(java|kt|cs)$/.test(name)) return 'java';
  return undefined;
}

function testName(stem: string, ext: string, naming: Naming): string {
  switch (naming) {
    case 'dot-spec':
      return `${stem}.spec${ext}`;
    case 'py-prefix':
      return `test_${stem}${ext}`;
    case 'py-suffix':
    case 'go':
      return `${stem}_test${ext}`;
    case 'java':
      return `${stem}Test${ext}`;
    default:
      return `${stem}.test${ext}`;
  }
}

function defaultNaming(ext: string): Naming {
  if (ext === '.py') return 'py-prefix';
  if (ext === '.go') return 'go';
  if (['.java', '.kt', '.cs'].includes(ext)) return 'java';
  return 'dot-test';
}

function frameworkOf(ext: string, packageJson: string | undefined): string | undefined {
  if (ext === '.py') return 'pytest';
  if (ext === '.go') return 'go test (package testing)';
  if (ext === '.rs') return 'Rust #[test] functions';
  if (!packageJson) return undefined;
  let deps: Record<string, unknown> = {};
  try {
    const pkg = JSON.parse(packageJson) as Record<string, unknown>;
    deps = { ...(pkg.dependencies as object), ...(pkg.devDependencies as object) };
  } catch {
    return undefined;
  }
  for (const f of ['vitest', 'jest', 'mocha', 'ava', 'jasmine']) if (f in deps) return f === 'mocha' ? 'mocha (with node:assert)' : f;
  return undefined;
}

/** Decides the test file's path, framework and import path for `sourcePath`. */
export function planTests(input: ConventionInput): TestPlan {
  const src = input.sourcePath;
  const dir = dirname(src);
  const { stem, ext } = splitExt(basename(src));
  const sameExt = input.testFiles.filter((f) => splitExt(basename(f)).ext === ext || basename(f).endsWith(`${ext}`));
  const pool = sameExt.length ? sameExt : input.testFiles;

  // Naming: the most common one among visible tests.
  const counts = new Map<Naming, number>();
  for (const f of pool) {
    const n = namingOf(f);
    if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const naming = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? defaultNaming(ext);
  const name = testName(stem, ext, naming);

  // Folder: beside the source, __tests__ beside it, or a top-level test tree mirroring the source's.
  const besideCount = pool.filter((f) => dirname(f) === dir).length;
  const nestedCount = pool.filter((f) => dirname(f) === join(dir, '__tests__')).length;
  const roots = new Map<string, number>();
  for (const f of pool) {
    const top = f.split('/')[0]!;
    if (['test', 'tests', 'spec', '__tests__'].includes(top)) roots.set(top, (roots.get(top) ?? 0) + 1);
  }
  const root = [...roots].sort((a, b) => b[1] - a[1])[0]?.[0];
  let testDir: string;
  if (nestedCount > 0 && nestedCount >= besideCount) testDir = join(dir, '__tests__');
  else if (besideCount > 0 || !root) testDir = dir;
  else {
    // test/ mirrors the source tree, with or without its leading src/ or lib/:
    // src/a/b.ts -> test/a/b.test.ts or test/src/a/b.test.ts, whichever the visible tests use.
    const parts = dir.split('/').filter((p) => p !== '');
    const candidates = [join(root, ...parts)];
    if (parts[0] === 'src' || parts[0] === 'lib') candidates.push(join(root, ...parts.slice(1)));
    const exact = candidates.find((c) => pool.some((f) => dirname(f) === c));
    const below = candidates.find((c) => c !== root && pool.some((f) => dirname(f).startsWith(`${c}/`)));
    const stripped = candidates[candidates.length - 1]!;
    testDir = exact ?? below ?? (pool.some((f) => f.split('/').length > 2) ? stripped : root);
  }
  const testFilePath = join(testDir, name);
  const importTarget = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'].includes(ext) ? join(dir, stem) : join(dir, `${stem}${ext}`);
  const importPath = ext === '.py' ? join(dir, stem).replace(/\//g, '.') : relativePath(testDir, importTarget);
  const examplePath = [...pool].sort((a, b) => Number(dirname(b) === testDir) - Number(dirname(a) === testDir))[0];
  return { testFilePath, importPath, framework: frameworkOf(ext, input.packageJson), examplePath };
}
