import { readSchemaText } from '../../config/load.js';
import { EXIT, type ExitCode } from '../../errors.js';

/** `ses-reconcile schema`: the shipped schema, byte for byte. */
export function runSchema(io: { out: (s: string) => void }): ExitCode {
  io.out(readSchemaText());
  return EXIT.ok;
}
