import type { Writable } from 'node:stream';

/**
 * Resolves once everything written to the stream so far has been handed to the OS: a write's
 * callback runs in order, after every earlier write has been flushed. A stream that is already
 * closed (the reader of a pipe went away) resolves at once.
 */
export function flushed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) return resolve();
    stream.once('error', () => resolve());
    stream.write('', () => resolve());
  });
}
