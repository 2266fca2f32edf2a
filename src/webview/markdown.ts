// Markdown to sanitized DOM. markdown-it runs with raw HTML off: any HTML the model writes is
// shown as text. Code fences get our own wrapper (the code toolbar is added as DOM later) and are
// highlighted only when asked, i.e. once the fence has closed.
import MarkdownIt from 'markdown-it';
import { highlightCode } from './highlight';
import { sanitizeToFragment } from './sanitize';

export interface CodeBlock {
  code: string;
  language: string;
}

interface RenderEnv {
  highlight: boolean;
  codes: CodeBlock[];
}

export interface RenderedMarkdown {
  fragment: DocumentFragment;
  /** Raw code of each fence, in document order (the order of the .code-block elements). */
  codes: CodeBlock[];
}

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
const escapeHtml = markdown.utils.escapeHtml;

/** Only plain language names reach a class attribute. */
function languageOf(info: string): string {
  const word = info.trim().split(/\s+/)[0] ?? '';
  return /^[\w+#.-]{1,40}$/.test(word) ? word.toLowerCase() : '';
}

function renderCode(code: string, language: string, env: RenderEnv): string {
  env.codes.push({ code, language });
  const highlighted = env.highlight ? highlightCode(code, language) : undefined;
  const codeClass = language ? ` class="hljs language-${escapeHtml(language)}"` : ' class="hljs"';
  return (
    `<div class="code-block"><pre><code${codeClass}>` +
    `${highlighted ?? escapeHtml(code)}</code></pre></div>\n`
  );
}

markdown.renderer.rules.fence = (tokens, index, _options, env) => {
  const token = tokens[index]!;
  return renderCode(token.content, languageOf(token.info), env as unknown as RenderEnv);
};
markdown.renderer.rules.code_block = (tokens, index, _options, env) =>
  renderCode(tokens[index]!.content, '', env as unknown as RenderEnv);
// The webview loads nothing from the network: a model's image becomes a link to it.
markdown.renderer.rules.image = (tokens, index, options, env) => {
  const token = tokens[index]!;
  const alt = markdown.renderer.renderInlineAsText(token.children ?? [], options, env) || 'image';
  const src = String(token.attrGet('src') ?? '');
  return `<a href="${escapeHtml(src)}">[${escapeHtml(alt)}]</a>`;
};

export function renderMarkdown(source: string, highlight: boolean): RenderedMarkdown {
  const env: RenderEnv = { highlight, codes: [] };
  const html = markdown.render(source, env as unknown as Record<string, unknown>);
  return { fragment: sanitizeToFragment(html), codes: env.codes };
}
