// The webview's only door to the extension host. Outgoing messages are checked against the shared
// schema before they leave (a bug here should fail loudly in the console, not confuse the host);
// incoming ones are validated by the caller with HostMessageSchema.
import { WebviewMessageSchema, type WebviewMessage } from '../shared/protocol';

/** What this webview remembers across reloads of itself (vscode.setState). */
export interface PersistedViewState {
  draft?: string;
  chatId?: string;
  scrollTop?: number;
  /** True when the user had scrolled away from the bottom. */
  scrolledUp?: boolean;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export class HostBridge {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  private state: PersistedViewState;

  constructor() {
    const saved = this.api.getState();
    this.state = saved && typeof saved === 'object' ? (saved as PersistedViewState) : {};
  }

  post(message: WebviewMessage): void {
    const checked = WebviewMessageSchema.safeParse(message);
    if (!checked.success) {
      console.error('SambaNova chat: refusing to send an invalid message', checked.error.issues);
      return;
    }
    this.api.postMessage(checked.data);
  }

  get persisted(): PersistedViewState {
    return this.state;
  }

  persist(patch: PersistedViewState): void {
    this.state = { ...this.state, ...patch };
    this.api.setState(this.state);
  }
}
