/** The flags of issue 8 as a user types them, and the usage errors (exit 3) for what is not one. */
import { describe, expect, it } from 'vitest';
import { parseInvocation, type ApplyCliOptions, type EmulatorCliOptions, type PlanCliOptions, type ValidateOptions } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/errors.js';
import { faultsOf } from '../../../src/cli/commands/emulator.js';

const plan = (...argv: string[]) => (parseInvocation(['plan', ...argv]) as { options: PlanCliOptions }).options;
const usage = (...argv: string[]) => {
  try {
    parseInvocation(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('plan and apply flags', () => {
  it('default to the tag index, a full refresh and AWS documented rates', () => {
    expect(plan()).toMatchObject({ discovery: 'tags', refresh: 'all', maxRates: [] });
  });

  it('take --refresh changed, --discovery scan and repeated --max-rate, in order', () => {
    const o = plan('--refresh', 'changed', '--discovery', 'scan', '--max-rate', 'sesv2=2', '--max-rate', 'cloudwatch:PutMetricAlarm=10', '--max-rate', 'tagging=0.5');
    expect(o.refresh).toBe('changed');
    expect(o.discovery).toBe('scan');
    expect(o.maxRates).toEqual([
      { service: 'sesv2', perSecond: 2 },
      { service: 'cloudwatch', operation: 'PutMetricAlarm', perSecond: 10 },
      { service: 'tagging', perSecond: 0.5 },
    ]);
    const a = (parseInvocation(['apply', '--refresh', 'changed', '--max-rate', 'sns=50']) as { options: ApplyCliOptions }).options;
    expect(a.refresh).toBe('changed');
    expect(a.maxRates).toEqual([{ service: 'sns', perSecond: 50 }]);
  });

  it('refuses what is not a mode or a rate, saying what to write', () => {
    expect(usage('plan', '--refresh', 'some')).toMatch(/--refresh all or --refresh changed/);
    expect(usage('plan', '--discovery', 'index')).toMatch(/--discovery tags or --discovery scan/);
    for (const bad of ['ses=1', 'sesv2=0', 'sesv2', 'sesv2=fast', 'sts=5', 'cloudwatch:putMetricAlarm=3']) {
      expect(usage('plan', '--max-rate', bad)).toMatch(/write SERVICE=N or SERVICE:Operation=N.*sesv2, cloudwatch, sns, tagging/);
    }
  });
});

describe('--max-file-size', () => {
  const validate = (...argv: string[]) => (parseInvocation(['validate', ...argv]) as { options: ValidateOptions }).options;
  it('takes bytes, KiB and MiB on validate, plan and apply; absent, each file keeps its default', () => {
    expect(validate().maxFileBytes).toBeUndefined();
    expect(validate('--max-file-size', '4MiB').maxFileBytes).toBe(4 * 1024 ** 2);
    expect(plan('--max-file-size', '512KiB').maxFileBytes).toBe(512 * 1024);
    expect((parseInvocation(['apply', 'review.plan', '--max-file-size', '2097152']) as { options: ApplyCliOptions }).options.maxFileBytes).toBe(2_097_152);
  });

  it('refuses what is not a size, or a size over 256MiB, naming the flag and what to write', () => {
    for (const bad of ['4MB', '4 mb', '0', '1.5MiB', 'big', '257MiB']) {
      expect(usage('validate', '--max-file-size', bad)).toBe(
        `--max-file-size ${bad}: write a size in bytes or with a unit KiB or MiB, from 1 byte to 256MiB (e.g. --max-file-size 4MiB)`,
      );
    }
  });
});

describe('emulator --rate-limit', () => {
  const emu = (...argv: string[]) => (parseInvocation(['emulator', ...argv]) as { options: EmulatorCliOptions }).options;
  it('takes services, service:Operation keys and the aws preset', () => {
    const o = emu('--rate-limit', 'aws', '--rate-limit', 'tagging=2', '--rate-limit', 'cloudwatch:PutMetricAlarm=1');
    expect(o.awsRates).toBe(true);
    expect(o.rateLimit).toEqual({ tagging: 2, 'cloudwatch:PutMetricAlarm': 1 });
    // The preset first, the explicit limits on top of it.
    expect(faultsOf(o).rateLimit).toMatchObject({ sesv2: 1, 'cloudwatch:DescribeAlarms': 9, 'cloudwatch:PutMetricAlarm': 1, tagging: 2 });
    expect(usage('emulator', '--rate-limit', 'email=1')).toMatch(/--rate-limit aws/);
  });
});

describe('help', () => {
  const help = (argv: string[]) => {
    const inv = parseInvocation(argv);
    if (inv.command !== 'help') throw new Error(`not help: ${inv.command}`);
    return inv.text;
  };

  it('COMMAND --help prints that command: its usage, every flag it takes, an example; not the others', () => {
    const plan = help(['plan', '--help']);
    expect(plan).toMatch(/^Usage:\n {2}ses-reconcile plan /);
    for (const flag of ['--out', '--format', '--detailed-exitcode', '--target', '--refresh', '--discovery', '--max-rate', '--adopt', '--allow-deletes']) expect(plan, flag).toContain(flag);
    expect(plan).toContain('Example:\n  ses-reconcile plan ');
    expect(plan).not.toMatch(/--auto-approve|--select|--rate-limit|ses-reconcile apply /);
    const apply = help(['apply', '-h']);
    expect(apply).toContain('PLANFILE              apply: a plan saved by plan --out');
    expect(apply).toContain('--auto-approve');
    const exp = help(['export', '--help']);
    for (const flag of ['--stack', '--select', '-o, --out']) expect(exp, flag).toContain(flag);
    expect(help(['emulator', '--help'])).toContain('--rate-limit SVC=N');
  });

  it('--help alone prints every command, and plan takes -o for --out', () => {
    const all = help(['--help']);
    for (const c of ['validate', 'plan', 'apply', 'export', 'schema', 'emulator']) expect(all).toContain(`ses-reconcile ${c}`);
    const inv = parseInvocation(['plan', '-o', 'review.plan']);
    expect(inv.command === 'plan' && inv.options.out).toBe('review.plan');
  });
});
