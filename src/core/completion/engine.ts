// The inline completion engine: everything between "the editor asks for ghost text here" and
// "these are the suggestions", with no VS Code in it. The VS Code provider
// (src/host/completion/) and the bench (bench/completion/) both drive this class.
// About 400 lines on purpose: provide() is one sequence of numbered steps over the engine's own
// state (cache, the request in flight, budget, failures), read best in one place; what stands
// alone lives in the files it imports (completionTypes, completionDocument, inFlight, debounce,
// budget, cache, modelChoice, postprocess, suffixFit).
//
// HOW TO CALL IT (for the bench and any other host)
//
//   const engine = new CompletionEngine({
//     client,                                   // a SambaNovaApi (SambaNovaClient pointed at the server)
//     getSettings: () => ({ enabled: true, model: 'Meta-Llama-3.3-70B-Instruct', disabledLanguages: [] }),
//     clock: systemClock,                       // or a fake { now, sleep } for simulated time
//     logger,                                   // optional
//   });
//   const { items, stats } = await engine.provide(
//     { uri: 'file:///work/a.py', languageId: 'python', text, offset, triggerKind: 'automatic', cursorCount: 1 },
//     signal,                                   // optional AbortSignal: "the editor stopped waiting"
//   );
//   items[0]?.insertText; items[0]?.range;      // offsets into `text`: replace [start, end) with insertText
//   stats.source; stats.requestMade; stats.serverMs; stats.overheadMs;
//
// Call provide() on every keystroke (after applying it to `text`), like VS Code does. An
// automatic call asks only once the user has paused (debounce.ts: a wait fitted to their own
// rhythm), at most once per pause and position, and within a request budget paced over the
// minute (budget.ts); a newer call supersedes an older one that is still waiting (it resolves
// with outcome 'superseded'). An in-flight request is reused when its answer still fits what
// was typed, and aborted otherwise. Aborting `signal` only stops waiting: a request already sent
// runs on and its answer is cached, since the request was paid for. engine.dispose() aborts
// everything.
//
// What the model sees (for fakes that derive answers from the prompt): chat models get a
// system message, two worked examples, then a user message whose <QUERY> block is the file
// window with `{{FILL_HERE}}` at the cursor; the answer is expected as
// `<COMPLETION>code</COMPLETION>` (stop sequence `</COMPLETION>`). FIM models get their raw
// template through /v1/completions (see templates.ts).
import { Emitter, type Disposable } from '../emitter';
import { SambaNovaError, isAbortError } from '../client/errors';
import { failureClass, pauseAfterFailure } from '../client/retryPolicy';
import { silentLogger, type Logger } from '../logger';
import { RequestBudget } from './budget';
import { anchorOf, CompletionCache, type ForwardHit } from './cache';
import { toDocument, fileNameOf, type CompletionDocument } from './completionDocument';
import { systemClock, type Clock, type CompletionEngineDeps, type CompletionInput, type CompletionItem, type CompletionOutcome, type CompletionOutput, type CompletionState, type CompletionStats } from './completionTypes';
import { buildContext } from './context';
import { AdaptiveDebounce, pauseStretch } from './debounce';
import { gate, isUserCode } from './gating';
import { raceAbort, stillUseful, type InFlight } from './inFlight';
import { decideLineMode, type LineMode } from './lineMode';
import { CompletionModelResolver } from './modelChoice';
import { cleanAnswer, cleanCompletion } from './postprocess';
import { priorityAt, unpromising } from './priority';
import { buildPrompt } from './prompt';
import { fitToSuffix, replacedAfterCursor } from './suffixFit';
import { templateFor, type TemplateId } from './templates';
import { linePrefixOf, lineSuffixOf } from './text';

export type * from './completionTypes';
export { systemClock } from './completionTypes';
export { offsetAt } from './completionDocument';
export type { OtherDocument } from './context';
export type { Priority } from './priority';
export type { GateReason } from './gating';
export type { LineMode } from './lineMode';
export type { TemplateId } from './templates';

// ---------------------------------------------------------------- the engine

