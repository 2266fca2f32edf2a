// The client's getApiKey: asks the user (one modal naming the origin) before the key goes anywhere
// it was not saved for, or over plain http to another machine. Requests nobody is waiting on get
// a KeyConsentRequiredError instead, whose fix-it ("Allow Key for Host") comes back here.
import * as vscode from 'vscode';
import type { KeyRequest } from '../core/client/api';
import { consentQuestion, KeyConsentRequiredError, type ConsentDecision, type KeyTarget } from '../core/client/keyConsent';
import type { Logger } from '../core/logger';
import type { ApiKeyStore } from './apiKeyStore';

export type { ConsentDecision };
export type ConsentAnswer = 'allow' | 'enterKey' | 'cancel';

/** Shows the question; replaceable by integration tests (a modal cannot be clicked from there). */
export type ConsentPrompt = (decision: ConsentDecision) => Promise<ConsentAnswer>;
/** Asks for a key for `origin` (the password box); undefined when the user gave up. Replaceable by tests. */
export type KeyPrompt = (origin: string) => Promise<string | undefined>;

const ALLOW = 'Allow';
const CLEARTEXT = 'Send in Clear Text';
const ENTER_KEY = 'Enter another key';
const KEY_PAGE = 'https://cloud.sambanova.ai/apis';

export const modalPrompt: ConsentPrompt = async (decision) => {
  const { message, detail } = consentQuestion(decision);
  const buttons = decision.kind === 'askCleartext' ? [CLEARTEXT] : [ALLOW, ENTER_KEY];
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  if (choice === ALLOW || choice === CLEARTEXT) return 'allow';
  if (choice === ENTER_KEY) return 'enterKey';
  return 'cancel';
};

export const passwordBox: KeyPrompt = async (origin) =>
  vscode.window.showInputBox({
    title: 'SambaNova: Set API Key',
    prompt: `Paste your SambaNova API key. It is kept in VS Code's secret storage and sent only to ${origin}. Get one at ${KEY_PAGE}.`,
    placeHolder: 'API key',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'The key cannot be empty.' : /\s/.test(value.trim()) ? 'An API key has no spaces in it.' : undefined),
  });

export class KeyGate {
  /** The question shown to the user. Tests swap it through the test hooks. */
  prompt: ConsentPrompt = modalPrompt;
  /** The password box of "Set API Key". Tests swap it through the test hooks. */
  keyPrompt: KeyPrompt = passwordBox;
  /** One question per origin at a time: the chat and its model list must not stack two modals. */
  private readonly asking = new Map<string, Promise<ConsentAnswer>>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: Logger,
    /** Runs "Set API Key" for a target; resolves with the saved key, or undefined if the user gave up. */
    private readonly enterKey: (target: KeyTarget) => Promise<string | undefined>,
  ) {}

  /** ClientDeps.getApiKey. */
  async getApiKey(request: KeyRequest): Promise<string | undefined> {
    const target: KeyTarget = { host: request.host, cleartext: request.cleartext };
    // A yes can lead to the next question (clear text first, then the other origin's key).
    for (let round = 0; round < 3; round++) {
      const decision = await this.keys.decide(target);
      if (decision.kind === 'none' || decision.kind === 'stored' || decision.kind === 'environment') {
        return this.keys.keyOf(decision);
      }
      if (!request.interactive) throw new KeyConsentRequiredError(decision);
      const answer = await this.ask(decision);
      if (answer === 'cancel') throw new KeyConsentRequiredError(decision);
      if (answer === 'enterKey') {
        // The key is entered for the very target this request goes to (not whatever the
        // settings say by the time the box closes).
        const key = await this.enterKey(target);
        if (!key) throw new KeyConsentRequiredError(decision);
        if (decision.kind !== 'askCleartext') return key;
      } else {
        await this.record(decision);
      }
    }
    throw new KeyConsentRequiredError((await this.keys.decide(target)) as ConsentDecision);
  }

  /**
   * The "Allow Key for Host" fix-it: asks about the configured origin now. Returns whether a key
   * may now be sent there.
   */
  async approve(target: KeyTarget | undefined): Promise<boolean> {
    if (!target) return false;
    try {
      return (await this.getApiKey({ ...target, interactive: true, source: 'command' })) !== undefined;
    } catch (error) {
      if (error instanceof KeyConsentRequiredError) return false;
      throw error;
    }
  }

  /**
   * Before a key the user just typed is checked against an http:// origin on another machine.
   * Returns false when the user declined.
   */
  async confirmCleartext(target: KeyTarget): Promise<boolean> {
    const decision = await this.keys.decide(target);
    if (decision.kind !== 'askCleartext') return true;
    if ((await this.ask(decision)) !== 'allow') return false;
    await this.record(decision);
    return true;
  }

  private ask(decision: ConsentDecision): Promise<ConsentAnswer> {
    const id = `${decision.kind} ${decision.origin}`;
    let pending = this.asking.get(id);
    if (!pending) {
      pending = this.prompt(decision).finally(() => this.asking.delete(id));
      this.asking.set(id, pending);
    }
    return pending;
  }

  private async record(decision: ConsentDecision): Promise<void> {
    switch (decision.kind) {
      case 'askCleartext':
        await this.keys.allowCleartext(decision.origin);
        this.log.info(`The user allowed sending the API key to ${decision.origin} over plain http.`);
        return;
      case 'askOtherHost':
        await this.keys.allowHost(decision.origin, decision.keyOrigin);
        this.log.info(`The user allowed the key saved for ${decision.keyOrigin} to be sent to ${decision.origin}.`);
        return;
      case 'askEnvironment':
        await this.keys.allowEnvironmentKey(decision.origin);
        this.log.info(`The user allowed SAMBANOVA_API_KEY to be sent to ${decision.origin}.`);
        return;
    }
  }
}

