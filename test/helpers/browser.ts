/**
 * Markdown in a real browser: the plan's pull-request comment rendered as GitHub renders it (closely
 * enough: GitHub-flavoured Markdown with raw HTML such as <details> passed through, GitHub alerts), put in
 * a page, and loaded by Debian's headless Chromium.
 *
 * The page carries an inline script that inspects the DOM once it is parsed and writes what it found as
 * JSON into <pre id="facts">; `--dump-dom` returns the DOM after the script ran, so the test reads the
 * browser's own view of the page (what is a <details>, what is hidden, what has a height) without a
 * WebDriver or DevTools client.
 *
 * Chromium runs as an asynchronous child process: the emulator the CLI talks to lives in the test's own
 * process, so a synchronous child call would stop it.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';

/** Debian's package `chromium`; SES_RECONCILE_CHROMIUM names another binary. */
export const CHROMIUM = process.env.SES_RECONCILE_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return undefined;
  } catch {
    return `headless Chromium is needed and ${CHROMIUM} is not there: install Debian's \`chromium\` package (apt-get install chromium), or set SES_RECONCILE_SKIP_BROWSER=1 to skip this test`;
  }
}

const ALERT = /^<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/;

/**
 * GitHub-flavoured Markdown to HTML: tables, fences, raw HTML blocks, and GitHub's alerts
 * (`> [!CAUTION]`) as GitHub writes them: <div class="markdown-alert markdown-alert-caution">.
 */