const MAX_TOKENS_SINGLE = 96;
const MAX_TOKENS_MULTI = 320;
const CLEAN_WINDOW = 6000;
/** The status bar says completion is pausing only for waits longer than this (short pacing gaps are normal). */
const SHOW_BUDGET_WAIT_MS = 10_000;


/** Where a request was last sent: one request per pause and place. */
interface AskedPlace {
  uri: string;
  offset: number;
  before: string;
}

export class CompletionEngine implements Disposable {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly cache = new CompletionCache();
  private readonly budget: RequestBudget;
  private readonly debounce = new AdaptiveDebounce();
  private readonly stateEmitter = new Emitter<CompletionState>();
  private generation = 0;
  /** After a failure, no request before this clock time (a wrong key must not cost a request per keystroke). */
  private pausedUntil = 0;
  private failures = 0;
  private inFlight: InFlight | undefined;
  private lastAsked: AskedPlace | undefined;
  private stateNow: CompletionState = { kind: 'idle' };
  private readonly models: CompletionModelResolver;
  private disposed = false;

  /** Fires when the completion state changes (for the status bar). */
  readonly onDidChangeState = (listener: (state: CompletionState) => void): Disposable => this.stateEmitter.event(listener);

  constructor(private readonly deps: CompletionEngineDeps) {
    this.clock = deps.clock ?? systemClock;
    this.log = deps.logger ?? silentLogger;
    this.budget = new RequestBudget(() => this.clock.now(), deps.budget);
    this.models = new CompletionModelResolver(deps.client, this.log);
  }

  get state(): CompletionState {
    return this.stateNow;
  }

  /** The model completion uses and whether it was picked automatically (undefined before the first request). */
  get model(): { model: string; auto: boolean } | undefined {
    return this.models.current;
  }

  /** Forget cached answers for a document (closed). */
  forgetDocument(uri: string): void {
    this.cache.forget(uri);
  }

  /** Settings changed: the model may be different. */
  settingsChanged(): void {
    this.pausedUntil = 0;
    this.failures = 0;
    this.models.reset();
    this.lastAsked = undefined;
    // The error may be what the user just fixed (a key set, a model chosen): stop showing it now,
    // not after the next pause in typing.
    if (this.stateNow.kind === 'error') this.setState({ kind: 'idle' });
  }

