// The DOM check shared by the XSS tests (test page and real VS Code). It runs inside the webview
// (page.evaluate / frame.evaluate), so it must not reference anything outside its own body.

/** Runs in the page: what in the rendered view could execute or load something. */
export function findDangerousMarkup(): string[] {
  const problems: string[] = [];
  const root = document.getElementById('app');
  if (!root) return ['#app missing'];
  const forbidden = new Set(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'FORM', 'META', 'LINK', 'STYLE', 'BASE', 'FRAME', 'FRAMESET', 'VIDEO', 'AUDIO', 'SOURCE', 'NOSCRIPT', 'TEMPLATE']);
  // Read through the prototypes: a <form> holding <input name="attributes"> clobbers its own
  // element.attributes and element.tagName (payloads in the corpus do exactly that).
  const tagOf = Object.getOwnPropertyDescriptor(Element.prototype, 'tagName')!.get!;
  const attributesOf = Object.getOwnPropertyDescriptor(Element.prototype, 'attributes')!.get!;
  const closestOf = Element.prototype.closest;
  const classListOf = Object.getOwnPropertyDescriptor(Element.prototype, 'classList')!.get!;
  for (const element of root.querySelectorAll('*')) {
    const tag = String(tagOf.call(element)).toUpperCase();
    // The composer is our own form; everything else may not hold one.
    const isComposer = tag === 'FORM' && (classListOf.call(element) as DOMTokenList).contains('composer');
    if (forbidden.has(tag) && !isComposer) problems.push(`<${tag.toLowerCase()}> element`);
    for (const attribute of Array.from(attributesOf.call(element) as NamedNodeMap)) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.trim();
      if (name.startsWith('on')) problems.push(`${tag} ${name}=`);
      // Playwright's screenshots hide the caret with a style on form fields (ours, never the model's).
      const caretOnly = /^(?:caret-color:\s*transparent\s*(?:!important)?;?\s*)?$/i.test(value) && /^(INPUT|TEXTAREA|SELECT)$/.test(tag);
      // A parked message (far from the viewport, its DOM dropped) keeps its height: ours too.
      // An empty style attribute styles nothing; Chromium leaves one on a message element that was
      // parked and rendered again. Model output never reaches the article's own attributes.
      const ownMessage = tag === 'ARTICLE' && (classListOf.call(element) as DOMTokenList).contains('message');
      const parkedHeight = ownMessage && (value === '' || ((classListOf.call(element) as DOMTokenList).contains('parked') && /^height:\s*\d+px;?$/.test(value)));
      if (name === 'style' && !caretOnly && !parkedHeight) problems.push(`${tag} style=${value.slice(0, 60)}`);
      if (name === 'srcdoc' || name === 'formaction' || name === 'action' || name.includes('href') && name !== 'href') problems.push(`${tag} ${name}=`);
      if (name === 'href' && !/^(?:https?:|mailto:)/i.test(value)) problems.push(`${tag} href=${value.slice(0, 60)}`);
      if (name === 'src' && !(tag === 'IMG' && /^data:image\/(?:png|jpeg|gif|webp);base64,/.test(value))) problems.push(`${tag} src=${value.slice(0, 60)}`);
    }
    if (tag === 'IMG' && !closestOf.call(element, '.message-images, .thumbnails')) problems.push('img outside the user image rows');
  }
  return problems;
}

