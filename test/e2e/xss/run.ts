// XSS proof for the chat webview: every payload of the corpus is streamed into the real webview
// bundle as untrusted model output (raw, inside markdown, in code fences, as link text and URL,
// as reasoning, in errors, notices, chips, model names and history), split across deltas at
// random places. Nothing may execute and no dangerous markup may reach the DOM. It runs twice:
// with the host's CSP, and with no CSP at all (the sanitizer alone must hold).
//
// Usage: npm run test:xss          (screenshots and a report go to .artifacts/xss/)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { HostMessage, MessageView } from '../../../src/shared/protocol';
import { findDangerousMarkup } from './dangerousMarkup';
import { ROOT, buildWebviewBundle, launchChromium, startPageServer } from './webviewPage';

const corpus: string[] = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'xss', 'dompurify-payloads.json'), 'utf8'));

/** Our own payloads: each sets a global canary if it ever runs. */
const canary = 'window.__xssCanary=(window.__xssCanary||0)+1';
const canaryPayloads = [
  `<img src=x onerror="${canary}">`,
  `<svg onload="${canary}"></svg>`,
  `<details open ontoggle="${canary}">x</details>`,
  `<iframe srcdoc="<script>parent.__xssCanary=1</script>"></iframe>`,
  `<a href="javascript:${canary}">click</a>`,
  `[click](javascript:${canary})`,
  `[click](JaVaScRiPt:${canary})`,
  `[click](data:text/html,<script>${canary}</script>)`,
  `<javascript:${canary}>`,
  `![img](x" onerror="${canary})`,
  `[a](https://example.com "t\\" onmouseover=\\"${canary}")`,
  '```js" onclick="' + canary + '\nx\n```',
  '```<img src=x onerror="' + canary + '">\nx\n```',
  `<script>${canary}</script>`,
  `<style>@import 'http://127.0.0.1:1/x.css';</style>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${canary}">`,
  `<form action="javascript:${canary}"><button>go</button></form>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${canary}">`,
];

const payloads = [...corpus, ...canaryPayloads];

function variants(payload: string, index: number): string {
  const parts = [
    payload,
    `Some **bold** text ${payload} and more.`,
    `- item ${payload}\n- second`,
    `> ${payload}`,
    `| h |\n|---|\n| ${payload} |`,
    '```html\n' + payload + '\n```',
    '`' + payload + '`',
    `[${payload}](https://example.com/)`,
    `[click](${payload})`,
    `<${payload}>`,
    `![alt](${payload})`,
    `# ${payload}`,
  ];
  // Every other answer ends inside an open fence: the streaming (plain text) code path.
  if (index % 2 === 0) parts.push('```xml\n' + payload);
  return parts.join('\n\n');
}

