import * as assert from 'node:assert/strict';
import { CLOUD_BASE_URL, isFakeServerUrl, planStart } from '../../../scripts/lib/startPlan';

const fakeLeftover = 'http://127.0.0.1:40123/scenario/default/v1';

describe('npm start: which key and endpoint (planStart)', () => {
  it('a fresh instance without SAMBANOVA_API_KEY runs against the local fake server', () => {
    assert.deepEqual(planStart({ storedKeyHint: false }), { key: 'fake', reason: 'no key' });
  });

  it('a key stored by an earlier run is used, at the real endpoint, not pointed at the fake', () => {
    assert.deepEqual(planStart({ storedKeyHint: true }), { key: 'stored', baseUrl: CLOUD_BASE_URL });
    // The earlier run was a demo run that wrote the fake's URL: that is not where the key goes.
    assert.deepEqual(planStart({ storedKeyHint: true, savedBaseUrl: fakeLeftover }), { key: 'stored', baseUrl: CLOUD_BASE_URL });
  });

  it("keeps the person's own endpoint from the instance's settings", () => {
    const studio = 'https://studio.example.com/openai/v1/proj/ep';
    assert.deepEqual(planStart({ storedKeyHint: true, savedBaseUrl: studio }), { key: 'stored', baseUrl: studio });
    assert.deepEqual(planStart({ envKey: 'k', storedKeyHint: false, savedBaseUrl: studio }), { key: 'environment', baseUrl: studio });
  });

  it('SAMBANOVA_API_KEY wins over the hint, SAMBANOVA_BASE_URL over any saved endpoint', () => {
    assert.deepEqual(planStart({ envKey: ' k ', storedKeyHint: true }), { key: 'environment', baseUrl: CLOUD_BASE_URL });
    assert.deepEqual(planStart({ envKey: 'k', envBaseUrl: 'https://x.example/v1', storedKeyHint: false, savedBaseUrl: 'https://y.example/v1' }), {
      key: 'environment',
      baseUrl: 'https://x.example/v1',
    });
  });

  it('a blank SAMBANOVA_API_KEY is no key', () => {
    assert.deepEqual(planStart({ envKey: '  ', storedKeyHint: false }), { key: 'fake', reason: 'no key' });
  });

  it('START_FAKE=1 / START_SMOKE=1 force the fake server even with keys around', () => {
    assert.deepEqual(planStart({ envKey: 'k', storedKeyHint: true, forceFake: true }), { key: 'fake', reason: 'forced' });
  });

  it('recognises only the fake server URLs npm start writes', () => {
    assert.equal(isFakeServerUrl(fakeLeftover), true);
    assert.equal(isFakeServerUrl('http://127.0.0.1:8000/v1'), false); // a local server the person runs
    assert.equal(isFakeServerUrl(CLOUD_BASE_URL), false);
  });
});
