#!/usr/bin/env node
import { runCli } from './cli/program.js';
import { scan } from './scan.js';

// A reader that closes the pipe early (`pim-migrate scan | head`) is not an error of the tool.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// exitCode instead of process.exit(), so a long report piped to stdout is flushed first.
process.exitCode = await runCli(process.argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  scan,
});
