// Server-Sent Events decoding for the hot path: bytes -> TextDecoder (stream mode, so a UTF-8
// character split across reads is decoded once whole) -> a line splitter -> message(event, data).
//
// Why not eventsource-parser (which we used first and keep as the reference in
// test/unit/core/sse.test.ts): it builds an array of lines per read and an object per event,
// which showed up in profiles of a fast stream. This splitter hands over the data string itself
// and allocates nothing else for the usual `data: {...}` line. It follows the WHATWG "event
// stream interpretation" for what SambaNova sends or might: `data:` with or without the space,
// multi-line data joined with "\n", `event:`, comments, fields without a colon, LF, CRLF and CR
// line ends, a CRLF split across reads. `id` and `retry` are read and ignored (no reconnects here).

export interface SseMessageHandlers {
  /** One complete SSE message. May throw; decoding stops and the error propagates. */
  message(event: string | undefined, data: string): void;
  /** Return true once nothing more is wanted (e.g. after [DONE]): later messages are dropped. */
  finished(): boolean;
}

const LF = 10;
const COLON = 58;
const SPACE = 32;
const HAS_CR = /\r/;

/** The synchronous core: push bytes as they come, end() once the body is over. */
export class SseDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  /** Start of a line that has not ended yet. */
  private partial = '';
  /** The previous text ended with CR: a LF starting the next one belongs to it. */
  private skipLeadingLf = false;
  private data = '';
  private hasData = false;
  private eventType = '';

  constructor(private readonly handlers: SseMessageHandlers) {}

  /** Throws what a message handler threw. */
  push(bytes: Uint8Array): void {
    this.feed(this.decoder.decode(bytes, { stream: true }));
  }

  end(): void {
    // A last message without its blank line still counts (some servers close right after
    // `data: [DONE]`); a truncated JSON line then surfaces as a malformed chunk, not silence.
    this.feed(`${this.decoder.decode()}\n\n`);
  }

  /** Decoded text in, messages out. */
  feed(text: string): void {
    const length = text.length;
    let start = 0;
    if (this.skipLeadingLf) {
      this.skipLeadingLf = false;
      if (length > 0 && text.charCodeAt(0) === LF) start = 1;
    }
    // Where the next CR is; -1 once there is none left. The first look is a regex test: on a
    // long two-byte string (any non-Latin-1 text) V8's indexOf('\r') sometimes ran ~50x slower,
    // 3 us per event on a 64 KiB read, where the regex scan stays cheap.
    let nextCr = HAS_CR.test(text) ? text.indexOf('\r', start) : -1;
    let nextLf = -2;
    while (start < length) {
      // Both positions are remembered, so text that uses only one kind of line end is scanned once.
      if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start);
      if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
      let end = nextLf;
      let terminator = 1;
      if (nextCr !== -1 && (end === -1 || nextCr < end)) {
        end = nextCr;
        if (end + 1 < length) {
          if (text.charCodeAt(end + 1) === LF) terminator = 2;
        } else {
          this.skipLeadingLf = true;
        }
      }
      if (end === -1) {
        this.partial += start === 0 ? text : text.slice(start);
        return;
      }
      if (this.partial !== '') {
        const line = this.partial + text.slice(start, end);
        this.partial = '';
        this.line(line, 0, line.length);
      } else {
        this.line(text, start, end);
      }
      start = end + terminator;
      if (this.handlers.finished()) {
        this.reset();
        return;
      }
    }
  }

  /** One line: text[from, to). */
  private line(text: string, from: number, to: number): void {
    if (from === to) {
      this.dispatch();
      return;
    }
    const first = text.charCodeAt(from);
    if (first === COLON) return; // comment
    // The common case first: `data:` then an optional space.
    if (first === 100 /* d */ && to - from >= 5 && text.startsWith('data:', from)) {
      let valueAt = from + 5;
      if (valueAt < to && text.charCodeAt(valueAt) === SPACE) valueAt++;
      this.addData(text.slice(valueAt, to));
      return;
    }
    const colon = text.indexOf(':', from);
    let field: string;
    let value: string;
    if (colon === -1 || colon >= to) {
      field = text.slice(from, to);
      value = '';
    } else {
      field = text.slice(from, colon);
      let valueAt = colon + 1;
      if (valueAt < to && text.charCodeAt(valueAt) === SPACE) valueAt++;
      value = text.slice(valueAt, to);
    }
    if (field === 'data') this.addData(value);
    else if (field === 'event') this.eventType = value;
    // `id`, `retry` and unknown fields: nothing we act on.
  }

  private addData(value: string): void {
    if (this.hasData) this.data += `\n${value}`;
    else {
      this.data = value;
      this.hasData = true;
    }
  }

  private dispatch(): void {
    if (!this.hasData) {
      this.eventType = '';
      return;
    }
    const data = this.data;
    const event = this.eventType === '' ? undefined : this.eventType;
    this.reset();
    if (!this.handlers.finished()) this.handlers.message(event, data);
  }

  private reset(): void {
    this.data = '';
    this.hasData = false;
    this.eventType = '';
  }
}
