// The DOM check shared by the XSS tests (test page and real VS Code). It runs inside the webview
// (page.evaluate / frame.evaluate), so it must not reference anything outside its own body.

/** Runs in the page: what in the rendered view could execute or load something. */
export function findDangerousMarkup(): string[] {
  const problems: string[] = [];
  const root = document.getElementById('app');
  if (!root) return ['#app missing'];
  const forbidden = new Set(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'FORM', 'META', 'LINK', 'STYLE', 'BASE', 'FRAME', 'FRAMESET', 'VIDEO', 'AUDIO', 'SOURCE', 'NOSCRIPT', 'TEMPLATE']);
  for (const element of root.querySelectorAll('*')) {
    const tag = element.tagName.toUpperCase();
    // The composer is our own form; everything else may not hold one.
    if (forbidden.has(tag) && !(tag === 'FORM' && element.classList.contains('composer'))) problems.push(`<${tag.toLowerCase()}> element`);
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.trim();
      if (name.startsWith('on')) problems.push(`${tag} ${name}=`);
      // Playwright's screenshots hide the caret with a style on form fields (ours, never the model's).
      const caretOnly = /^(?:caret-color:\s*transparent\s*(?:!important)?;?\s*)?$/i.test(value) && /^(INPUT|TEXTAREA|SELECT)$/.test(tag);
      if (name === 'style' && !caretOnly) problems.push(`${tag} style=${value.slice(0, 60)}`);
      if (name === 'srcdoc' || name === 'formaction' || name === 'action' || name.includes('href') && name !== 'href') problems.push(`${tag} ${name}=`);
      if (name === 'href' && !/^(?:https?:|mailto:)/i.test(value)) problems.push(`${tag} href=${value.slice(0, 60)}`);
      if (name === 'src' && !(tag === 'IMG' && /^data:image\/(?:png|jpeg|gif|webp);base64,/.test(value))) problems.push(`${tag} src=${value.slice(0, 60)}`);
    }
    if (tag === 'IMG' && !element.closest('.message-images, .thumbnails')) problems.push('img outside the user image rows');
  }
  return problems;
}

