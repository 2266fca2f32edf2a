// The stand-in playing a tool-calling model for VS Code's Agent mode (issue 16), scenario `agent`.
// A task in the user's words names two files: "AGENT-TASK: copy the phrase from A into B in
// capital letters". The model then behaves like a small agent over whatever tools VS Code sent:
// 1. no tool result yet: it calls the read-file tool on A;
// 2. one result: it finds "phrase: ..." in what the tool returned (not in the prompt, so the
//    second step really depends on the first) and calls the create-file tool on B with it in
//    capitals;
// 3. two results: it says it is done.
// Requests without tools or without the task get the scenario's ordinary answer.

import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface ScriptedCall {
  name: string;
  /** JSON text. */
  arguments: string;
}

/** What the agent request looked like: the sizes issue 16 is about. */
export interface AgentRequestStats {
  tools: number;
  schemaBytes: number;
  largestSchemaBytes: number;
  systemChars: number;
  bodyBytes: number;
}

export interface AgentStep {
  calls?: ScriptedCall[];
  text?: string;
  stats: AgentRequestStats;
}

const TASK = /AGENT-TASK: copy the phrase from (\S+) into (\S+) in capital letters/;
const PHRASE = /phrase: ([^\n"\\]+)/;

type Message = { role?: unknown; content?: unknown };

function text(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'object' && p && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
  return '';
}

function toolNames(body: Record<string, unknown>): string[] {
  const tools = Array.isArray(body.tools) ? (body.tools as Array<{ function?: { name?: unknown } }>) : [];
  return tools.map((t) => (typeof t.function?.name === 'string' ? t.function.name : '')).filter(Boolean);
}

export function agentStats(body: Record<string, unknown>, rawBody: string): AgentRequestStats {
  const tools = Array.isArray(body.tools) ? (body.tools as Array<{ function?: { parameters?: unknown } }>) : [];
  const sizes = tools.map((t) => JSON.stringify(t.function?.parameters ?? {}).length);
  const messages = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
  return {
    tools: tools.length,
    schemaBytes: sizes.reduce((a, b) => a + b, 0),
    largestSchemaBytes: Math.max(0, ...sizes),
    systemChars: messages.filter((m) => m.role === 'system').reduce((n, m) => n + text(m.content).length, 0),
    bodyBytes: Buffer.byteLength(rawBody),
  };
}

export function planAgentStep(body: Record<string, unknown>, rawBody: string): AgentStep | undefined {
  const names = toolNames(body);
  const messages = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
  let taskAt = -1;
  let task: RegExpExecArray | null = null;
  messages.forEach((m, i) => {
    const found = m.role === 'user' ? TASK.exec(text(m.content)) : null;
    if (found) [taskAt, task] = [i, found];
  });
  if (names.length === 0 || !task) return undefined;
  const [, from, to] = task as RegExpExecArray;
  const stats = agentStats(body, rawBody);
  // FAKE_SAMBANOVA_AGENT_DUMP=dir keeps each agent request as sent, to count its tokens with a
  // real tokenizer (the README's cost of a turn).
  const dump = process.env.FAKE_SAMBANOVA_AGENT_DUMP;
  if (dump) writeFileSync(path.join(dump, `agent-request-${Date.now()}.json`), rawBody);
  const results = messages.slice(taskAt + 1).filter((m) => m.role === 'tool');
  const read = names.find((n) => /read_?file/i.test(n));
  const create = names.find((n) => /create_?file/i.test(n));
  if (!read || !create) return { text: `I need tools to read and create files; I was given: ${names.join(', ')}.`, stats };
  if (results.length === 0) {
    return { calls: [{ name: read, arguments: JSON.stringify({ filePath: from, startLine: 1, endLine: 50 }) }], stats };
  }
  if (results.length === 1) {
    const phrase = PHRASE.exec(text(results[0]!.content))?.[1]?.trim();
    if (!phrase) return { text: `The file ${from} holds no phrase.`, stats };
    return { calls: [{ name: create, arguments: JSON.stringify({ filePath: to, content: `${phrase.toUpperCase()}\n` }) }], stats };
  }
  return { text: `Done: ${to} now holds the phrase from ${from} in capital letters.`, stats };
}
