/** One StepRunner over the per-service runners: each step goes to the adapter of the service it calls. */
import { isAlarmStep, isDashboardStep, isSnsStep, type CloudWatchStep, type DashboardStep, type SesV2Step, type SnsStep, type Step } from '../model/step.js';
import type { StepRunner } from './port.js';

export interface ServiceRunners {
  readonly sesv2: { run(step: SesV2Step): Promise<void> };
  /** Absent: this run has no CloudWatch steps to make. */
  readonly cloudwatch?: { run(step: CloudWatchStep): Promise<void> };
  /** Absent: this run has no dashboard steps to make. */
  readonly dashboards?: { run(step: DashboardStep): Promise<void> };
  /** Absent: this run has no SNS steps to make. */
  readonly sns?: { run(step: SnsStep): Promise<void> };
}

export function routeSteps(runners: ServiceRunners): StepRunner {
  return {
    run(step: Step): Promise<void> {
      if (isDashboardStep(step)) {
        if (!runners.dashboards) return Promise.reject(new Error(`no dashboard runner for ${step.op}`));
        return runners.dashboards.run(step);
      }
      if (isAlarmStep(step)) {
        if (!runners.cloudwatch) return Promise.reject(new Error(`no CloudWatch runner for ${step.op}`));
        return runners.cloudwatch.run(step);
      }
      if (isSnsStep(step)) {
        if (!runners.sns) return Promise.reject(new Error(`no SNS runner for ${step.op}`));
        return runners.sns.run(step);
      }
      return runners.sesv2.run(step);
    },
  };
}
