// What a person sees in the active text editor, read from the workbench's DOM: the document's
// lines, the cursor, and the ghost text of an inline suggestion laid out as the editor shows it.
//
// Monaco renders inline ghost text as spans in the cursor's line (`ghost-text-decoration`), the
// part of the real line it moves to the end of a multi-line suggestion as invisible text
// (`ghost-text-hidden`), and the suggestion's further lines in a view zone
// (`.suggest-preview-text .view-line`) whose last line ends with that moved text. So:
// - the document line = real + hidden text (ghost spans left out);
// - what accepting would leave on screen = real (not hidden) + ghost spans, then the zone's lines.
// Only lines on screen are rendered: keep the file shorter than the editor is tall.
import type { Page } from 'playwright-core';

export interface EditorView {
  /** The document's lines as the editor holds them (no ghost text). */
  lines: string[];
  /** 1-based, as the status bar shows them ("Ln 3, Col 9") once it has caught up. */
  cursorLine: number;
  cursorColumn: number;
  /** Offset of the cursor in lines.join('\n'). */
  offset: number;
  /**
   * When ghost text shows: the editor's rendering of the suggestion's line as accepting would
   * leave it (from the start of that line) and of the lines it adds. Undefined when none shows.
   */
  ghost?: { lineNumber: number; lines: string[]; text: string };
}

interface RawView {
  lines: Array<{ number: number; doc: string; visible: string; hasGhost: boolean }>;
  zone: string[];
  cursor?: { line: number; column: number };
  error?: string;
}

// Kept as source text: tsx compiles the runners, and esbuild's helpers (__name) do not exist in
// the page where Playwright evaluates a function. Waits two animation frames first, so the DOM
// shows what the last key did.
const READ_VIEW = `async () => {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const editor = document.querySelector('.editor-group-container.active .monaco-editor');
  if (!editor) return { lines: [], zone: [], error: 'no active text editor' };
  const nbsp = (s) => s.replace(/\\u00a0/g, ' ');
  const byTop = (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top;
  const rows = [...editor.querySelectorAll('.view-lines > .view-line')].sort(byTop);
  const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].sort(byTop);
  if (rows.length !== numbers.length) {
    return { lines: [], zone: [], error: rows.length + ' lines but ' + numbers.length + ' line numbers' };
  }
  const lines = rows.map((row, i) => {
    let doc = '';
    let visible = '';
    let hasGhost = false;
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const owner = node.parentElement;
      const text = nbsp(node.textContent || '');
      if (owner && owner.closest('.ghost-text-decoration, .ghost-text-decoration-preview')) {
        visible += text;
        if (text) hasGhost = true;
      } else if (owner && owner.closest('.ghost-text-hidden')) {
        doc += text;
      } else {
        doc += text;
        visible += text;
      }
    }
    return { number: Number((numbers[i].textContent || '').trim()), doc, visible, hasGhost };
  });
  const zone = [...editor.querySelectorAll('.view-zones .suggest-preview-text .view-line')]
    .sort(byTop)
    .map((row) => nbsp(row.textContent || ''));
  // The cursor as drawn in the same frame as the lines (the status bar's "Ln, Col" can lag a key):
  // its line is the row it sits in, its column the count of real characters left of it.
  const caret = editor.querySelector('.cursors-layer .cursor');
  if (!caret) return { lines, zone, error: 'no cursor in the editor' };
  const at = caret.getBoundingClientRect();
  const middle = at.top + at.height / 2;
  const index = rows.findIndex((row) => {
    const r = row.getBoundingClientRect();
    return r.top <= middle && middle < r.bottom;
  });
  if (index < 0) return { lines, zone, error: 'the cursor is on no line on screen' };
  let column = 1;
  const range = document.createRange();
  const walker = document.createTreeWalker(rows[index], NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const owner = node.parentElement;
    if (owner && owner.closest('.ghost-text-decoration, .ghost-text-decoration-preview, .ghost-text-hidden')) continue;
    for (let i = 0; i < (node.textContent || '').length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      if ((r.left + r.right) / 2 < at.left - 0.5) column++;
    }
  }
  return { lines, zone, cursor: { line: lines[index].number, column } };
}`;

const readRaw = new Function(`return (${READ_VIEW})();`) as () => Promise<RawView>;

/** Reads the active editor as a person sees it. Throws when it cannot be read whole. */
export async function readEditorView(page: Page): Promise<EditorView> {
  const raw = await page.evaluate(readRaw);
  if (raw.error) throw new Error(`reading the editor: ${raw.error}`);
  raw.lines.forEach((line, i) => {
    if (line.number !== i + 1) throw new Error(`reading the editor: line ${i + 1} on screen is numbered ${line.number} (scrolled, or longer than the editor is tall)`);
  });
  const cursorLine = raw.cursor!.line;
  const cursorColumn = raw.cursor!.column;
  const lines = raw.lines.map((l) => l.doc);
  if (cursorLine > lines.length) throw new Error(`reading the editor: cursor on line ${cursorLine} of ${lines.length}`);
  let offset = 0;
  for (let i = 0; i < cursorLine - 1; i++) offset += lines[i]!.length + 1;
  offset += cursorColumn - 1;
  const view: EditorView = { lines, cursorLine, cursorColumn, offset };
  const ghostRow = raw.lines.find((l) => l.hasGhost);
  if (ghostRow || raw.zone.length > 0) {
    // Extra lines without an inline part belong to the cursor's line.
    const row = ghostRow ?? raw.lines[cursorLine - 1]!;
    const shown = [row.visible, ...raw.zone];
    view.ghost = { lineNumber: row.number, lines: shown, text: shown.join('\n') };
  }
  return view;
}

/** The document's text as the editor holds it. */
export function documentText(view: EditorView): string {
  return view.lines.join('\n');
}
