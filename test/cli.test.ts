import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from './helpers/cli.js';
import { testdir } from './helpers/config.js';

// examples/github-actions/ is the CI kit (workflows, scripts, trust policies), not a configuration.
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f !== 'github-actions')
  .map((f) => join('examples', f));

describe('ses-reconcile validate on the examples', () => {
  it.each(EXAMPLES)('%s validates with exit 0 and a summary', (example) => {
    const r = cli(['validate', '-c', example]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ok: \d+ configuration sets?, \d+ event destinations?, \d+ alarms?/m);
    expect(r.status).toBe(0);
  });

  it.each(EXAMPLES)('%s starts every file with the yaml-language-server schema comment', (example) => {
    const files = statSync(join(ROOT, example)).isDirectory()
      ? readdirSync(join(ROOT, example)).map((f) => join(example, f))
      : [example];
    for (const f of files) expect(readFileSync(join(ROOT, f), 'utf8')).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+schema\/ses-reconcile\.schema\.json\n/);
  });

  it('has one example per destination type and a multi-file directory', () => {
    for (const t of ['cloudwatch', 'sns', 'firehose', 'eventbridge', 'pinpoint']) expect(EXAMPLES).toContain(`examples/destination-${t}.yaml`);
    expect(readdirSync(join(ROOT, 'examples/multi-file')).length).toBeGreaterThan(1);
  });

  it('prints the summary counts of the full monitoring setup', () => {
    expect(cli(['validate', '-c', 'examples/full.yaml']).stdout).toBe('ok: 1 configuration set, 2 event destinations, 7 alarms, 1 topic, 1 dashboard\n');
  });
});

describe('ses-reconcile validate: output and exit codes', () => {
  const bad = testdir({
    'ses-reconcile.yaml': 'version: 1\nstack: s\nconfigurationSets:\n  a:\n    eventDestinations:\n      e: { events: [BOUNCES], sns: { topic: nope } }\n',
  });
  const warn = testdir({ 'ses-reconcile.yaml': 'version: 1\nstack: s\nconfigurationSets:\n  quiet: {}\n' });

  it('reads ./ses-reconcile.yaml by default and exits 3 with file:line:col, path and hint', () => {
    const r = cli(['validate'], { cwd: bad });
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('ses-reconcile.yaml:6:21 error schema: "BOUNCES" is not a valid event type; did you mean "BOUNCE"? (at configurationSets.a.eventDestinations.e.events[0])');
    expect(r.stdout).toContain('  → write one of "SEND"');
    expect(r.stdout).toMatch(/invalid: 1 error, 0 warnings\n$/);
  });

  it('prints JSON diagnostics with --format json', () => {
    const r = cli(['validate', '--format', 'json'], { cwd: bad });
    expect(r.status).toBe(3);
    const out = JSON.parse(r.stdout) as { ok: boolean; errors: number; diagnostics: { line: number; col: number; code: string; path: string }[] };
    expect(out.ok).toBe(false);
    expect(out.errors).toBe(1);
    expect(out.diagnostics[0]).toMatchObject({ line: 6, col: 21, code: 'schema', path: 'configurationSets.a.eventDestinations.e.events[0]' });
  });

  it('prints warnings, exits 0, and exits 3 under --strict', () => {
    const r = cli(['validate'], { cwd: warn });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ses-reconcile\.yaml:4:3 warning bounce-visibility: no enabled event destination of "quiet" receives BOUNCE or COMPLAINT/);
    expect(r.stdout).toMatch(/^ok: 1 configuration set, 0 event destinations, 0 alarms \(1 warning\)$/m);
    const strict = cli(['validate', '--strict'], { cwd: warn });
    expect(strict.status).toBe(3);
    expect(strict.stdout).toContain('error bounce-visibility');
    expect(strict.stdout).toContain('(warning, an error under --strict)');
  });

  it('colours only when asked: no escape codes with NO_COLOR or a pipe', () => {
    expect(cli(['validate'], { cwd: bad }).stdout).not.toContain('\u001b[');
  });

  it('exits 3 on an unknown command or flag, naming it', () => {
    const cmd = cli(['plna']);
    expect(cmd.status).toBe(3);
    expect(cmd.stderr).toContain('unknown command "plna"');
    const flag = cli(['validate', '--stritc']);
    expect(flag.status).toBe(3);
    expect(flag.stderr).toContain("'--stritc'");
    const format = cli(['validate', '--format', 'yaml']);
    expect(format.status).toBe(3);
    expect(format.stderr).toContain('--format yaml is not supported');
  });

  it('prints help and the version', () => {
    expect(cli(['--help']).stdout).toContain('ses-reconcile validate [-c PATH] [--strict] [--format text|json]');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(cli(['--version']).stdout).toBe(`${pkg.version}\n`);
  });
});

describe('ses-reconcile schema', () => {
  it('prints the shipped schema byte for byte', () => {
    const r = cli(['schema']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'schema/ses-reconcile.schema.json'), 'utf8'));
  });
});

describe('ses-reconcile plan: credentials', () => {
  it('a profile that does not exist is named, with what was tried and what to do (exit 1, no SDK jargon alone)', () => {
    const home = testdir({});
    const env = { HOME: home, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'), AWS_EC2_METADATA_DISABLED: 'true' };
    const r = cli(['plan', '-c', 'examples/minimal.yaml', '--profile', 'nope'], { env, timeoutMs: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no AWS credentials: tried profile "nope" of ~/.aws/config and ~/.aws/credentials');
    expect(r.stderr).toContain('pass another --profile');
  });
});
