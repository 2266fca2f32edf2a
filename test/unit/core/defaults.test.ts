// The manifest cannot import constants, so it repeats the defaults; this keeps them one value.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BASE_URL, DEFAULT_MODEL } from '../../../src/core/client/endpoints';
import { fixActionLabels } from '../../../src/core/client/errors';
import { FixActionSchema } from '../../../src/shared/protocol';

interface Manifest {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } | Array<{ properties: Record<string, { default?: unknown }> }> };
}

function settingDefault(id: string): unknown {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
  const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
  for (const section of sections) if (id in section.properties) return section.properties[id].default;
  throw new Error(`${id} is not a contributed setting`);
}

describe('defaults and labels have one home', () => {
  it('package.json declares the same default model and base URL as the code', () => {
    assert.equal(settingDefault('sambanova.model'), DEFAULT_MODEL);
    assert.equal(settingDefault('sambanova.baseUrl'), DEFAULT_BASE_URL);
  });

  it('every labelled fix-it action can cross to the webview, which takes its label from the host', () => {
    for (const action of Object.keys(fixActionLabels)) assert.ok(FixActionSchema.safeParse(action).success, action);
    assert.equal(FixActionSchema.safeParse('notAnAction').success, false);
  });
});
