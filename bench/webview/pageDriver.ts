// Browser side of the chat render benchmark, loaded into the test page before the webview bundle.
// It times every requestAnimationFrame callback (that is where the webview renders), counts
// frames, streams host messages on a clock, and holds the baseline: the same markdown, sanitize
// and highlight code, but re-rendering the whole message on every chunk (or every frame).
import type { HostMessage } from '../../src/shared/protocol';
import { renderBlock } from '../../src/webview/streamingMarkdown';

interface Sample {
  at: number;
  ms: number;
}

const realRaf = window.requestAnimationFrame.bind(window);
let recording = false;
const renderCosts: Sample[] = [];
window.requestAnimationFrame = (callback: FrameRequestCallback): number =>
  realRaf((time) => {
    const started = performance.now();
    callback(time);
    if (recording) renderCosts.push({ at: started, ms: performance.now() - started });
  });

let longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: false });

export interface StreamFigures {
  durationMs: number;
  frames: number;
  fps: number;
  updates: number;
  /** Longest single piece of main-thread work we measured (render callback or message handler). */
  longestWorkMs: number;
  /** Longest task Chromium reported (only tasks >= 50 ms are reported). */
  longestTaskMs: number;
  longTasks: number;
  /** Median render cost per update in the first fifth of the stream. */
  medianCostEarlyMs: number;
  /** ... and in the last fifth, when the message is ~20 KB long. */
  medianCostLateMs: number;
  medianCostMs: number;
  totalRenderMs: number;
}

type Renderer = 'incremental' | 'baselinePerChunk' | 'baselinePerFrame';

function dispatch(message: HostMessage): void {
  window.dispatchEvent(new MessageEvent('message', { data: message }));
}

