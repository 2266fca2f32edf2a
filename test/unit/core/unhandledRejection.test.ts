// Root-level hooks (outside any describe): every test in the run fails if a promise rejection
// went unhandled during it. A forgotten promise in the client would otherwise only print a warning.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

before(() => {
  process.on('unhandledRejection', onUnhandled);
});

afterEach(async function () {
  // Rejections are reported after a macrotask; give them one before judging the test.
  await new Promise((resolve) => setImmediate(resolve));
  if (unhandled.length > 0) {
    const reasons = unhandled.splice(0).map((r) => (r instanceof Error ? (r.stack ?? r.message) : String(r)));
    throw new Error(`Unhandled promise rejection during "${this.currentTest?.fullTitle()}":\n${reasons.join('\n')}`);
  }
});

after(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('unhandled rejection guard', () => {
  it('sees a rejection nobody handles', async () => {
    const seen = new Promise<unknown>((resolve) => process.once('unhandledRejection', resolve));
    void Promise.reject(new Error('deliberately unhandled'));
    const reason = await seen;
    if (!(reason instanceof Error) || reason.message !== 'deliberately unhandled') throw new Error('guard did not see the rejection');
    unhandled.length = 0; // this one was on purpose
  });
});
