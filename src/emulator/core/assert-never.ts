/** The end of every exhaustive switch: a new variant that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}
