// A fast stream delivers hundreds of small events a second; posting each one to the webview
// would flood the message channel and make the view re-render for every token. This gathers
// text and reasoning and hands them on at most once per interval, and at once on flush.
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Delta {
  text: string;
  reasoning: string;
}

export class DeltaCoalescer {
  private text = '';
  private reasoning = '';
  private timer: unknown;

  constructor(
    private readonly deliver: (delta: Delta) => void,
    private readonly intervalMs = 24,
    private readonly timers: Timers = realTimers,
  ) {}

  push(kind: 'text' | 'reasoning', chunk: string): void {
    if (chunk === '') return;
    if (kind === 'text') this.text += chunk;
    else this.reasoning += chunk;
    if (this.timer === undefined) this.timer = this.timers.setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.text === '' && this.reasoning === '') return;
    const delta = { text: this.text, reasoning: this.reasoning };
    this.text = '';
    this.reasoning = '';
    this.deliver(delta);
  }

  /** Drops the pending timer without delivering (the view is gone). */
  dispose(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
