// The figures of one answer are declared three times, on purpose (ARCHITECTURE.md, "One shape,
// three declarations"): RequestFigures in core (what the client computes), the chat file's schema
// in core/chat/serialization.ts (must keep reading old files, so it changes only deliberately),
// and MetricsViewSchema in shared/protocol.ts (the webview's message, shipped with the extension).
// core may not import shared and shared may not import core, so no one declaration can serve all
// three. This file pins them equal: a field added to or dropped from one fails `tsc` here (and the
// storage pair fails in serialization.ts), and the run-time check fails if the protocol's schema
// would drop a field the client computes.
import assert from 'node:assert/strict';
import type { StoredMetrics } from '../../../src/core/chat/model';
import type { RequestFigures } from '../../../src/core/client/types';
import { MetricsViewSchema, type MetricsView } from '../../../src/shared/protocol';

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? SameKeys<A, B> : false) : false;

const protocolMatchesClient: Same<MetricsView, RequestFigures> = true;
const protocolMatchesStorage: Same<MetricsView, StoredMetrics> = true;

describe('one figures shape in core, storage and the webview protocol', () => {
  it('the three declarations are the same type', () => {
    assert.equal(protocolMatchesClient && protocolMatchesStorage, true);
  });

  it('the protocol schema keeps every figure the client computes', () => {
    const full: Required<RequestFigures> = {
      requestId: 'req-1',
      model: 'gpt-oss-120b',
      timeToFirstTokenMs: 210,
      tokensPerSecond: 812.5,
      promptTokens: 1000,
      completionTokens: 234,
      costUsd: 0.0012,
      basis: 'server',
    };
    const parsed = MetricsViewSchema.safeParse(full);
    assert.ok(parsed.success);
    assert.deepEqual(parsed.data, full);
  });
});
