// A tiny step runner for UI scenarios: each step prints PASS/FAIL/SKIP with its time, takes a
// screenshot, and on failure hands over to a diagnostics hook. Later steps still run (a failed
// step usually leaves the UI in a state the next one can survive after Escape).
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

export interface StepRunnerOptions {
  /** Screenshots and diagnostics go here. */
  dir: string;
  page: () => Page | undefined;
  /** Called once per failed step, after its screenshot. */
  onFailure?: (stepName: string, error: Error) => Promise<void>;
  /** Prefix of the summary line, e.g. "e2e" -> "e2e: 3 passed, 0 failed". */
  label: string;
}

export class StepRunner {
  passed = 0;
  failed = 0;
  readonly skipped: string[] = [];
  private index = 0;
  private readonly started = Date.now();

  constructor(private readonly options: StepRunnerOptions) {
    mkdirSync(options.dir, { recursive: true });
  }

  log(message: string): void {
    console.log(`[${((Date.now() - this.started) / 1000).toFixed(1)}s] ${message}`);
  }

  /** A file name for this run's next screenshot. */
  shotPath(name: string): string {
    return path.join(this.options.dir, `${String(++this.index).padStart(2, '0')}-${slug(name)}.png`);
  }

  async screenshot(name: string): Promise<string | undefined> {
    const page = this.options.page();
    if (!page) return undefined;
    const file = this.shotPath(name);
    await page.screenshot({ path: file }).catch(() => undefined);
    return file;
  }

  /** Runs one step; returns whether it passed so dependent steps can skip themselves. */
  async step(name: string, fn: () => Promise<void>): Promise<boolean> {
    const t0 = Date.now();
    try {
      await fn();
      this.passed++;
      await this.screenshot(name);
      this.log(`PASS ${name} (${Date.now() - t0} ms)`);
      return true;
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.failed++;
      this.log(`FAIL ${name} (${Date.now() - t0} ms): ${error.message}`);
      await this.screenshot(`FAIL-${name}`);
      await this.options.onFailure?.(name, error).catch((e: unknown) => this.log(`  (diagnostics failed: ${String(e)})`));
      await this.options.page()?.keyboard.press('Escape').catch(() => undefined);
      return false;
    }
  }

  /** Records a step that could not run, with why; it counts neither as passed nor failed. */
  skip(name: string, reason: string): void {
    this.skipped.push(`${name}: ${reason}`);
    this.log(`SKIP ${name}: ${reason}`);
  }

  /** Prints the summary lines and returns the process exit code. */
  finish(): number {
    if (this.skipped.length) this.log(`${this.skipped.length} skipped:\n  ${this.skipped.join('\n  ')}`);
    console.log(`${this.options.label}: ${this.passed} passed, ${this.failed} failed`);
    return this.failed ? 1 : 0;
  }
}

function slug(name: string): string {
  return name.replace(/[^\w-]+/g, '_').replace(/^_|_$/g, '').slice(0, 80);
}