function randomChunks(text: string, random: () => number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = 1 + Math.floor(random() * 80);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function scriptFor(payload: string, index: number): HostMessage[] {
  const random = seeded(index + 1);
  const answerText = variants(payload, index);
  const user: MessageView = {
    id: `u${index}`,
    role: 'user',
    text: payload,
    status: 'done',
    attachments: [{ id: `a${index}`, kind: 'selection', label: payload.slice(0, 500), detail: payload.slice(0, 2000) }],
    images: [payload, `data:image/svg+xml;base64,${Buffer.from(payload).toString('base64')}`],
  };
  const failed: MessageView = {
    id: `e${index}`,
    role: 'assistant',
    text: payload,
    status: 'error',
    notice: payload,
    error: { message: payload, action: 'retry', actionLabel: payload.slice(0, 200), retryAt: Date.now() + 3000 },
  };
  const answer: MessageView = { id: `m${index}`, role: 'assistant', text: '', status: 'streaming' };
  const messages: HostMessage[] = [
    {
      type: 'state',
      chat: { chatId: `c${index}`, title: payload, messages: [user, failed], model: payload.slice(0, 300) || 'm' },
      hasKey: true,
      models: [{ id: payload.slice(0, 300) || 'm', contextLength: 1000 }],
      attachments: [{ id: 'chip', kind: 'file', label: payload.slice(0, 500) }],
      draft: payload,
      endpointHost: payload,
      busy: true,
    },
    { type: 'history', chats: [{ id: `c${index}`, title: payload, updatedAt: Date.now(), messageCount: 2, preview: payload }] },
    { type: 'messageAdded', message: answer },
  ];
  for (const piece of randomChunks(payload, random)) messages.push({ type: 'delta', messageId: answer.id, reasoning: piece });
  for (const piece of randomChunks(answerText, random)) messages.push({ type: 'delta', messageId: answer.id, text: piece });
  const final: MessageView = {
    ...answer,
    text: answerText,
    reasoning: payload,
    status: index % 2 === 0 ? 'stopped' : 'done',
    metrics: { completionTokens: 10, basis: 'estimate', model: payload.slice(0, 100) },
  };
  messages.push({ type: 'messageUpdated', message: final }, { type: 'busy', busy: false });
  return messages;
}

async function pageVerdict(page: Page): Promise<{ dialogs: string[]; violations: string[]; canary: unknown; dom: string[] }> {
  const dom = await page.evaluate(findDangerousMarkup);
  const { dialogs, violations, canary } = await page.evaluate(() => {
    const w = window as unknown as { __dialogs: string[]; __violations: string[]; __xssCanary?: unknown };
    return { dialogs: [...w.__dialogs], violations: [...w.__violations], canary: w.__xssCanary };
  });
  return { dialogs, violations, canary, dom };
}

async function runMode(bundle: string, csp: boolean, outDir: string): Promise<string[]> {
  const server = await startPageServer({ bundle, csp });
  const browser = await launchChromium();
  const failures: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await page.goto(server.url);
    await page.waitForSelector('textarea[aria-label="Ask SambaNova"]');
    navigations.length = 0;

    // The detector must be able to fail: without CSP, markup injected around the sanitizer runs.
    if (!csp) {
      await page.evaluate((html) => {
        const probe = document.createElement('div');
        probe.innerHTML = html;
        document.body.append(probe);
      }, `<img src=x onerror="${canary}">`);
      await page.waitForFunction(() => (window as unknown as { __xssCanary?: number }).__xssCanary === 1, undefined, { timeout: 5000 });
      const found = await page.evaluate(() => {
        const w = window as unknown as { __xssCanary?: number };
        delete w.__xssCanary;
        document.body.lastElementChild?.remove();
        return true;
      });
      if (!found) failures.push('self-check: the canary did not fire for a raw onerror');
    }

    for (const [index, payload] of payloads.entries()) {
      await page.evaluate((messages) => (window as unknown as { __drive(m: unknown[], n: number): Promise<void> }).__drive(messages, 20), scriptFor(payload, index));
      // Links are clicked like a user would: the webview must only ever ask the host to open http(s).
      // (dispatchEvent, not link.click(): an <a> inside injected SVG has no click method).
      await page.evaluate(() => {
        for (const link of document.querySelectorAll('#app .transcript a')) link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      });
      const dom = await page.evaluate(findDangerousMarkup).catch((error: unknown) => [`the DOM check itself broke: ${String(error).split('\n')[0]}`]);
      if (dom.length > 0) failures.push(`payload ${index}: ${[...new Set(dom)].join(', ')} :: ${payload.slice(0, 120)}`);
      if (index === 1 || index === payloads.length - 3) await page.screenshot({ path: path.join(outDir, `${csp ? 'csp' : 'no-csp'}-payload-${index}.png`), fullPage: true, caret: 'initial' });
    }
    await page.waitForTimeout(1500); // late handlers: image errors, timers, meta refresh
    const verdict = await pageVerdict(page);
    const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string; href?: string }[] }).__posted);
    const badLinks = posted.filter((m) => m.type === 'openLink' && !/^(?:https?:|mailto:)/i.test(m.href ?? ''));
    const openLinks = posted.filter((m) => m.type === 'openLink').length;
    if (verdict.dialogs.length > 0) failures.push(`dialogs opened: ${verdict.dialogs.slice(0, 5).join(' | ')}`);
    if (verdict.canary !== undefined) failures.push(`canary fired ${String(verdict.canary)} times`);
    if (verdict.violations.length > 0) failures.push(`CSP violations (something tried to run or load): ${verdict.violations.slice(0, 5).join(' | ')}`);
    if (badLinks.length > 0) failures.push(`non-http(s) links sent to the host: ${badLinks.slice(0, 3).map((m) => m.href).join(' | ')}`);
    if (navigations.length > 0) failures.push(`page navigated: ${navigations.join(', ')}`);
    if (pageErrors.length > 0) failures.push(`page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
    const messagesShown = await page.locator('[data-role="assistant"]').count();
    console.log(
      `${csp ? 'with CSP   ' : 'without CSP'}: ${payloads.length} payloads x ${variants('x', 0).split('\n\n').length} renderings, ` +
        `${openLinks} link clicks posted, ${messagesShown} assistant messages on screen at the end, ${failures.length} failures`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
  return failures;
}

async function main(): Promise<number> {
  const outDir = path.join(ROOT, '.artifacts', 'xss');
  mkdirSync(outDir, { recursive: true });
  const { file, bytes } = await buildWebviewBundle();
  console.log(`webview bundle: ${(bytes / 1024).toFixed(0)} KB minified`);
  const failures = [...(await runMode(file, true, outDir)).map((f) => `[csp] ${f}`), ...(await runMode(file, false, outDir)).map((f) => `[no csp] ${f}`)];
  writeFileSync(path.join(outDir, 'report.txt'), failures.length ? failures.join('\n') : 'no payload executed or reached the DOM\n');
  for (const failure of failures.slice(0, 40)) console.error(`FAIL ${failure}`);
  console.log(failures.length === 0 ? `PASS: ${payloads.length} payloads, none executed (both modes)` : `FAIL: ${failures.length} problems (see .artifacts/xss/report.txt)`);
  // One check per payload and mode, in the "N passed, M failed" form scripts/test-all.sh counts.
  const failedPayloads = new Set(failures.map((f) => /^\[(.+?)\] payload (\d+):/.exec(f)).filter((m) => m !== null).map((m) => `${m[1]}:${m[2]}`));
  const pageLevel = failures.filter((f) => !/\] payload \d+:/.test(f)).length;
  console.log(`${payloads.length * 2 - failedPayloads.size} passed, ${failedPayloads.size + pageLevel} failed`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
