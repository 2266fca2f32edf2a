// Public entry of the fake SambaNova server for tests, benchmarks and the CLI.
export { startFakeSambaNova } from './server';
export type { FakeSambaNova, FakeSambaNovaOptions, RecordedRequest, ScenarioSpec } from './server';
export { presets, resolveScenario, defaultScenario } from './scenarios';
export type { Scenario, FaultKind } from './scenarios';
export { defaultModels } from './models';
export type { FakeModel } from './models';
export { tokenize, generateAnswerTokens } from './content';
export { SourceIndex } from './sourceIndex';
export { RateLimiter } from './rateLimit';
export { answerCompletion, applyStop, artefactNames } from './completionAnswer';
export type { Artefact, CompletionAnswer } from './completionAnswer';
export { TABBY_MODEL, TABBY_MAX_TOKENS } from './tabby';
