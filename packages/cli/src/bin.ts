#!/usr/bin/env node
import { DataError } from '@mirkit/core';
import { EXIT } from './output.js';
import { runCli } from './run-cli.js';

const controller = new AbortController();
process.on('SIGINT', () => {
  // First Ctrl-C: abort the running command so it can clean up; second: leave at once.
  if (controller.signal.aborted) process.exit(EXIT.aborted);
  controller.abort(new DataError('ERR_ABORTED', 'Interrupted (SIGINT)'));
});
// `mirkit plugins | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw error;
});

void runCli(process.argv.slice(2), { signal: controller.signal }).then((status) => {
  process.exitCode = status;
});
