import { DEFAULT_SCHEDULER_CONFIG, STRATEGIES, type SchedulerConfig } from './types.ts';

/** A configuration value that cannot be used, explained in one sentence. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Fills in defaults and rejects values the scheduler cannot honour, naming the bad key. */
export function validateSchedulerConfig(patch: Partial<SchedulerConfig>): SchedulerConfig {
  const config = { ...DEFAULT_SCHEDULER_CONFIG, ...patch };
  if (!STRATEGIES.includes(config.strategy)) {
    throw new ConfigError(`strategy must be one of ${STRATEGIES.join(', ')} (got ${config.strategy}).`);
  }
  positive('rpm', config.rpm, true);
  positive('concurrency', config.concurrency, true);
  positive('timeoutMs', config.timeoutMs, false);
  positive('maxAttempts', config.maxAttempts, false);
  nonNegative('backoffBaseMs', config.backoffBaseMs);
  nonNegative('backoffMaxMs', config.backoffMaxMs);
  nonNegative('dailyLimit', config.dailyLimit);
  if (typeof config.backgroundShare !== 'number' || !(config.backgroundShare > 0 && config.backgroundShare <= 1)) {
    throw new ConfigError(`backgroundShare must be above 0 and at most 1 (got ${String(config.backgroundShare)}).`);
  }
  if (config.rpm !== Infinity && !Number.isInteger(config.rpm)) throw new ConfigError(`rpm must be a whole number (got ${config.rpm}).`);
  if (config.concurrency !== Infinity && !Number.isInteger(config.concurrency)) {
    throw new ConfigError(`concurrency must be a whole number (got ${config.concurrency}).`);
  }
  return config;
}

/** A job's own timeout, when it names one, must be a positive finite number of ms. */
export function validateJobTimeout(timeoutMs: number | undefined): void {
  if (timeoutMs !== undefined) positive('A job\'s timeoutMs', timeoutMs, false);
}

function positive(name: string, value: number, infinityAllowed: boolean): void {
  const ok = typeof value === 'number' && value > 0 && (Number.isFinite(value) || (infinityAllowed && value === Infinity));
  if (!ok) throw new ConfigError(`${name} must be a positive number (got ${String(value)}).`);
}

function nonNegative(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${name} must be zero or a positive number (got ${String(value)}).`);
  }
}
