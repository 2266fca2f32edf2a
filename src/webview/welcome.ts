// What the chat view shows when it has nothing else to show. Without an API key: what the
// extension does, where to get a key and where requests will go, with one button that starts
// "Set API Key" in the host. With a key and an empty chat: what a person can do here, the way
// VS Code's own chat greets an empty session (a title, a few lines, suggestions that fill the input).
import type { ModelOption } from '../shared/protocol';
import { button, el } from './dom';
import { formatModelOption } from '../shared/present';

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

/** A suggestion of the empty chat: attaches context from the editor and starts the question. */
export interface Suggestion {
  label: string;
  attach: 'selection' | 'file' | 'problems';
  /** Put in the input (not sent): the person finishes or sends it. */
  prompt: string;
}

export const suggestions: readonly Suggestion[] = [
  { label: 'Ask about the selection', attach: 'selection', prompt: 'Explain what this code does.' },
  { label: 'Ask about the active file', attach: 'file', prompt: 'Summarize what this file does.' },
  { label: 'Fix the problems in this file', attach: 'problems', prompt: 'How do I fix these problems?' },
];

/** The model line: which model answers, its context and price, from the list's own label. */
export function modelLine(model: ModelOption | undefined): string {
  if (!model) return 'Choose a model under the input.';
  const priced = model.promptPricePerM !== undefined && model.completionPricePerM !== undefined;
  return `Answers come from ${formatModelOption(model)}${priced ? ' tokens' : ''}. Each answer shows its speed and cost under it; change the model under the input.`;
}

export function renderEmptyChat(model: ModelOption | undefined): HTMLElement {
  return el(
    'section',
    { className: 'empty-chat', 'aria-labelledby': 'empty-chat-title' },
    el('div', { className: 'empty-chat-logo', 'aria-hidden': 'true' }),
    el('h2', { id: 'empty-chat-title' }, 'Ask SambaNova'),
    el('p', {}, 'Ask about your code: attach the selection, the active file, open files or the file’s problems with ', el('strong', {}, 'Attach'), ' under the input, or start from one of these.'),
    el(
      'div',
      { className: 'suggestions', role: 'group', 'aria-label': 'Suggestions' },
      ...suggestions.map((s) => button(s.label, 'suggest', { className: 'suggestion', 'data-attach': s.attach, 'data-prompt': s.prompt })),
    ),
    el(
      'p',
      {},
      'In the editor, select code and right-click ',
      el('strong', {}, 'SambaNova'),
      ' (or the Command Palette): Explain, Refactor, Fix, Add Documentation, Generate Tests, Edit Selection. Changes open as a diff you accept or reject. Completions appear as you type; ',
      el('kbd', {}, 'Alt+\\'),
      ' asks for one.',
    ),
    el('p', { className: 'empty-chat-model' }, modelLine(model)),
    el('p', { className: 'empty-chat-hint' }, el('kbd', {}, 'Enter'), ' sends, ', el('kbd', {}, 'Shift+Enter'), ' starts a new line. Answers can be wrong: check them.'),
  );
}
