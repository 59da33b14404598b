import { AWS_DOCUMENTED_RATES, isLogLevel, startFullEmulator, type FaultConfig } from '../../emulator/index.js';
import { EXIT, UsageError, type ExitCode } from '../../errors.js';
import type { EmulatorCliOptions } from '../args.js';

export function faultsOf(o: EmulatorCliOptions): FaultConfig {
  return {
    ...(o.latencyMs > 0 ? { latencyMs: o.latencyMs } : {}),
    // `--rate-limit aws` first, then any SERVICE=N on top of it.
    ...(o.awsRates ? { rateLimit: { ...AWS_DOCUMENTED_RATES, ...o.rateLimit } } : Object.keys(o.rateLimit).length > 0 ? { rateLimit: o.rateLimit } : {}),
    ...(o.failOperations.length > 0
      ? { failOperations: Object.fromEntries(o.failOperations.map((f) => [f.operation, f.code ? { code: f.code } : {}])) }
      : {}),
    ...(o.failNthCall !== undefined ? { failNthCall: { n: o.failNthCall } } : {}),
  };
}

/**
 * `ses-reconcile emulator`: serves SESv2, CloudWatch, SNS and STS on one local endpoint until interrupted.
 * Prints how to point ses-reconcile and the AWS CLI/SDKs at it.
 */
export async function runEmulator(
  o: EmulatorCliOptions,
  io: { out: (s: string) => void; err: (s: string) => void; signals: Pick<NodeJS.Process, 'once'> },
): Promise<ExitCode> {
  let emulator;
  try {
    // What the services do to each other (sends, alarm state changes, SNS notifications) on stderr, one
    // line each, at --log-level and above: `--log-level info` shows an alarm firing.
    const logLevel = isLogLevel(o.logLevel) ? o.logLevel : 'warn';
    emulator = await startFullEmulator({
      port: o.port,
      host: o.host,
      faults: faultsOf(o),
      logLevel,
      onLog: (e) => io.err(`${e.time} ${e.level} ${e.event}: ${e.message}\n`),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${o.port} is in use; pick another with --port N (0 = any free port)`);
    throw err;
  }
  if (o.verifiedDomains || o.sendingPools) {
    emulator.configure('sesv2', {
      ...(o.verifiedDomains ? { verifiedDomains: o.verifiedDomains } : {}),
      ...(o.sendingPools ? { sendingPools: o.sendingPools } : {}),
    });
  }
  io.out(
    [
      `ses-reconcile emulator: SESv2, CloudWatch, SNS and STS on ${emulator.url}`,
      `  export AWS_ENDPOINT_URL=${emulator.url} AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test`,
      `  admin: ${emulator.url}/_emulator/calls (call counts), /_emulator/faults, /_emulator/reset`,
      'Ctrl-C stops it; state lives in memory only.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    io.signals.once('SIGINT', () => resolve());
    io.signals.once('SIGTERM', () => resolve());
  });
  await emulator.close();
  return EXIT.ok;
}
