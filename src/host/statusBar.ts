// The status bar entry: no key / ready / streaming with live tokens per second / the last
// request's figures / an error, and the request budget of the model in use (requests left this
// minute and today, tokens spent today) with a warning in words when a limit is near. It only
// listens; requests are made by the features.
import * as vscode from 'vscode';
import type { SambaNovaError } from '../core/client/errors';
import type { Budget } from '../core/client/rateLimits';
import { budgetLines, budgetWarning } from './budgetText';
import { formatMetricsShort, formatRate, metricsRows } from '../shared/present';
import type { ActivityEvent, RequestMetrics, RequestSource } from '../core/client/types';
import type { CompletionStatus } from '../core/completion/status';
import { fixActionCommand } from './errorUi';
import type { Services } from './services';

export type StatusState =
  | { kind: 'noKey' }
  | { kind: 'ready' }
  | { kind: 'streaming'; tokensPerSecond?: number; model: string }
  | { kind: 'retrying'; until: number; reason: string }
  | { kind: 'done'; metrics: RequestMetrics }
  | { kind: 'error'; error: SambaNovaError; metrics?: RequestMetrics };

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private state: StatusState = { kind: 'ready' };
  private hasKey = false;
  /** Requests in flight, by activity id; the newest one drives the live rate. */
  private readonly inFlight = new Map<
    number,
    { model: string; source?: RequestSource; tokensPerSecond?: number; retryUntil?: number; retryReason?: string }
  >();
  private retryTimer: ReturnType<typeof setInterval> | undefined;
  private lastMetrics: RequestMetrics | undefined;
  /** Inline completion's state in words (set by src/host/completion). */
  private completion: CompletionStatus | undefined;
  /** The model of the newest request from any feature: the budget shown is this model's. */
  private modelInUse: string | undefined;
  /** Re-renders when a near or spent window resets, so the warning does not outlive it. */
  private budgetTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: Services) {
    this.item = vscode.window.createStatusBarItem('sambanova.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'SambaNova';
    this.disposables.push(
      this.item,
      services.client.onDidActivity((e) => this.onActivity(e)),
      services.keys.onDidChange(() => void this.refreshKey()),
      services.config.onDidChange(() => this.render()),
      services.rateLimits.onDidChange(() => this.render()),
    );
    void this.refreshKey();
  }

  /** What the user sees; read by tests through the test hooks. */
  get text(): string {
    return this.item.text;
  }

  /** What a click runs (tests check it). */
  get clickCommand(): vscode.Command | string | undefined {
    return this.item.command;
  }

  get tooltip(): string {
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  }

  /** Shows inline completion's state next to the request figures. */
  setCompletion(status: CompletionStatus | undefined): void {
    this.completion = status;
    this.render();
  }

  get last(): RequestMetrics | undefined {
    return this.lastMetrics;
  }

  private async refreshKey(): Promise<void> {
    const hasKey = await this.services.keys.hasAnyKey();
    // A check that answers after dispose (a key saved just before deactivation) changes nothing.
    if (this.disposed) return;
    this.hasKey = hasKey;
    if (!this.hasKey) this.state = { kind: 'noKey' };
    else if (this.state.kind === 'noKey') this.state = { kind: 'ready' };
    this.render();
  }

  private onActivity(e: ActivityEvent): void {
    switch (e.kind) {
      case 'start':
        this.inFlight.set(e.id, { model: e.model, source: e.source });
        this.modelInUse = e.model;
        break;
      case 'progress': {
        const entry = this.inFlight.get(e.id);
        if (entry) {
          entry.tokensPerSecond = e.tokensPerSecond;
          entry.retryUntil = undefined;
        }
        break;
      }
      case 'retry': {
        // A visible wait: the user sees why nothing streams yet and for how long.
        const entry = this.inFlight.get(e.id);
        if (entry) {
          entry.retryUntil = Date.now() + e.delayMs;
          entry.retryReason = e.reason;
          this.tickWhileRetrying();
        }
        break;
      }
      case 'end': {
        const source = this.inFlight.get(e.id)?.source;
        this.inFlight.delete(e.id);
        // Short checks (the key check, the model list) carry no generation figures worth showing.
        if (e.metrics.completionTokens > 0) {
          this.lastMetrics = e.metrics;
          this.state = { kind: 'done', metrics: e.metrics };
        } else if (source !== 'completion' && (this.state.kind === 'error' || this.state.kind === 'streaming')) {
          // (An empty ghost-text answer says nothing about a chat error still showing.)
          this.state = this.lastMetrics ? { kind: 'done', metrics: this.lastMetrics } : { kind: 'ready' };
        }
        break;
      }
      case 'error': {
        const source = this.inFlight.get(e.id)?.source;
        this.inFlight.delete(e.id);
        if (e.metrics && e.metrics.completionTokens > 0) this.lastMetrics = e.metrics;
        // Inline completion reports its own failures in words (setCompletion), quietly.
        if (source !== 'completion') this.state = { kind: 'error', error: e.error, metrics: e.metrics };
        break;
      }
      case 'cancelled':
        this.inFlight.delete(e.id);
        if (e.metrics && e.metrics.completionTokens > 0) {
          this.lastMetrics = e.metrics;
          this.state = { kind: 'done', metrics: e.metrics };
        }
        break;
    }
    this.render();
  }

  private render(): void {
    if (!this.services.config.get().statusBarEnabled) {
      this.item.hide();
      return;
    }
    // Inline completion asks at nearly every pause in typing; its requests last a few hundred ms.
    // A spinner for each would flicker beside the code, so they only update the last-request
    // figures when they end. Chat, edit and language-model requests show live.
    const live = [...this.inFlight.values()].filter((r) => r.source !== 'completion').pop();
    const state: StatusState = !this.hasKey
      ? { kind: 'noKey' }
      : live?.retryUntil !== undefined && live.retryUntil > Date.now()
        ? { kind: 'retrying', until: live.retryUntil, reason: live.retryReason ?? 'the server asked us to wait' }
        : live
          ? { kind: 'streaming', tokensPerSecond: live.tokensPerSecond, model: live.model }
          : this.state;
    this.item.backgroundColor = undefined;
    this.item.command = 'sambanova.showLastRequest';
    switch (state.kind) {
      case 'noKey':
        this.item.text = '$(key) SambaNova: Set API Key';
        this.item.tooltip = 'No SambaNova API key is set. Click to set one; it is kept in VS Code’s secret storage.';
        this.item.command = 'sambanova.setApiKey';
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      case 'ready':
        this.item.text = '$(zap) SambaNova';
        this.item.tooltip = this.readyTooltip();
        break;
      case 'streaming':
        // Before the second chunk there is no rate yet; "0.0 tok/s" would read as a stall.
        this.item.text = state.tokensPerSecond
          ? `$(loading~spin) ${formatRate(state.tokensPerSecond)} tok/s`
          : '$(loading~spin) SambaNova';
        this.item.tooltip = state.tokensPerSecond
          ? `SambaNova is answering with ${state.model}.`
          : `Waiting for ${state.model} to start answering…`;
        break;
      case 'retrying': {
        const seconds = Math.max(1, Math.ceil((state.until - Date.now()) / 1000));
        this.item.text = `$(sync~spin) SambaNova: retrying in ${seconds} s`;
        this.item.tooltip = `SambaNova will try again in ${seconds} s (${state.reason}).`;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      }
      case 'done':
        this.item.text = `$(zap) ${formatMetricsShort(state.metrics)}`;
        this.item.tooltip = metricsTooltip(state.metrics);
        break;
      case 'error': {
        this.item.text = `$(error) SambaNova: ${shortError(state.error)}`;
        // A click runs the fix-it (Set API Key, Choose Another Model...); without one it shows the details.
        const fix = state.error.action ? fixActionCommand(state.error.action) : undefined;
        if (fix) this.item.command = fix;
        const action = fix ? `\n\nClick to fix it (${fix.title}).` : '';
        this.item.tooltip = new vscode.MarkdownString().appendText(state.error.userMessage + action);
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
      }
    }
    if (state.kind !== 'noKey') this.appendBudget(state.kind !== 'error' && state.kind !== 'retrying');
    const completion = this.shownCompletion();
    this.appendCompletion(completion);
    this.item.accessibilityInformation = {
      label: `SambaNova: ${this.item.text.replace(/\$\([^)]*\)\s*/g, '')}${completion ? `; ${completion.label}` : ''}`,
    };
    this.item.show();
  }

  /** The budget of the model in use: always in the tooltip; in the text, in words, when a limit is near. */
  private appendBudget(mayWarn: boolean): void {
    const budget = this.services.rateLimits.budget(this.modelInUse ?? this.services.config.get().model);
    this.appendTooltip(`**Requests and tokens: ${budget.model}**`, budgetLines(budget));
    const warning = budgetWarning(budget);
    if (warning && mayWarn) {
      this.item.text += ` · $(warning) ${warning}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    this.scheduleBudgetRefresh(budget);
  }

  private scheduleBudgetRefresh(budget: Budget): void {
    if (this.budgetTimer) clearTimeout(this.budgetTimer);
    this.budgetTimer = undefined;
    const w = budget.tight === 'day' ? budget.day : budget.minute;
    if (budget.level !== 'near' && budget.level !== 'out') return;
    // Reset times further away are re-read at the next request or at least once a minute.
    const wait = Math.min(60_000, Math.max(1000, (w?.resetsInMs ?? 60_000) + 250));
    this.budgetTimer = setTimeout(() => this.render(), wait);
  }

  private appendTooltip(heading: string, lines: string[]): void {
    const tip = this.item.tooltip;
    if (tip instanceof vscode.MarkdownString) {
      tip.appendMarkdown(`\n\n${heading}\n\n`);
      for (const line of lines) tip.appendMarkdown('- ').appendText(line).appendMarkdown('\n');
    } else {
      this.item.tooltip = `${tip ?? ''}${tip ? '\n\n' : ''}${heading.replace(/\*\*/g, '')}\n${lines.join('\n')}`;
    }
  }

  /** Without any key a failed completion is expected: the main item already says "Set API Key". */
  private shownCompletion(): CompletionStatus | undefined {
    return this.completion?.failed && !this.hasKey ? undefined : this.completion;
  }

  /** Completion's words go after the figures (text only when they need attention) and into the tooltip. */
  private appendCompletion(c: CompletionStatus | undefined): void {
    if (!c) return;
    if (c.text) this.item.text += ` · ${c.text}`;
    const tip = this.item.tooltip;
    if (tip instanceof vscode.MarkdownString) tip.appendMarkdown('\n\n').appendText(c.tooltip);
    else this.item.tooltip = `${tip ?? ''}${tip ? '\n\n' : ''}${c.tooltip}`;
  }

  /** Re-renders once a second while a retry countdown is showing. */
  private tickWhileRetrying(): void {
    if (this.retryTimer) return;
    this.retryTimer = setInterval(() => {
      const waiting = [...this.inFlight.values()].some((r) => r.retryUntil !== undefined && r.retryUntil > Date.now());
      if (!waiting) {
        clearInterval(this.retryTimer);
        this.retryTimer = undefined;
      }
      this.render();
    }, 1000);
  }

  private readyTooltip(): string {
    let host = '';
    try {
      host = this.services.client.endpoints().host;
    } catch {
      host = 'an invalid base URL (see settings)';
    }
    return `SambaNova is ready (${this.services.config.get().model} on ${host}).`;
  }

  dispose(): void {
    this.disposed = true;
    if (this.retryTimer) clearInterval(this.retryTimer);
    if (this.budgetTimer) clearTimeout(this.budgetTimer);
    for (const d of this.disposables) d.dispose();
  }
}

function shortError(error: SambaNovaError): string {
  switch (error.kind) {
    case 'auth':
      return 'key rejected';
    case 'billing':
      return 'billing';
    case 'modelNotFound':
      return 'model unavailable';
    case 'contextTooLong':
      return 'too long';
    case 'rateLimited':
      return 'rate limited';
    case 'timeout':
    case 'stalled':
      return 'timed out';
    case 'network':
      return 'offline';
    case 'server':
      return 'server error';
    default:
      return 'error';
  }
}

function metricsTooltip(m: RequestMetrics): vscode.MarkdownString {
  const md = new vscode.MarkdownString('**SambaNova: last request**\n\n| | |\n|---|---|\n');
  for (const [label, value] of metricsRows(m)) md.appendMarkdown(`| ${label} | ${escapeCell(value)} |\n`);
  return md;
}

function escapeCell(value: string): string {
  return value.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`);
}
