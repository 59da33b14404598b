import { createInterface } from 'node:readline/promises';
import { SignalError } from '../errors.js';

/** One line from the terminal. */
export async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } catch (err) {
    // On a terminal readline reads Ctrl-C as a key, so no SIGINT is raised: the question rejects with an
    // AbortError ("Aborted with Ctrl+C"), which would otherwise surface as an internal error.
    if ((err as { name?: unknown }).name === 'AbortError') {
      process.stdout.write('\n');
      throw new SignalError('apply cancelled at the approval prompt (Ctrl-C); nothing was changed', 'SIGINT');
    }
    throw err;
  } finally {
    rl.close();
  }
}