export function markdownToHtml(markdown: string): string {
  const marked = new Marked({
    gfm: true,
    renderer: {
      blockquote({ tokens }: Tokens.Blockquote): string {
        const inner = this.parser.parse(tokens);
        const m = ALERT.exec(inner);
        if (!m) return `<blockquote>\n${inner}</blockquote>\n`;
        const kind = (m[1] as string).toLowerCase();
        const title = `${kind[0]?.toUpperCase()}${kind.slice(1)}`;
        const body = `<p>${inner.slice(m[0].length)}`.replace(/^<p><\/p>\n?/, '');
        return `<div class="markdown-alert markdown-alert-${kind}"><p class="markdown-alert-title">${title}</p>\n${body}</div>\n`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}

/** What the page's script found (FACTS_SCRIPT below writes it). */
export interface PageFacts {
  readonly error?: string;
  readonly details: readonly {
    /** The first element child is a <summary>: the browser shows it as the section's line. */
    readonly summaryFirst: boolean;
    readonly summary: string;
    readonly openByDefault: boolean;
    /** <pre><code> blocks inside, and those marked as ```diff. */
    readonly codeBlocks: number;
    readonly diffBlocks: number;
    /** While the section is closed, its summary is visible… */
    readonly summaryVisible: boolean;
    /**
     * …and none of its code blocks is (checkVisibility(): Chromium lays out a closed section's content
     * under content-visibility: hidden, so offsetHeight alone does not tell).
     */
    readonly hiddenWhileClosed: boolean;
    /** After `open = true`, every code block is visible and has a height. */
    readonly visibleWhenOpen: boolean;
    readonly text: string;
  }[];
  readonly tables: readonly {
    readonly headers: readonly string[];
    readonly rows: readonly (readonly string[])[];
    /** The table comes before the first <details> in the page. */
    readonly beforeDetails: boolean;
  }[];
  readonly alerts: readonly { readonly kind: string; readonly text: string }[];
  /** The rendered comment's text (the facts themselves are outside it). */
  readonly text: string;
  /** The page's height with every section open, for the screenshot. */
  readonly openHeight: number;
}

/** Runs in the page after the comment is parsed; plain JavaScript (the test's TypeScript has no DOM types). */
const FACTS_SCRIPT = `
(() => {
  const out = document.getElementById('facts');
  try {
    const text = (el) => (el ? el.textContent || '' : '').replace(/\\s+/g, ' ').trim();
    const comment = document.getElementById('comment');
    const details = [...comment.querySelectorAll('details')];
    const pres = (d) => [...d.querySelectorAll('pre')];
    const facts = {
      details: details.map((d) => {
        const first = d.firstElementChild;
        return {
          summaryFirst: first !== null && first.tagName === 'SUMMARY',
          summary: text(first && first.tagName === 'SUMMARY' ? first : null),
          openByDefault: d.open,
          codeBlocks: d.querySelectorAll('pre > code').length,
          diffBlocks: d.querySelectorAll('pre > code.language-diff').length,
          summaryVisible: first !== null && first.checkVisibility(),
          hiddenWhileClosed: pres(d).every((p) => !p.checkVisibility()),
          visibleWhenOpen: false,
          text: text(d),
        };
      }),
      tables: [...comment.querySelectorAll('table')].map((t) => ({
        headers: [...t.querySelectorAll('thead th')].map(text),
        rows: [...t.querySelectorAll('tbody tr')].map((r) => [...r.cells].map(text)),
        beforeDetails: details.length === 0 || (t.compareDocumentPosition(details[0]) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
      })),
      alerts: [...comment.querySelectorAll('.markdown-alert')].map((a) => ({
        kind: [...a.classList].find((c) => c.startsWith('markdown-alert-')).slice('markdown-alert-'.length),
        text: text(a),
      })),
      text: text(comment),
      openHeight: 0,
    };
    details.forEach((d, i) => {
      d.open = true;
      const blocks = pres(d);
      facts.details[i].visibleWhenOpen = blocks.length > 0 && blocks.every((p) => p.checkVisibility() && p.offsetHeight > 0);
    });
    facts.openHeight = document.documentElement.scrollHeight;
    out.textContent = JSON.stringify(facts);
  } catch (e) {
    out.textContent = JSON.stringify({ error: String(e && e.stack || e) });
  }
})();
`;

/** Enough of GitHub's comment styles for a readable screenshot. */
const CSS = `
body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
#comment { max-width: 1012px; margin: 16px auto; padding: 16px 24px; border: 1px solid #d1d9e0; border-radius: 6px; }
h3 { font-size: 1.25em; margin: 0 0 16px; }
p, table, pre, blockquote, ul, details, .markdown-alert { margin: 0 0 16px; }
code { font: 85% "DejaVu Sans Mono", "Liberation Mono", monospace; background: #818b981f; padding: .2em .4em; border-radius: 6px; }
pre { background: #f6f8fa; padding: 12px 16px; border-radius: 6px; overflow: auto; line-height: 1.45; }
pre code { background: none; padding: 0; font-size: 12px; white-space: pre; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
th { font-weight: 600; } tr:nth-child(2n) { background: #f6f8fa; }
blockquote { padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
.markdown-alert { padding: 8px 16px; border-left: .25em solid #d1d9e0; }
.markdown-alert > :last-child { margin-bottom: 0; }
.markdown-alert-title { font-weight: 500; margin-bottom: 4px; }
.markdown-alert-note { border-color: #0969da; } .markdown-alert-note .markdown-alert-title { color: #0969da; }
.markdown-alert-warning { border-color: #9a6700; } .markdown-alert-warning .markdown-alert-title { color: #9a6700; }
.markdown-alert-caution { border-color: #d1242f; } .markdown-alert-caution .markdown-alert-title { color: #d1242f; }
details { border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px 12px 0; }
details > summary { cursor: pointer; margin-bottom: 8px; }
`;

/** A page with the rendered comment and the facts script; `open`: every <details> starts open. */
export function page(markdown: string, options: { readonly open?: boolean } = {}): string {
  let html = markdownToHtml(markdown);
  if (options.open) html = html.replace(/<details(?=[\s>])/g, '<details open');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>ses-reconcile plan</title>',
    `<style>${CSS}</style></head><body>`,
    `<article id="comment">\n${html}\n</article>`,
    '<pre id="facts" hidden></pre>',
    `<script>${FACTS_SCRIPT}</script>`,
    '</body></html>',
  ].join('\n');
}

/** The facts out of `--dump-dom`'s serialized DOM. */
export function factsOf(dom: string): PageFacts {
  const m = /<pre id="facts"[^>]*>([\s\S]*?)<\/pre>/.exec(dom);
  if (!m || m[1] === '') throw new Error(`the page's script wrote no facts; chromium's DOM:\n${dom.slice(0, 2000)}`);
  const json = (m[1] as string).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&');
  const facts = JSON.parse(json) as PageFacts;
  if (facts.error !== undefined) throw new Error(`the page's script failed: ${facts.error}`);
  return facts;
}

const TIMEOUT_MS = 30_000;

/**
 * Runs headless Chromium with `args` and a profile of its own in a temporary directory; resolves with its
 * stdout. Chromium's own children are in its process group, which a timeout kills whole.
 */
export function chromium(args: readonly string[]): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'ses-reconcile-chromium-'));
  const argv = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-extensions',
    '--no-first-run',
    '--no-default-browser-check',
    '--hide-scrollbars',
    '--force-device-scale-factor=1',
    `--user-data-dir=${profile}`,
    ...args,
  ];
  return new Promise<string>((resolve, reject) => {
    const child = spawn(CHROMIUM, argv, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, TIMEOUT_MS);
    const done = (error?: Error) => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      if (error) reject(error);
      else resolve(stdout);
    };
    child.on('error', done);
    child.on('close', (status, signal) => {
      if (timedOut) done(new Error(`chromium did not finish in ${TIMEOUT_MS / 1000} s: ${argv.join(' ')}\n${stderr}`));
      else if (status !== 0) done(new Error(`chromium exited with ${status ?? signal}: ${argv.join(' ')}\n${stderr}`));
      else done();
    });
  });
}
