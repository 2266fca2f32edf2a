// The key goes only where the user meant it to go, as a person meets it: a key saved for one
// origin, the base URL pointed at another ("localhost" instead of "127.0.0.1": same server, another
// origin), a model-list request that may not ask fails with "Allow Key for Host", the button shows
// a modal naming both origins with their ports, "Allow" lets the next request through.
import {
  expectNotification,
  quickPickRows,
  runCommand,
  setUserSettings,
  typeIntoQuickInput,
  waitForQuickInput,
  waitForStatusBar,
  type E2ESpec,
} from '../harness';

const READY = /^\$\(zap\) SambaNova$/;

export const keyConsentSpec: E2ESpec = {
  name: 'key consent',
  async run({ page, cs, fake, steps, apiKey }) {
    const keySet = await steps.step('a key is saved for the fake server at 127.0.0.1', async () => {
      await waitForStatusBar(page, /SambaNova/, { timeoutMs: 60_000 });
      await runCommand(page, 'SambaNova: Set API Key');
      await waitForQuickInput(page);
      await typeIntoQuickInput(page, apiKey);
      await expectNotification(page, /API key saved for http:\/\/127\.0\.0\.1:\d+/);
      await waitForStatusBar(page, READY, { timeoutMs: 20_000 });
    });
    if (!keySet) return;

    const otherOrigin = new URL(fake.url.replace('127.0.0.1', 'localhost')).origin;
    const keyOrigin = new URL(fake.url).origin;
    const asked = await steps.step('pointed at another origin, the model list (which may not ask) offers "Allow Key for Host"', async () => {
      await setUserSettings(page, cs, { 'sambanova.baseUrl': `${otherOrigin}/v1` });
      await runCommand(page, 'SambaNova: Select Model');
      // A toast, or (when VS Code already tucked it away) the same notification in the center.
      const selector = '.notifications-toasts .notification-toast, .notifications-center .notification-list-item';
      const notification = page.locator(selector, { hasText: `not for ${otherOrigin}` }).first();
      if (!(await notification.waitFor({ timeout: 8_000 }).then(() => true, () => false))) {
        await runCommand(page, 'Notifications: Show Notifications');
        await notification.waitFor({ timeout: 10_000 });
      }
      await steps.screenshot('consent-error-with-fix-it');
      await notification.locator('.monaco-button', { hasText: 'Allow Key for Host' }).first().click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 10_000 });
      const text = await dialog.innerText();
      if (!text.includes(otherOrigin) || !text.includes(keyOrigin)) throw new Error(`the modal does not name both origins with their ports: ${text}`);
      await steps.screenshot('consent-modal');
      await dialog.locator('.monaco-button', { hasText: /^Allow$/ }).first().click();
      await expectNotification(page, `${otherOrigin} may now use your API key`);
    });
    if (!asked) return;

    await steps.step('after "Allow" the model list loads from the other origin without asking again', async () => {
      await runCommand(page, 'SambaNova: Select Model');
      const rows = await quickPickRows(page);
      if (rows.length === 0) throw new Error('no models listed');
      if (await page.locator('.monaco-dialog-box').count()) throw new Error('asked a second time');
      await steps.screenshot('models-after-allow');
      await page.keyboard.press('Escape');
    });
  },
};