  async provide(input: CompletionInput, signal?: AbortSignal): Promise<CompletionOutput> {
    const started = this.clock.now();
    const gen = ++this.generation;
    const settings = this.deps.getSettings();
    let debounceMs = 0;
    let requestMs: number | undefined;
    const finish = (outcome: CompletionOutcome, extra: Partial<CompletionStats> = {}, items: CompletionItem[] = []): CompletionOutput => {
      const totalMs = this.clock.now() - started;
      return {
        items,
        stats: {
          outcome,
          requestMade: false,
          totalMs,
          debounceMs,
          requestMs,
          overheadMs: Math.max(0, totalMs - debounceMs - (requestMs ?? 0)),
          ...extra,
        },
      };
    };

    if (input.triggerKind === 'automatic') this.debounce.note(started);
    const doc = toDocument(input);
    if (!doc) return finish('gated', { gateReason: 'notAFile' });
    // Snooze pauses ghost text while typing; asking explicitly (Alt+\) still works.
    const reason = gate(
      { uri: doc.uri, languageId: doc.languageId, text: doc.text, offset: doc.offset, cursorCount: input.cursorCount },
      input.triggerKind === 'explicit' ? { ...settings, snoozedUntil: undefined } : settings,
      started,
    );
    if (reason) return finish('gated', { gateReason: reason });

    // 1. An answer we already have.
    const hit = this.cache.lookup(doc.uri, doc.text, doc.offset);
    if (hit) return finish('served', { source: hit.kind }, this.items(doc, hit));

    // 2. A request on its way whose answer may still fit.
    const flying = this.inFlight;
    if (flying) {
      if (stillUseful(flying, doc)) {
        const waitStart = this.clock.now();
        const ok = await raceAbort(flying.done, signal);
        requestMs = this.clock.now() - waitStart;
        if (!ok) return finish('cancelled');
        const late = this.cache.lookup(doc.uri, doc.text, doc.offset);
        if (late) return finish('served', { source: 'inflight', serverMs: flying.serverMs }, this.items(doc, late));
        if (gen !== this.generation) return finish('superseded');
      } else {
        this.log.trace(`Completion: aborting a superseded request (${Math.round(this.clock.now() - flying.startedAt)} ms old)`);
        flying.controller.abort();
        if (this.inFlight === flying) this.inFlight = undefined;
      }
    }

    const automatic = input.triggerKind === 'automatic';
    const prefix = doc.text.slice(0, doc.offset);
    const priority = priorityAt(prefix);

    // 3. Not where an answer would buy nothing (inside a comment's word, under a block just ended).
    const skip = automatic ? unpromising(prefix, doc.text.slice(doc.offset)) : undefined;
    if (skip) return finish('gated', { gateReason: skip, priority });

    // 4. Ask only when the user has paused: a wait fitted to their rhythm, at every position.
    if (automatic) {
      const known = this.models.current?.model ?? settings.model.trim();
      const scarce = this.budget.isScarce(known, settings.chatModel === undefined || settings.chatModel === known);
      // Time spent waiting for an in-flight answer above counts as part of the pause.
      const waited = await this.wait(this.debounce.delayMs(pauseStretch(priority, scarce)) - (this.clock.now() - started), signal);
      debounceMs += waited.ms;
      if (waited.outcome) return finish(waited.outcome);
      if (gen !== this.generation) return finish('superseded');
    }
    if (signal?.aborted) return finish('cancelled');

    // 5. One request per pause and place: VS Code asks again at the same place (focus, the
    // suggest widget, after an empty answer); what was asked there already answered.
    if (automatic && this.askedHere(doc)) return finish('empty', { priority });

    // 6. The request budget: paced over the minute, headroom for the chat when it shares the model.
    const { model } = await this.models.resolve(settings.model, settings.fallbackModel);
    if (signal?.aborted) return finish('cancelled');
    if (gen !== this.generation) return finish('superseded');
    if (this.clock.now() < this.pausedUntil) return finish('error', { model });
    const sharedWithChat = settings.chatModel === undefined || settings.chatModel === model;
    const verdict = this.budget.check(model, { priority, sharedWithChat });
    if (!verdict.ok) {
      if (verdict.reason === 'rateLimited' || verdict.until - this.clock.now() > SHOW_BUDGET_WAIT_MS) {
        this.setState({ kind: 'rateLimited', until: verdict.until, model, selfImposed: verdict.reason === 'budget' });
      }
      return finish('rateLimited', { retryAt: verdict.until, model, priority });
    }

    // 7. A new request.
    const template = templateFor(model, settings.templates);
    const suffix = doc.text.slice(doc.offset);
    // Shown: the rest of the line mid-expression. Asked: a block when requests are scarce, so the
    // lines after it serve the next pauses from the cache (cache.ts, `whole`).
    const lineMode = decideLineMode(prefix, suffix);
    const askMode = decideLineMode(prefix, suffix, this.budget.isScarce(model, sharedWithChat));
    const request = this.startRequest(doc, model, template, { ask: askMode, show: lineMode }, sharedWithChat);
    const waitStart = this.clock.now();
    const ok = await raceAbort(request.done, signal);
    requestMs = this.clock.now() - waitStart;
    const common = { requestMade: true, model, template, lineMode, priority, serverMs: request.serverMs };
    if (!ok) return finish('cancelled', common);
    const answer = this.cache.lookup(doc.uri, doc.text, doc.offset);
    if (answer) return finish('served', { ...common, source: 'request' }, this.items(doc, answer));
    if (request.controller.signal.aborted) return finish('superseded', common);
    const state = this.stateNow;
    if (state.kind === 'rateLimited') return finish('rateLimited', { ...common, retryAt: state.until });
    if (state.kind === 'error') return finish('error', common);
    return finish('empty', common);
  }

