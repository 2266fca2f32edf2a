// The document as the engine works on it: the cursor as an offset, and, when VS Code's suggest
// widget has an item selected, the text as if that item were accepted (the ghost text must
// continue it), with the range the items then replace.
import type { CompletionInput } from './completionTypes';

/** The caller's document, cursor and replace range, as the engine uses them. */
export interface CompletionDocument {
  uri: string;
  languageId: string;
  text: string;
  offset: number;
  /** Where items start in the caller's text (differs from offset with a selected suggest item). */
  replaceStart: number;
  replaceEnd: number;
  /** Put in front of every item's text (the selected suggest item). */
  lead: string;
  input: CompletionInput;
}

export function offsetAt(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return Math.min(offset + position.character, end);
}

export function toDocument(input: CompletionInput): CompletionDocument | undefined {
  const offset = input.offset ?? (input.position ? offsetAt(input.text, input.position) : undefined);
  if (offset === undefined || offset < 0 || offset > input.text.length) return undefined;
  const sel = input.selectedCompletion;
  if (sel && sel.start <= offset && sel.end >= sel.start && sel.end <= input.text.length) {
    // Ask as if the suggest widget's item were accepted, so the ghost text continues it.
    const text = input.text.slice(0, sel.start) + sel.text + input.text.slice(sel.end);
    return {
      uri: input.uri,
      languageId: input.languageId,
      text,
      offset: sel.start + sel.text.length,
      replaceStart: sel.start,
      replaceEnd: sel.end,
      lead: sel.text,
      input,
    };
  }
  return { uri: input.uri, languageId: input.languageId, text: input.text, offset, replaceStart: offset, replaceEnd: offset, lead: '', input };
}

export function fileNameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || 'untitled';
}
