// What every end-to-end spec gets: its own fresh VS Code with the packaged extension installed, a
// browser page on its workbench, the local SambaNova, and the step runner.
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import type { FakeSambaNova } from './fakeSambaNova';
import type { StepRunner } from './steps';

export interface E2EContext {
  readonly page: Page;
  readonly cs: CodeServer;
  readonly fake: FakeSambaNova;
  readonly steps: StepRunner;
  /** This spec's folder: its VS Code's state and logs. */
  readonly dir: string;
  /** The key typed into "Set API Key"; recognisable, so finding it anywhere is a leak. */
  readonly apiKey: string;
  /** Scratch space for the steps of one spec (e.g. "the key is set"); each spec gets a new one. */
  readonly state: Record<string, unknown>;
}

/** A spec is a named async function that runs steps; specs run in order, each in a fresh workbench. */
export interface E2ESpec {
  name: string;
  run(ctx: E2EContext): Promise<void>;
}