  dispose(): void {
    this.disposed = true;
    this.inFlight?.controller.abort();
    this.inFlight = undefined;
    this.stateEmitter.dispose();
  }

  // ---- internals ----

  /** Sleeps unless a newer call or the caller's signal ends the wait first. */
  private async wait(ms: number, signal: AbortSignal | undefined): Promise<{ ms: number; outcome?: 'cancelled' }> {
    const start = this.clock.now();
    try {
      await this.clock.sleep(Math.max(0, ms), signal);
    } catch (error) {
      if (isAbortError(error)) return { ms: this.clock.now() - start, outcome: 'cancelled' };
      throw error;
    }
    return { ms: this.clock.now() - start };
  }

  private askedHere(doc: CompletionDocument): boolean {
    const asked = this.lastAsked;
    if (!asked || asked.uri !== doc.uri || asked.offset !== doc.offset) return false;
    return doc.text.slice(doc.offset - asked.before.length, doc.offset) === asked.before;
  }

  private items(doc: CompletionDocument, hit: ForwardHit): CompletionItem[] {
    // Fitted to what follows the cursor now, whatever the answer's source: the editor may have
    // closed a bracket or put a `}` below since the request left (issue 13 §1).
    const prefix = doc.text.slice(Math.max(0, doc.offset - 500), doc.offset);
    const suffix = doc.text.slice(doc.offset, doc.offset + 2000);
    // The rest of an earlier answer past what it showed: cut and placed as a new answer here would be.
    const answer = hit.continued ? this.cleanHere(hit.text, doc) : hit.text;
    let text = fitToSuffix(answer, prefix, suffix);
    if (text.trim() === '') return [];
    // VS Code 1.139 shows no ghost text for a suggestion that ends in a line break on an empty
    // line with nothing after it in the file (e2e completion-typing: the last function of both
    // files, answered right and never shown). The Enter after the last line is the user's.
    if (suffix.trim() === '' && linePrefixOf(prefix) === '') text = text.replace(/(?:\n[ \t]*)+$/, '');
    return [{ insertText: doc.lead + text, range: { start: doc.replaceStart, end: this.replaceEnd(doc, text, prefix, suffix) } }];
  }

  private cleanHere(text: string, doc: CompletionDocument): string {
    const prefix = doc.text.slice(Math.max(0, doc.offset - CLEAN_WINDOW), doc.offset);
    const suffix = doc.text.slice(doc.offset, doc.offset + CLEAN_WINDOW);
    return cleanCompletion(text, { prefix, suffix, languageId: doc.languageId, mode: decideLineMode(prefix, suffix), indent: doc.input.indent });
  }

  /** The item also replaces closers VS Code put after the cursor that the answer writes itself. */
  private replaceEnd(doc: CompletionDocument, text: string, prefix: string, suffix: string): number {
    if (doc.lead !== '' || doc.replaceEnd !== doc.offset) return doc.replaceEnd;
    return doc.offset + replacedAfterCursor(text, linePrefixOf(prefix), lineSuffixOf(suffix));
  }

