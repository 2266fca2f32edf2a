// First run: no API key yet. Says what the extension does, where to get a key and where requests
// will go, with one button that starts "Set API Key" in the host.
import { button, el } from './dom';

export const apiKeyPage = 'https://cloud.sambanova.ai/apis';

export function renderWelcome(endpointHost: string): HTMLElement {
  return el(
    'section',
    { className: 'welcome', 'aria-labelledby': 'welcome-title' },
    el('h2', { id: 'welcome-title' }, 'Welcome to SambaNova'),
    el(
      'p',
      {},
      'Chat with fast open models (Llama, DeepSeek, gpt-oss, Qwen) right in the editor: ask about your code, explain or refactor a selection, and apply answers through a diff you approve.',
    ),
    el('p', {}, 'To start, add your SambaNova API key. It is kept in VS Code’s secret storage and sent only to ', el('strong', { className: 'endpoint-host' }, endpointHost || 'the configured endpoint'), '.'),
    button('Set API Key', 'set-api-key', { className: 'primary' }),
    el('p', {}, 'No key yet? Create one at ', el('a', { href: apiKeyPage, className: 'welcome-link' }, 'cloud.sambanova.ai/apis'), '.'),
  );
}
