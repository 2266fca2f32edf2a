// Accumulates streamed tool-call deltas by index. SambaNova may send a call whole in one chunk
// (before its July 2026 fix) or in pieces, and older builds sent `arguments` as an object.
import type { ToolCall } from './types';
import type { WireToolCallDelta } from './wire';

interface PartialCall {
  id?: string;
  name: string;
  arguments: string;
}

export class ToolCallAccumulator {
  private readonly calls = new Map<number, PartialCall>();

  get size(): number {
    return this.calls.size;
  }

  add(deltas: readonly WireToolCallDelta[]): void {
    for (let i = 0; i < deltas.length; i++) {
      const delta = deltas[i]!;
      // Without an index (non-streaming shape), position in the list identifies the call.
      const index = typeof delta.index === 'number' ? delta.index : i;
      let call = this.calls.get(index);
      if (!call) {
        call = { name: '', arguments: '' };
        this.calls.set(index, call);
      }
      if (delta.id) call.id = delta.id;
      const fn = delta.function;
      if (!fn) continue;
      if (fn.name) call.name = call.name === '' || call.name === fn.name ? fn.name : call.name + fn.name;
      const args = fn.arguments;
      if (typeof args === 'string') call.arguments += args;
      else if (args && typeof args === 'object') call.arguments = JSON.stringify(args);
    }
  }

  /** The finished calls in index order; ids are made up where the server sent none. */
  drain(): ToolCall[] {
    const out = [...this.calls.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([index, c]) => ({ id: c.id ?? `call_${index}`, name: c.name, arguments: c.arguments }));
    this.calls.clear();
    return out;
  }
}
