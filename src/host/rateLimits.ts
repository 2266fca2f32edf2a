// Feeds the one RateLimitTracker from every request the shared client makes (chat panel,
// VS Code's chat, @sambanova, editor commands, inline completion) and keeps today's token tally
// across window reloads in globalState. Nothing here sends a request.
import type * as vscode from 'vscode';
import type { SambaNovaApi } from '../core/client/api';
import { RateLimitTracker, type TokenTally } from '../core/client/rateLimits';

const TALLY_KEY = 'sambanova.tokensToday';

export function trackRateLimits(client: SambaNovaApi, state: vscode.Memento): { tracker: RateLimitTracker; dispose(): void } {
  const tracker = new RateLimitTracker(Date.now, state.get<TokenTally>(TALLY_KEY));
  // Usage is keyed by the model the request named (the server may answer with a longer id).
  const models = new Map<number, string>();
  const sub = client.onDidActivity((e) => {
    switch (e.kind) {
      case 'start':
        models.set(e.id, e.model);
        return;
      case 'rateLimits':
        tracker.noteHeaders(e.model, e.headers);
        return;
      case 'end':
      case 'error':
      case 'cancelled': {
        const model = models.get(e.id);
        models.delete(e.id);
        const m = e.metrics;
        if (!model || !m || (m.completionTokens === 0 && !m.promptTokens)) return;
        tracker.noteUsage(model, m.promptTokens ?? 0, m.completionTokens);
        void state.update(TALLY_KEY, tracker.savedTally());
        return;
      }
    }
  });
  return { tracker, dispose: () => sub.dispose() };
}
