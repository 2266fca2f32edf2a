// The layer rule in eslint.config.mjs must bite: a file placed in one layer that imports a layer it
// may not see is a lint error, and the allowed directions stay clean. Lints in-memory text with the
// project's own config (type-aware rules off: the probe files are not in the TypeScript project).
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../..');

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint: layers', function () {
  this.timeout(30_000);

  it('refuses core importing host, shared or webview', async () => {
    const host = await restrictedImports('src/core/chat/probe.ts', "import { hostLog } from '../../host/log';\nexport const x = hostLog;\n");
    assert.equal(host.length, 1);
    assert.match(host[0], /src\/core must not import/);
    assert.equal((await restrictedImports('src/core/probe.ts', "export type { MetricsView } from '../shared/protocol';\n")).length, 1);
    assert.equal((await restrictedImports('src/core/client/probe.ts', "import '../../webview/main';\n")).length, 1);
  });

  it('refuses host importing webview, and webview or shared importing core or host', async () => {
    assert.equal((await restrictedImports('src/host/lm/probe.ts', "import '../../webview/markdown';\n")).length, 1);
    assert.equal((await restrictedImports('src/webview/probe.ts', "import '../core/logger';\n")).length, 1);
    assert.equal((await restrictedImports('src/webview/probe.ts', "import '../host/log';\n")).length, 1);
    assert.equal((await restrictedImports('src/shared/probe.ts', "import '../core/logger';\n")).length, 1);
    assert.equal((await restrictedImports('src/shared/probe.ts', "import 'vscode';\n")).length, 1);
  });

  it('allows the inward directions and packages whose paths say core', async () => {
    assert.deepEqual(await restrictedImports('src/host/lm/probe.ts', "import '../../core/logger';\nimport '../../shared/protocol';\nimport 'vscode';\n"), []);
    assert.deepEqual(await restrictedImports('src/webview/probe.ts', "import '../shared/protocol';\nimport 'highlight.js/lib/core';\n"), []);
    assert.deepEqual(await restrictedImports('src/core/chat/probe.ts', "import '../client/types';\nimport '../zodLocale';\n"), []);
  });
});
