// The reusable pieces for tests that drive a real VS Code (code-server) in headless Chromium.
// Import from here in new specs under test/e2e/:
//
//   const cs = await startCodeServer({ dir, installVsix: [vsix], settings: { 'sambanova.baseUrl': fake.baseUrl } });
//   const page = await (await launchBrowser()).newPage();
//   await openWorkbench(page, workbenchUrl(cs));
//   await runCommand(page, 'SambaNova: Set API Key');
//   await chatFrame(page).locator('textarea').fill('hi');
//
// See test/e2e/specs/firstRun.ts for a whole scenario and test/e2e/run.ts for how specs are run.
export * from './lib/paths';
export * from './lib/processes';
export * from './lib/codeServer';
export * from './lib/fakeSambaNova';
export * from './lib/extensionPackage';
export * from './lib/workbench';
export * from './lib/steps';
export * from './lib/diagnostics';
export * from './lib/context';
