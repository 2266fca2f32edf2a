// The real chat webview bundle in a plain headless Chromium page, without VS Code: a tiny server
// on 127.0.0.1 serves a page shaped like the host's (same CSP, nonce, #app, media/chat.css) with
// a stub acquireVsCodeApi, the one thing VS Code provides. Used by the XSS test and the benchmark.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { launchBrowser } from '../lib/workbench';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Builds src/webview/main.ts exactly as esbuild.mjs does (plus minify, as a release would). */
export async function buildWebviewBundle(outDir = path.join(ROOT, '.artifacts', 'webview-page')): Promise<{ file: string; bytes: number }> {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'webview.js');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src', 'webview', 'main.ts')],
    outfile: file,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return { file, bytes: statSync(file).size };
}

/** Runs before the bundle: records what the webview posts, CSP violations and dialogs. */
const stubScript = `
window.__posted = [];
window.__violations = [];
window.__dialogs = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => { window.__dialogs.push(name + ':' + String(args[0])); };
}
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber);
});
let state = JSON.parse(sessionStorage.getItem('vscode-state') || 'null');
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(m),
  getState: () => state,
  setState: (s) => { state = s; sessionStorage.setItem('vscode-state', JSON.stringify(s)); },
});
/** Dispatches host messages like VS Code does, yielding a frame every 'perFrame' messages. */
window.__drive = async (messages, perFrame = 1) => {
  for (let i = 0; i < messages.length; i++) {
    window.dispatchEvent(new MessageEvent('message', { data: messages[i] }));
    if ((i + 1) % perFrame === 0) await new Promise((r) => requestAnimationFrame(r));
  }
  await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(r));
};
`;

/** A few --vscode-* colours (Dark Modern) so screenshots look like the real view. */
const themeCss = `:root {
  --vscode-foreground: #cccccc; --vscode-sideBar-background: #181818; --vscode-font-family: sans-serif;
  --vscode-font-size: 13px; --vscode-editor-font-family: monospace; --vscode-editor-font-size: 13px;
  --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-secondaryBackground: #313131;
  --vscode-button-secondaryForeground: #cccccc; --vscode-focusBorder: #0078d4; --vscode-textLink-foreground: #4daafc;
  --vscode-descriptionForeground: #9d9d9d; --vscode-panel-border: #2b2b2b; --vscode-textCodeBlock-background: #2b2b2b;
  --vscode-errorForeground: #f85149; --vscode-inputValidation-errorBorder: #be1100; --vscode-inputValidation-errorBackground: #5a1d1d;
  --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8; --vscode-symbolIcon-keywordForeground: #569cd6;
  --vscode-debugTokenExpression-string: #ce9178; --vscode-debugTokenExpression-number: #b5cea8;
  --vscode-symbolIcon-functionForeground: #dcdcaa; --vscode-symbolIcon-classForeground: #4ec9b0;
  --vscode-symbolIcon-variableForeground: #9cdcfe; --vscode-textBlockQuote-border: #616161;
}`;

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the test page. With `csp: false` the page has no Content-Security-Policy at all, so
 * the sanitizer alone stands between model output and script execution (the stricter test).
 */
export async function startPageServer(options: {
  bundle: string;
  csp: boolean;
  bodyClass?: string;
  /** Test scripts (file paths) loaded after the stub and before the webview bundle. */
  scriptsBefore?: string[];
}): Promise<PageServer> {
  const extra = (options.scriptsBefore ?? []).map((file, i) => ({ route: `/extra-${i}.js`, file }));
  const nonce = randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  const csp = [`default-src 'none'`, `img-src 'self' data:`, `style-src 'self'`, `script-src 'nonce-${nonce}'`, `font-src 'self'`].join('; ');
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
${options.csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ''}
<link rel="stylesheet" href="/theme.css"><link rel="stylesheet" href="/chat.css"><title>SambaNova Chat (test page)</title></head>
<body class="${options.bodyClass ?? 'vscode-dark'}"><div id="app"></div>
<script nonce="${nonce}" src="/stub.js"></script>
${extra.map((e) => `<script nonce="${nonce}" src="${e.route}"></script>`).join('\n')}
<script nonce="${nonce}" src="/webview.js"></script>
</body></html>`;
  const files: Record<string, { type: string; body: () => string | Buffer }> = {
    '/': { type: 'text/html', body: () => html },
    '/stub.js': { type: 'text/javascript', body: () => stubScript },
    '/theme.css': { type: 'text/css', body: () => themeCss },
    '/chat.css': { type: 'text/css', body: () => readFileSync(path.join(ROOT, 'media', 'chat.css')) },
    '/webview.js': { type: 'text/javascript', body: () => readFileSync(options.bundle) },
  };
  for (const e of extra) files[e.route] = { type: 'text/javascript', body: () => readFileSync(e.file) };
  const server: Server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://x').pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': file.type, 'cache-control': 'no-store' };
    if (options.csp) headers['content-security-policy'] = csp;
    response.writeHead(200, headers).end(file.body());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The same Chromium as the real-VS-Code tests. */
export const launchChromium = launchBrowser;