  private startRequest(doc: CompletionDocument, model: string, template: TemplateId, modes: { ask: LineMode; show: LineMode }, sharedWithChat: boolean): InFlight {
    const prefix = doc.text.slice(0, doc.offset);
    const suffix = doc.text.slice(doc.offset);
    const maxTokens = modes.ask === 'single' ? MAX_TOKENS_SINGLE : MAX_TOKENS_MULTI;
    const info = this.deps.client.modelInfo(model);
    const context = buildContext(prefix, suffix, doc.languageId, (doc.input.otherDocuments ?? []).filter((d) => d.uri !== doc.uri && isUserCode(d.uri)), {
      contextLength: info?.contextLength,
      maxOutputTokens: maxTokens,
      overheadTokens: template === 'chat' ? 400 : 32,
    });
    const prompt = buildPrompt({ context, fileName: doc.input.fileName ?? fileNameOf(doc.uri), languageId: doc.languageId, mode: modes.ask, template });
    const controller = new AbortController();
    const anchor = anchorOf(doc.text, doc.offset);
    const place: AskedPlace = { uri: doc.uri, offset: doc.offset, before: anchor.before };
    const flying: InFlight = {
      uri: doc.uri,
      offset: doc.offset,
      before: anchor.before,
      raw: '',
      linePrefix: linePrefixOf(prefix),
      controller,
      startedAt: this.clock.now(),
      done: Promise.resolve(),
    };
    const params = { temperature: 0.1, maxTokens: Math.min(maxTokens, info?.maxCompletionTokens ?? maxTokens), stop: prompt.stop };
    const options = {
      signal: controller.signal,
      maxRetries: 0,
      onEvent: (event: { type: string; text?: string }) => {
        if (event.type === 'text' && event.text) flying.raw += event.text;
      },
      onResponseHeaders: (r: { header(name: string): string | undefined }) => this.budget.noteHeaders(model, (n) => r.header(n)),
    };
    this.budget.noteSent(model, sharedWithChat);
    this.lastAsked = place;
    this.setState({ kind: 'requesting', model });
    const call =
      prompt.kind === 'chat'
        ? this.deps.client.streamChat({ model, messages: prompt.messages, params, source: 'completion' }, options)
        : this.deps.client.streamCompletion({ model, prompt: prompt.prompt, params, source: 'completion' }, options);
    flying.done = call.then(
      (result) => {
        flying.endedAt = this.clock.now();
        if (result.usage?.totalLatencySec !== undefined) flying.serverMs = result.usage.totalLatencySec * 1000;
        this.budget.noteSuccess(model);
        this.failures = 0;
        const { shown: completion, whole } = cleanAnswer(result.text, {
          prefix: prefix.slice(-CLEAN_WINDOW),
          suffix: suffix.slice(0, CLEAN_WINDOW),
          languageId: doc.languageId,
          mode: modes.show,
          indent: doc.input.indent,
        });
        const more = whole.length > completion.length ? { whole } : {};
        if (completion) this.cache.add({ uri: doc.uri, offset: doc.offset, before: anchor.before, after: anchor.after, completion, ...more });
        this.log.trace(
          `Completion ${model}: ${result.text.length} chars in ${Math.round(flying.endedAt - flying.startedAt)} ms -> ${completion.length} shown; answer ${JSON.stringify(result.text.slice(0, 120))}`,
        );
        if (this.inFlight === flying || this.stateNow.kind === 'requesting') this.setState({ kind: 'idle' });
      },
      (error: unknown) => {
        flying.endedAt = this.clock.now();
        // No answer came: a later pause at the same place may ask again.
        if (this.lastAsked === place) this.lastAsked = undefined;
        if (isAbortError(error)) return;
        if (error instanceof SambaNovaError && error.kind === 'rateLimited') {
          const until = this.budget.noteRateLimited(model, error.retryAfterMs);
          this.log.warn(`Completion: ${model} is rate limited (429); pausing completion for ${Math.ceil((until - this.clock.now()) / 1000)} s.`);
          this.setState({ kind: 'rateLimited', until, model, selfImposed: false });
          return;
        }
        const message = error instanceof SambaNovaError ? error.userMessage : error instanceof Error ? error.message : String(error);
        this.log.warn(`Completion request failed: ${message}`);
        // Settings-like failures (key, billing, model) wait for a change or a minute; transient ones
        // back off (the client's one policy, core/client/retryPolicy.ts).
        const kind = error instanceof SambaNovaError ? error.kind : 'protocol';
        const pause = pauseAfterFailure(kind, this.failures);
        if (failureClass(kind) === 'transient') this.failures++;
        if (pause > 0) this.pausedUntil = this.clock.now() + pause;
        this.setState({ kind: 'error', message, model });
      },
    ).finally(() => {
      if (this.inFlight === flying) this.inFlight = undefined;
    });
    this.inFlight = flying;
    return flying;
  }

  private setState(state: CompletionState): void {
    if (this.disposed) return;
    const same = JSON.stringify(state) === JSON.stringify(this.stateNow);
    this.stateNow = state;
    if (!same) this.stateEmitter.fire(state);
  }
}
