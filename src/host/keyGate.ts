// The client's getApiKey: asks the user (one modal naming the host) before the key goes anywhere
// it was not saved for, or over plain http to another machine. Requests nobody is waiting on get
// a KeyConsentRequiredError instead, whose fix-it ("Allow Key for Host") comes back here.
import * as vscode from 'vscode';
import type { KeyRequest } from '../core/client/api';
import { consentQuestion, KeyConsentRequiredError, normalizeHost, type KeyDecision, type KeyTarget } from '../core/client/keyConsent';
import type { Logger } from '../core/logger';
import type { ApiKeyStore } from './apiKeyStore';

export type ConsentDecision = KeyConsentRequiredError['decision'];
export type ConsentAnswer = 'allow' | 'enterKey' | 'cancel';

/** Shows the question; replaceable by integration tests (a modal cannot be clicked from there). */
export type ConsentPrompt = (decision: ConsentDecision) => Promise<ConsentAnswer>;

const ALLOW = 'Allow';
const CLEARTEXT = 'Send in Clear Text';
const ENTER_KEY = 'Enter another key';

export const modalPrompt: ConsentPrompt = async (decision) => {
  const { message, detail } = consentQuestion(decision);
  const buttons = decision.kind === 'askCleartext' ? [CLEARTEXT] : [ALLOW, ENTER_KEY];
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  if (choice === ALLOW || choice === CLEARTEXT) return 'allow';
  if (choice === ENTER_KEY) return 'enterKey';
  return 'cancel';
};

export class KeyGate {
  /** The question shown to the user. Tests swap it through the test hooks. */
  prompt: ConsentPrompt = modalPrompt;
  /** One question per host at a time: the chat and its model list must not stack two modals. */
  private readonly asking = new Map<string, Promise<ConsentAnswer>>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: Logger,
    /** Runs "Set API Key" for a host; resolves with the saved key, or undefined if the user gave up. */
    private readonly enterKey: (host: string) => Promise<string | undefined>,
  ) {}

  /** ClientDeps.getApiKey. */
  async getApiKey(request: KeyRequest): Promise<string | undefined> {
    const target: KeyTarget = { host: request.host, cleartext: request.cleartext };
    // A yes can lead to the next question (clear text first, then the other host's key).
    for (let round = 0; round < 3; round++) {
      const decision = await this.keys.decide(target);
      if (decision.kind === 'none' || decision.kind === 'stored' || decision.kind === 'environment') {
        return this.keys.keyOf(decision);
      }
      if (!request.interactive) throw new KeyConsentRequiredError(decision);
      const answer = await this.ask(decision);
      if (answer === 'cancel') throw new KeyConsentRequiredError(decision);
      if (answer === 'enterKey') {
        const key = await this.enterKey(decision.host);
        if (!key) throw new KeyConsentRequiredError(decision);
        if (decision.kind !== 'askCleartext') return key;
      } else {
        await this.record(decision);
      }
    }
    throw new KeyConsentRequiredError((await this.keys.decide(target)) as ConsentDecision);
  }

  /**
   * The "Allow Key for Host" fix-it: asks about the configured host now. Returns whether a key
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
   * Before a key the user just typed is checked against an http:// host on another machine.
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
    const id = `${decision.kind} ${normalizeHost(decision.host)}`;
    let pending = this.asking.get(id);
    if (!pending) {
      pending = this.prompt(decision).finally(() => this.asking.delete(id));
      this.asking.set(id, pending);
    }
    return pending;
  }

  private async record(decision: Exclude<KeyDecision, { kind: 'stored' | 'environment' | 'none' }>): Promise<void> {
    switch (decision.kind) {
      case 'askCleartext':
        await this.keys.allowCleartext(decision.host);
        this.log.info(`The user allowed sending the API key to ${decision.host} over plain http.`);
        return;
      case 'askOtherHost':
        await this.keys.allowHost(decision.host, decision.keyHost);
        this.log.info(`The user allowed the key saved for ${decision.keyHost} to be sent to ${decision.host}.`);
        return;
      case 'askEnvironment':
        await this.keys.allowEnvironmentKey(decision.host);
        this.log.info(`The user allowed SAMBANOVA_API_KEY to be sent to ${decision.host}.`);
        return;
    }
  }
}
