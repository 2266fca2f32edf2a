// Load-time benchmark without VS Code: how long require('dist/extension.js') and activate() take
// in a fresh Node process, against a built-in VS Code extension activated in the same startup
// batch (merge-conflict, from the installed code-server) loaded the same way. Quick to run after
// every change; `npm run bench:activation` remains the real-VS-Code figure.
//
// Each sample is a new `node` process that first loads the Node built-ins VS Code's extension host
// has already loaded (so they are not billed to us), stubs the `vscode` module with a Proxy that
// accepts any call, then times require() and, for ours, activate(). Runs are interleaved.
//
// Usage: npm run bench:load   (env BENCH_RUNS=21; -- --no-build to time dist/ as it is)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const OURS = path.join(ROOT, 'dist', 'extension.js');

function peerBundle(): string | undefined {
  const tools = path.join(ROOT, '.tools');
  const server = existsSync(tools) ? readdirSync(tools).filter((d) => d.startsWith('code-server-')).sort().at(-1) : undefined;
  const file = server && path.join(tools, server, 'node_modules/code-server/lib/vscode/extensions/merge-conflict/dist/mergeConflictMain.js');
  return file && existsSync(file) ? file : undefined;
}

/** Source of one sample's child process; prints "requireMs activateMs" (activate -1 when not called). */
function sampleScript(file: string, activate: boolean): string {
  return `
for (const m of ['node:http', 'node:https', 'node:crypto', 'node:zlib', 'node:fs', 'node:path', 'node:os']) require(m);
const Module = require('node:module');
// Every property is another such proxy, calls and \`new\` return one, awaiting one gives undefined.
const anything = { set: () => true, get: (_target, p) => p === Symbol.toPrimitive ? () => 'stub' : p === '__esModule' ? true : p === 'then' ? (resolve) => resolve?.(undefined) : new Proxy(function () {}, anything), construct: () => new Proxy({}, anything), apply: () => new Proxy(function () {}, anything) };
// esbuild's CommonJS interop copies the module's own properties, so the namespaces must exist.
const vscode = {};
for (const name of ['window', 'workspace', 'commands', 'env', 'languages', 'extensions', 'l10n', 'Uri', 'CodeActionKind', 'CodeAction', 'DiagnosticSeverity', 'lm', 'chat', 'EventEmitter', 'Disposable', 'StatusBarAlignment', 'ConfigurationTarget', 'ThemeColor', 'ThemeIcon', 'MarkdownString', 'Range', 'Position', 'Selection', 'WorkspaceEdit', 'ViewColumn', 'ProgressLocation', 'CancellationTokenSource', 'CodeLens', 'CodeLensProvider', 'TextEditorDecorationType', 'OverviewRulerLane', 'DecorationRangeBehavior', 'EndOfLine', 'version', 'SymbolKind', 'InlineCompletionItem', 'InlineCompletionList', 'InlineCompletionTriggerKind', 'LanguageModelChatMessageRole', 'LanguageModelChatToolMode', 'LanguageModelError', 'LanguageModelTextPart', 'LanguageModelToolCallPart', 'LanguageModelToolResultPart', 'LanguageModelPromptTsxPart', 'Location', 'RelativePattern', 'TabInputText', 'TabInputTextDiff', 'TextEditorRevealType']) vscode[name] = new Proxy(function () {}, anything);
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const stub = new Proxy(function () {}, anything);
const context = { subscriptions: [], secrets: stub, globalStorageUri: stub, extensionUri: stub, workspaceState: stub, globalState: stub };
const t0 = performance.now();
const extension = require(${JSON.stringify(file)});
const t1 = performance.now();
if (${activate}) extension.activate(context);
const t2 = performance.now();
process.stdout.write((t1 - t0) + ' ' + (${activate} ? t2 - t1 : -1));
`;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function describe(values: number[]): string {
  return `${quantile(values, 0.5).toFixed(1)} ms (p25-p75 ${quantile(values, 0.25).toFixed(1)}-${quantile(values, 0.75).toFixed(1)})`;
}

function main(): void {
  const runs = Number(process.env.BENCH_RUNS ?? 21);
  if (!process.argv.includes('--no-build')) execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
  const peer = peerBundle();
  const ours = { load: [] as number[], activate: [] as number[], total: [] as number[] };
  const peerLoad: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [load, activate] = execFileSync(process.execPath, ['-e', sampleScript(OURS, true)]).toString().split(' ').map(Number) as [number, number];
    ours.load.push(load);
    ours.activate.push(activate);
    ours.total.push(load + activate);
    if (peer) peerLoad.push(Number(execFileSync(process.execPath, ['-e', sampleScript(peer, false)]).toString().split(' ')[0]));
  }
  console.log(`Load time in Node ${process.version}, vscode stubbed, built-ins preloaded, ${runs} interleaved fresh processes`);
  console.log(`  ours: require(dist/extension.js)   ${describe(ours.load)}`);
  console.log(`  ours: activate()                   ${describe(ours.activate)}`);
  console.log(`  ours: require + activate           ${describe(ours.total)}`);
  if (peer) {
    console.log(`  peer: require(merge-conflict)      ${describe(peerLoad)}  (VS Code built-in, activated in the same batch as ours)`);
    console.log(`  ratio ours (require + activate) / peer (require): ${(quantile(ours.total, 0.5) / quantile(peerLoad, 0.5)).toFixed(2)}`);
  } else {
    console.log('  peer: merge-conflict not found (run scripts/setup-tools.sh for code-server)');
  }
}

main();
