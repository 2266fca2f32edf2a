// Entry point of the chat webview bundle (dist/webview.js). Every message from the host is
// validated against the shared protocol; anything else is dropped.
import './zodSetup';
import { HostMessageSchema } from '../shared/protocol';
import { ChatApp } from './app';
import { HostBridge } from './hostBridge';

const bridge = new HostBridge();
const app = new ChatApp(document.getElementById('app') ?? document.body, bridge);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = HostMessageSchema.safeParse(event.data);
  if (!parsed.success) {
    console.warn('SambaNova chat: ignored a message that does not match the protocol', parsed.error.issues[0]);
    return;
  }
  app.handle(parsed.data);
});

bridge.post({ type: 'ready' });
