import assert from 'node:assert/strict';
import { LazyFeature } from '../../../src/host/lazyFeature';

class Part {
  disposed = false;
  dispose(): void {
    this.disposed = true;
  }
}

describe('LazyFeature', () => {
  it('loads once, on the first get(), and is `loaded` only after', async () => {
    let loads = 0;
    const feature = new LazyFeature(async () => (loads++, new Part()));
    assert.equal(loads, 0, 'nothing loads before it is asked for');
    assert.equal(feature.loaded, undefined);
    const [a, b] = await Promise.all([feature.get(), feature.get()]);
    assert.equal(a, b);
    assert.equal(loads, 1);
    assert.equal(feature.loaded, a);
    feature.dispose();
    assert.equal(a.disposed, true);
    assert.equal(feature.loaded, undefined);
  });

  it('disposes what finishes loading after the feature was disposed', async () => {
    let release!: () => void;
    const feature = new LazyFeature(() => new Promise<Part>((resolve) => (release = () => resolve(new Part()))));
    const loading = feature.get();
    feature.dispose();
    release();
    assert.equal((await loading).disposed, true);
    assert.equal(feature.loaded, undefined);
  });
});
