// The host's end of the line to the chat page. Everything the chat posts goes through here; it is
// built first, so the parts that post (controller, history) are complete before any page exists.
// Messages posted while no page is showing are dropped: a page asks for the full state on load.
import * as vscode from 'vscode';
import type { HostMessage } from '../../shared/protocol';
import type { Services } from '../services';

export class ChatViewPort implements vscode.Disposable {
  private webview: vscode.Webview | undefined;
  private readonly posted = new vscode.EventEmitter<HostMessage>();
  /** Every message posted to the page (tests watch this). */
  readonly onDidPost = this.posted.event;

  constructor(private readonly log: Services['log']) {}

  /** Routes posts to this page until the returned disposable runs. */
  attach(webview: vscode.Webview): vscode.Disposable {
    this.webview = webview;
    return new vscode.Disposable(() => {
      if (this.webview === webview) this.webview = undefined;
    });
  }

  /** Bound, so it can be handed around as a plain function. */
  readonly post = (message: HostMessage): void => {
    this.posted.fire(message);
    const webview = this.webview;
    if (!webview) return;
    void webview.postMessage(message).then(undefined, (e: unknown) => {
      this.log.debug(`Chat view did not take a message: ${String(e)}`);
    });
  };

  dispose(): void {
    this.webview = undefined;
    this.posted.dispose();
  }
}
