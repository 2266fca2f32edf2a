// A person typing a known text into the editor model (editorModel.ts): they know what the file
// must read in the end, type it character by character, and deal with what the editor adds the
// way people do: they type on over a closer the editor put there (VS Code types over its own), step down
// to the `}` Enter put on its own line, fix the indentation auto-indent got wrong, and leave
// blank lines to trimAutoWhitespace. They accept a suggestion only when it is what they were
// about to type; a wrong one is typed past. Whatever an accepted suggestion leaves behind (a
// duplicate closer) stays in the file, as it would for someone who trusted the ghost text: the
// final comparison with the intended text is what shows it.
import { EditorModel } from './editorModel';

export interface Suggestion {
  insertText: string;
  /** Offsets into the document: the range the text replaces. */
  start: number;
  end: number;
}

export interface TypistAction {
  kind: 'char' | 'enter' | 'move' | 'delete' | 'accept';
  /** Keys pressed (Enter plus the Backspace/Tab fixing the indentation count as several). */
  keys: number;
  /** Whether the document changed (VS Code asks the provider again only then). */
  edited: boolean;
}

export class Typist {
  readonly editor: EditorModel;
  /** How far into `target` the person is (the document before the cursor reads target[0, p)). */
  p: number;

  constructor(
    /** The whole intended file. */
    readonly target: string,
    /** The region the person types; the document starts without it, the cursor at `start`. */
    readonly start: number,
    readonly end: number,
    languageId: string,
    indentUnit: string,
  ) {
    this.editor = new EditorModel(target.slice(0, start) + target.slice(end), start, languageId, { indentUnit });
    this.editor.markers.push(start);
    this.p = start;
  }

  get done(): boolean {
    return this.p >= this.end;
  }

  /** What the editor put between the cursor and the file's own text after the region. */
  get pending(): string {
    const suffixStart = this.editor.markers[0]!;
    return suffixStart > this.editor.cursor ? this.editor.text.slice(this.editor.cursor, suffixStart) : '';
  }

  /** The rest of the intended text from the cursor on, as the person has it in mind. */
  get intendedRest(): string {
    return this.target.slice(this.p);
  }

  /** The next key. */
  step(): TypistAction {
    const t = this.target[this.p]!;
    const editor = this.editor;
    const pending = this.pending;
    if (pending !== '') {
      if (!/\s/.test(pending[0]!) && pending[0] !== t && editor.freshAutoClosedAt() && !this.restOfLine().includes(pending[0]!)) {
        // A pair the editor added that this line does not want (`[` typed inside a string): Delete.
        // Not one an accepted suggestion left behind: the person trusted the suggestion.
        editor.deleteForward(1);
        return { kind: 'delete', keys: 1, edited: true };
      }
      const ws = /^\s+/.exec(pending)?.[0];
      const next = ws === undefined ? undefined : pending[ws.length];
      if (ws !== undefined && next !== undefined) {
        if (ws.includes('\n') && this.target.startsWith(ws + next, this.p)) {
          // The closer Enter put on its own line is where the person is going: step down to it.
          editor.moveTo(editor.cursor + ws.length);
          this.p += ws.length;
          return { kind: 'move', keys: 1, edited: false };
        }
        if (next === t && !/\s/.test(t) && editor.freshAutoClosedAt(editor.cursor + ws.length)) {
          // `)` Enter moved down, wanted on this line: Delete joins it back.
          editor.deleteForward(ws.length);
          return { kind: 'delete', keys: 1, edited: true };
        }
      }
    }
    if (t === '\n') return this.enter();
    editor.type(t);
    this.p++;
    const keys = 1 + this.fixIndentation();
    return { kind: 'char', keys, edited: true };
  }

  /** Whether accepting this suggestion gives what the person was about to type. */
  readsRight(s: Suggestion): boolean {
    const editor = this.editor;
    if (s.start > editor.cursor || s.end < editor.cursor || s.insertText === '') return false;
    const result = editor.text.slice(0, s.start) + s.insertText;
    return result.length > this.p && this.target.startsWith(result);
  }

  /** Tab. */
  accept(s: Suggestion): TypistAction {
    this.editor.accept(s.insertText, s.start, s.end);
    this.p = s.start + s.insertText.length;
    return { kind: 'accept', keys: 1, edited: true };
  }

  /** The person's last touch: an indentation Enter left on the last, empty line goes. */
  finish(): void {
    const editor = this.editor;
    const line = editor.text.slice(editor.lineStart, editor.lineEnd);
    const wanted = this.target.slice(this.target.lastIndexOf('\n', this.p - 1) + 1, this.p);
    if (line.trim() === '' && wanted === '' && line !== '') editor.setIndentation('');
  }

  /** Whether the document before the cursor is the intended text (give or take a blank line's indentation). */
  consistent(): boolean {
    const before = this.editor.text.slice(0, this.editor.cursor);
    const want = this.target.slice(0, this.p);
    return before === want || (/\n[ \t]+$/.test(before) && before.replace(/[ \t]+$/, '') === want);
  }

  private restOfLine(): string {
    const nl = this.target.indexOf('\n', this.p);
    return this.target.slice(this.p, nl < 0 ? this.target.length : nl);
  }

  private enter(): TypistAction {
    this.editor.enter();
    this.p++;
    const want = /^[ \t]*/.exec(this.target.slice(this.p))![0];
    const after = this.target[this.p + want.length];
    // A line that stays blank: the next Enter trims what auto-indent put there.
    if (after === '\n' || after === undefined) return { kind: 'enter', keys: 1, edited: true };
    const keys = 1 + this.editor.setIndentation(want);
    this.p += want.length;
    return { kind: 'enter', keys, edited: true };
  }

  /** Auto-indent moved the line (a closer typed first on it) where the person does not want it. */
  private fixIndentation(): number {
    const editor = this.editor;
    const lineD = editor.text.slice(editor.lineStart, editor.cursor);
    const lineT = this.target.slice(this.target.lastIndexOf('\n', this.p - 1) + 1, this.p);
    if (lineD === lineT || lineD.trimStart() !== lineT.trimStart()) return 0;
    return editor.setIndentation(/^[ \t]*/.exec(lineT)![0]);
  }
}
