// Bench only (bench/activation.ts installs it beside the .vsix; it is never shipped). VS Code's
// extension host marks every extension's code loading and activate() call with performance marks
// (code/extHost/willLoadExtensionCode/<id>, didLoadExtensionCode, willActivateExtension,
// didActivateExtension) but sends them to the workbench before onStartupFinished extensions
// run, so the workbench never sees ours. This probe runs in the same extension host and reads them
// where VS Code keeps them (globalThis.MonacoPerformanceMarks), once the target extension has
// activated, and appends them as one JSON line to SAMBANOVA_BENCH_MARKS_FILE.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS, installed without a build
const fs = require('node:fs');

exports.activate = function activate() {
  const file = process.env.SAMBANOVA_BENCH_MARKS_FILE;
  const target = process.env.SAMBANOVA_BENCH_MARKS_FOR;
  if (!file || !target) return;
  const started = Date.now();
  const timer = setInterval(() => {
    const marks = globalThis.MonacoPerformanceMarks?.getMarks?.() ?? [];
    const done = marks.some((m) => m.name === `code/extHost/didActivateExtension/${target}`);
    if (!done && Date.now() - started < 60_000) return;
    clearInterval(timer);
    // A moment more, so peers activated in the same batch have their closing marks too.
    setTimeout(() => {
      const all = globalThis.MonacoPerformanceMarks?.getMarks?.() ?? [];
      fs.appendFileSync(file, JSON.stringify({ pid: process.pid, marks: all.filter((m) => m.name.startsWith('code/extHost/')) }) + '\n');
    }, done ? 1000 : 0);
  }, 50);
};

exports.deactivate = function deactivate() {};
