// Starts a real VS Code (code-server) with private user-data, extensions and XDG folders, so a
// run never reads or writes the developer's own VS Code state, and stops it as one process group.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVERS, ROOT, codeServerScript, nodeBinary, requireTool, type VsCodeFlavour } from './paths';
import { freePort, runToEnd, spawnGroup, waitForHttp, type GroupProcess } from './processes';

const BASE_SETTINGS = path.join(ROOT, 'test', 'e2e', 'fixtures', 'user-settings.json');

export interface CodeServerOptions {
  /** Folder for this instance's state and logs (created). */
  dir: string;
  flavour?: VsCodeFlavour;
  /** Defaults to a free port. */
  port?: number;
  /** Merged over test/e2e/fixtures/user-settings.json and written to the user settings.json. */
  settings?: Record<string, unknown>;
  /** Keep what the user settings.json in `dir` already holds (for a reused instance folder). */
  keepExistingSettings?: boolean;
  /** Folder the workbench opens; defaults to <dir>/workspace with a small sample file. */
  workspace?: string;
  /** .vsix files installed into the private extensions folder before start. */
  installVsix?: string[];
  /** Extra environment for code-server and so for the extension host. */
  env?: NodeJS.ProcessEnv;
  /**
   * VS Code's smoke-test driver: needed for the ?payload= integration-test URL and window.driver;
   * it also suppresses notification toasts. On by default; off for a human (npm start).
   */
  smokeTestDriver?: boolean;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly flavour: VsCodeFlavour;
  readonly dir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspace: string;
  readonly logFile: string;
  readonly userSettingsFile: string;
  readonly process: GroupProcess;
  /** vscode-remote:// URI of a path on this machine, as the payload parameter wants it. */
  remoteUri(fsPath: string): string;
  /** `code-server --list-extensions --show-versions` for this instance's extensions folder. */
  listExtensions(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Environment with the private XDG folders and without a developer's own key or Node options. */
function codeServerEnv(dir: string, flavour: VsCodeFlavour, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The developer's real key must never reach a test instance unless the caller passes it on purpose.
  delete env.SAMBANOVA_API_KEY;
  // tsx's loader (inherited by NODE_OPTIONS) has no business inside VS Code's processes.
  delete env.NODE_OPTIONS;
  // code-server prefers $PORT over its config file (npm start's PORT means the port we pass).
  delete env.PORT;
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_')) delete env[k];
  const nodeBin = path.dirname(nodeBinary(CODE_SERVERS[flavour].nodeMajor));
  return {
    ...env,
    PATH: `${nodeBin}:${env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(dir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(dir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg', 'cache'),
    ...extra,
  };
}

/**
 * Writes the user settings: our test defaults, then (when keepExisting) what the file already
 * holds, e.g. a person's choices in `npm start`'s instance, then `settings`.
 * Only before code-server starts: a running code-server does not notice this file changing
 * (measured: still the old value 12 s later). While it runs, use setUserSettings(page, cs, ...).
 */
export function writeUserSettings(file: string, settings: Record<string, unknown> = {}, keepExisting = false): void {
  const base = JSON.parse(readFileSync(BASE_SETTINGS, 'utf8')) as Record<string, unknown>;
  let existing: Record<string, unknown> = {};
  if (keepExisting && existsSync(file)) {
    try {
      existing = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      // VS Code allows comments in settings.json; a file we cannot read is kept out of the merge.
      existing = {};
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...base, ...existing, ...settings }, null, 2) + '\n');
}

function defaultWorkspace(dir: string): string {
  const ws = path.join(dir, 'workspace');
  mkdirSync(ws, { recursive: true });
  writeFileSync(
    path.join(ws, 'sample.ts'),
    '// A small file to select and ask SambaNova about.\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n',
  );
  return ws;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const flavour = options.flavour ?? 'current';
  const dir = path.resolve(options.dir);
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  const logFile = path.join(dir, 'code-server.log');
  const userSettingsFile = path.join(userDataDir, 'User', 'settings.json');
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userSettingsFile, options.settings, options.keepExistingSettings);
  const workspace = options.workspace ?? defaultWorkspace(dir);

  const node = requireTool(nodeBinary(CODE_SERVERS[flavour].nodeMajor));
  const script = requireTool(codeServerScript(flavour));
  const port = options.port ?? (await freePort());
  const configFile = path.join(dir, 'config.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = codeServerEnv(dir, flavour, options.env);
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of options.installVsix ?? []) {
    // --force: a reused extensions folder may hold the same version from an earlier build.
    await runToEnd(node, [script, ...common, '--install-extension', vsix, '--force'], { env, timeoutMs: 120_000 });
  }

  const args = [
    script,
    ...common,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--log',
    options.logLevel ?? 'info',
  ];
  if (options.smokeTestDriver ?? true) args.push(...CODE_SERVERS[flavour].smokeTestDriverArgs);
  args.push(workspace);
  const proc = spawnGroup(node, args, { env, logFile, cwd: dir });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, { timeoutMs: 60_000, process: proc, what: `code-server ${CODE_SERVERS[flavour].version}` });
  } catch (err) {
    await proc.stop();
    const tail = readFileSync(logFile, 'utf8').slice(-2000);
    throw new Error(`${(err as Error).message}\n--- code-server log (tail) ---\n${tail}`);
  }

  return {
    url,
    port,
    flavour,
    dir,
    userDataDir,
    extensionsDir,
    workspace,
    logFile,
    userSettingsFile,
    process: proc,
    remoteUri: (fsPath) => `vscode-remote://127.0.0.1:${port}${path.resolve(fsPath)}`,
    listExtensions: async () =>
      (await runToEnd(node, [script, ...common, '--list-extensions', '--show-versions'], { env, timeoutMs: 60_000 }))
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => /^[\w-]+\.[\w-]+@/.test(l)),
    stop: () => proc.stop(),
  };
}
