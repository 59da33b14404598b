/** Colour is injected into renderers, never imported by them: NO_COLOR and pipes get the identity palette. */
export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  /** Replacements (Terraform prints `-/+` in a colour of its own). */
  magenta(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const ANSI: Palette = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  magenta: wrap(35, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};

const id = (s: string) => s;
export const PLAIN: Palette = { red: id, yellow: id, green: id, magenta: id, dim: id, bold: id };
