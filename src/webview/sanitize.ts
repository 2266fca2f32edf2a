// The last gate between model output and the DOM. markdown-it already runs with raw HTML off;
// DOMPurify then keeps only an allowlist of tags and attributes, so even a bug in the markdown
// layer cannot produce a script, an event handler, a style or a non-http(s) link.
import DOMPurify from 'dompurify';

const allowedTags = [
  'a', 'blockquote', 'br', 'code', 'del', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li',
  'ol', 'p', 'pre', 's', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];
const allowedAttributes = ['href', 'title', 'class', 'start'];

const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  // Links open through the host (which allows only http(s)); the webview itself never navigates.
  if (node.nodeName === 'A') {
    const href = node.getAttribute('href');
    if (href !== null && !/^(?:https?:|mailto:)/i.test(href.trim())) node.removeAttribute('href');
  }
});

const config = {
  ALLOWED_TAGS: allowedTags,
  ALLOWED_ATTR: allowedAttributes,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  RETURN_DOM_FRAGMENT: true as const,
};

/** Sanitized nodes for HTML our markdown renderer produced from untrusted text. */
export function sanitizeToFragment(html: string): DocumentFragment {
  return purifier.sanitize(html, config);
}
