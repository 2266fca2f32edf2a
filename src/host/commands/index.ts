// Every command the extension contributes outside the chat, registered from one table.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { StatusBar } from '../statusBar';
import { allowKeyHost, clearApiKey, setApiKey } from './apiKey';
import { showEndpoint, showLastRequest } from './info';
import { selectModel } from './selectModel';

export function registerCommands(services: Services, statusBar: StatusBar): vscode.Disposable {
  const table: Record<string, (...args: unknown[]) => unknown> = {
    'sambanova.setApiKey': () => setApiKey(services),
    'sambanova.clearApiKey': () => clearApiKey(services),
    // Not in the palette: the fix-it of a request that needed consent it could not ask for.
    'sambanova.allowKeyHost': () => allowKeyHost(services),
    'sambanova.showLog': () => services.log.show(true),
    'sambanova.showEndpoint': () => showEndpoint(services),
    'sambanova.showLastRequest': () => showLastRequest(statusBar),
    'sambanova.selectModel': (filter?: unknown) => selectModel(services, typeof filter === 'string' ? filter : ''),
  };
  return vscode.Disposable.from(...Object.entries(table).map(([id, run]) => vscode.commands.registerCommand(id, run)));
}
