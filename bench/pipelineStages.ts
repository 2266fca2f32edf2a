// Where our streaming client spends its time per event: the same recorded bytes fed,
// synchronously and without a network, through growing prefixes of the pipeline. The
// differences between stages are each stage's cost. Used by client-stream.bench.ts.
import { createParser } from 'eventsource-parser';
import { chatChunkParser } from '../src/core/client/wire';
import { SseDecoder } from '../src/core/client/sse';
import { StreamAssembler } from '../src/core/client/streamAssembler';

export interface StageCost {
  stage: string;
  /** Microseconds per SSE event: the fastest repetition (the least disturbed by other load). */
  usPerEvent: number;
}

/** Cuts a body into reads of about `size` bytes, like a socket would deliver them. */
export function splitReads(body: Uint8Array, size: number): Uint8Array[] {
  const reads: Uint8Array[] = [];
  for (let offset = 0; offset < body.length; offset += size) reads.push(body.subarray(offset, offset + size));
  return reads;
}

function timeIt(repetitions: number, events: number, run: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    run();
    samples.push(((performance.now() - start) * 1000) / events);
  }
  return Math.min(...samples);
}

export function measureStages(reads: Uint8Array[], events: number, repetitions = 15): StageCost[] {
  let sink = 0;
  const decodeOnly = () => {
    const decoder = new TextDecoder('utf-8');
    for (const read of reads) sink += decoder.decode(read, { stream: true }).length;
  };
  const sseOnly = () => {
    const decoder = new TextDecoder('utf-8');
    const parser = createParser({ onEvent: (message) => (sink += message.data.length) });
    for (const read of reads) parser.feed(decoder.decode(read, { stream: true }));
  };
  const ourSse = () => {
    const decoder = new SseDecoder({ message: (_event, data) => (sink += data.length), finished: () => false });
    for (const read of reads) decoder.push(read);
    decoder.end();
  };
  const sseJson = () => {
    const decoder = new SseDecoder({
      message: (_event, data) => {
        if (data !== '[DONE]') sink += JSON.parse(data) ? 1 : 0;
      },
      finished: () => false,
    });
    for (const read of reads) decoder.push(read);
    decoder.end();
  };
  const sseJsonZod = () => {
    const decoder = new SseDecoder({
      message: (_event, data) => {
        if (data !== '[DONE]') sink += chatChunkParser().safeParse(JSON.parse(data)).success ? 1 : 0;
      },
      finished: () => false,
    });
    for (const read of reads) decoder.push(read);
    decoder.end();
  };
  const fullPipeline = () => {
    const assembler = new StreamAssembler('chat', 'bench', false, {
      event: (event) => (sink += event.type === 'text' ? event.text.length : 0),
      badChunk: () => {},
    });
    const decoder = new SseDecoder({ message: (event, data) => assembler.handle(event, data), finished: () => assembler.done });
    for (const read of reads) decoder.push(read);
    decoder.end();
  };
  // Warm up every stage before timing any.
  for (const run of [decodeOnly, sseOnly, ourSse, sseJson, sseJsonZod, fullPipeline]) for (let i = 0; i < 3; i++) run();
  const costs: StageCost[] = [
    { stage: 'TextDecoder', usPerEvent: timeIt(repetitions, events, decodeOnly) },
    { stage: '+ eventsource-parser (reference)', usPerEvent: timeIt(repetitions, events, sseOnly) },
    { stage: '+ our SseDecoder instead', usPerEvent: timeIt(repetitions, events, ourSse) },
    { stage: '+ JSON.parse', usPerEvent: timeIt(repetitions, events, sseJson) },
    { stage: '+ zod chat chunk parse (compiled)', usPerEvent: timeIt(repetitions, events, sseJsonZod) },
    { stage: 'SseDecoder + StreamAssembler (all sync work)', usPerEvent: timeIt(repetitions, events, fullPipeline) },
  ];
  if (sink === -1) console.log(sink); // keeps the work observable to the optimiser
  return costs;
}