/** Median: on a shared machine a preempted frame should not decide the figure. */
function median(samples: Sample[]): number {
  if (samples.length === 0) return 0;
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function stream(renderer: Renderer, answer: string, charsPerSecond: number, charsPerDelta: number): Promise<StreamFigures> {
  const messageId = `bench-${renderer}`;
  let container: HTMLElement | undefined;
  let full = '';
  let frameScheduled = false;
  const baselineCosts: Sample[] = [];
  const renderFull = () => {
    const started = performance.now();
    container!.replaceChildren(renderBlock(full, true));
    const list = document.querySelector('.transcript');
    if (list) list.scrollTop = list.scrollHeight;
    baselineCosts.push({ at: started, ms: performance.now() - started });
  };
  // The question the answer is for, in both variants: a chat with no message shows its
  // suggestions instead of the transcript, and the baseline would then render into a hidden
  // element and skip layout (it did, from the empty-chat view's arrival until this line).
  dispatch({ type: 'messageAdded', message: { id: `${messageId}-question`, role: 'user', text: 'Explain this code.', status: 'done' } });
  if (renderer === 'incremental') {
    dispatch({ type: 'messageAdded', message: { id: messageId, role: 'assistant', text: '', status: 'streaming' } });
  } else {
    // The baseline renders into a message element of the same page, styled the same way.
    container = document.createElement('div');
    container.className = 'markdown';
    const article = document.createElement('article');
    article.className = 'message assistant';
    article.append(container);
    document.querySelector('.transcript')!.append(article);
    if (container.offsetParent === null) throw new Error('The baseline would render into a hidden element (no layout): not like for like.');
  }

  renderCosts.length = 0;
  longTasks = [];
  let frames = 0;
  let counting = true;
  const countFrame = () => {
    frames++;
    if (counting) realRaf(countFrame);
  };
  realRaf(countFrame);
  recording = true;
  let longestHandler = 0;
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(answer.length, Math.floor(((performance.now() - started) / 1000) * charsPerSecond));
      const handlerStarted = performance.now();
      while (sent < due) {
        const piece = answer.slice(sent, Math.min(due, sent + charsPerDelta));
        sent += piece.length;
        if (renderer === 'incremental') dispatch({ type: 'delta', messageId, text: piece });
        else {
          full += piece;
          if (renderer === 'baselinePerChunk') renderFull();
          else if (!frameScheduled) {
            frameScheduled = true;
            realRaf(() => {
              frameScheduled = false;
              renderFull();
            });
          }
        }
      }
      longestHandler = Math.max(longestHandler, performance.now() - handlerStarted);
      if (sent < answer.length) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  // Let the last frame render.
  await new Promise((r) => realRaf(() => realRaf(r)));
  recording = false;
  counting = false;
  const durationMs = performance.now() - started;
  if (renderer === 'incremental') dispatch({ type: 'messageUpdated', message: { id: messageId, role: 'assistant', text: answer, status: 'done' } });

  const costs = renderer === 'incremental' ? renderCosts.slice() : baselineCosts;
  const fifth = durationMs / 5;
  const early = costs.filter((s) => s.at - started < fifth);
  const late = costs.filter((s) => s.at - started >= durationMs - fifth);
  const longestRender = costs.reduce((max, s) => Math.max(max, s.ms), 0);
  return {
    durationMs,
    frames,
    fps: (frames / durationMs) * 1000,
    updates: costs.length,
    longestWorkMs: Math.max(longestRender, renderer === 'baselinePerChunk' ? 0 : longestHandler),
    longestTaskMs: longTasks.reduce((max, d) => Math.max(max, d), 0),
    longTasks: longTasks.length,
    medianCostEarlyMs: median(early),
    medianCostLateMs: median(late),
    medianCostMs: median(costs),
    totalRenderMs: costs.reduce((sum, s) => sum + s.ms, 0),
  };
}

function resetChat(messages: unknown[] = []): void {
  dispatch({
    type: 'state',
    chat: { chatId: `bench-${Math.random()}`, title: 'Bench', messages: messages as never, model: 'm' },
    hasKey: true,
    models: [{ id: 'm', contextLength: 131072 }],
    attachments: [],
    draft: '',
    endpointHost: 'api.sambanova.ai',
    busy: false,
  });
}

export interface ScrollFigures {
  durationMs: number;
  frames: number;
  fps: number;
  /** Longest time between two frames. */
  longestFrameMs: number;
  /** Frames that took longer than 1.5 refresh intervals (25 ms). */
  slowFrames: number;
  scrolledPx: number;
  /** Messages rendered (not parked) when the scroll ended. */
  renderedAtEnd: number;
}

/**
 * Scrolls the transcript from the end to the top like a fast wheel: a wheel event (so the view
 * knows the user is scrolling) and `stepPx` up, once per frame, until the top or `maxMs`.
 */
async function scrollThrough(stepPx: number, maxMs: number): Promise<ScrollFigures> {
  const scroller = document.querySelector<HTMLElement>('.transcript')!;
  await new Promise((r) => realRaf(() => realRaf(r)));
  const startTop = scroller.scrollTop;
  let frames = 0;
  let longest = 0;
  let slow = 0;
  const started = performance.now();
  let last = started;
  return new Promise((resolve) => {
    const frame = (now: number) => {
      frames++;
      const gap = now - last;
      longest = Math.max(longest, gap);
      if (gap > 25) slow++;
      last = now;
      if (scroller.scrollTop <= 0 || now - started > maxMs) {
        const durationMs = now - started;
        resolve({
          durationMs,
          frames,
          fps: (frames / durationMs) * 1000,
          longestFrameMs: longest,
          slowFrames: slow,
          scrolledPx: startTop - scroller.scrollTop,
          renderedAtEnd: document.querySelectorAll('#app [data-role]:not(.parked)').length,
        });
        return;
      }
      scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -stepPx, bubbles: true }));
      scroller.scrollTop -= stepPx;
      realRaf(frame);
    };
    realRaf(frame);
  });
}

(window as unknown as { __bench: unknown }).__bench = {
  scrollThrough,
  stream: (renderer: Renderer, answer: string, charsPerSecond: number, charsPerDelta: number) => {
    resetChat();
    return stream(renderer, answer, charsPerSecond, charsPerDelta);
  },
  loadMessages: (messages: unknown[]) => {
    resetChat(messages);
    return document.querySelectorAll('#app [data-role]').length;
  },
  clear: () => resetChat(),
};
