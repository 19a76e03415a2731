import { useId } from 'react';
import { useSandbox, useSandboxContext } from '../context.ts';
import { applySettings } from '../settings.ts';
import { TextSetting } from './fields.tsx';
import { formatCount } from '../numbers.ts';

/**
 * Common quotas as presets. The figures are typical published limits and change over time:
 * check your own quota page; the fields below stay editable.
 */
const PRESETS = [
  // Short labels: the select sits in a narrow column; the figures are the RPM budget and the day's limit.
  { id: 'free-flash', label: 'Free Flash: 10/min, 250/day', rpm: 10, dailyLimit: 250 },
  { id: 'free-lite', label: 'Free Flash-Lite: 15/min, 1k/day', rpm: 15, dailyLimit: 1_000 },
  { id: 'tier-1', label: 'Paid tier 1: 1k/min, 10k/day', rpm: 1_000, dailyLimit: 10_000 },
  { id: 'tier-2', label: 'Paid tier 2: 2k/min, 100k/day', rpm: 2_000, dailyLimit: 100_000 },
  { id: 'demo', label: 'Classroom mock: 600/min', rpm: 600, dailyLimit: 0 },
] as const;

/** The RPM budget with quota presets beside it, the daily limit and today's count. */
export function BudgetSettings() {
  const ctx = useSandboxContext();
  const rpm = useSandbox((s) => s.config.rpm);
  const dailyLimit = useSandbox((s) => s.config.dailyLimit);
  const today = useSandbox((s) => s.metrics?.requestsToday ?? 0);
  const shared = useSandbox((s) => s.budgetShared);
  const id = useId();
  const current = PRESETS.find((p) => p.rpm === rpm && p.dailyLimit === dailyLimit)?.id ?? 'custom';
  return (
    <>
      <div className="field">
        <label htmlFor={id}>Quota preset</label>
        <select
          id={id}
          value={current}
          onChange={(event) => {
            const preset = PRESETS.find((p) => p.id === event.target.value);
            if (preset) void applySettings(ctx, { rpm: preset.rpm, dailyLimit: preset.dailyLimit });
          }}
        >
          <option value="custom" disabled>
            Custom
          </option>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <TextSetting name="rpm" label="Budget (requests per minute)" />
      <TextSetting name="dailyLimit" label="Daily limit of live requests (0: none)" />
      <p className="field-hint" data-testid="requests-today">
        {`Live requests today with this key, in every tab: ${formatCount(today)}${dailyLimit > 0 ? ` of ${formatCount(dailyLimit)}` : ''}`}
      </p>
      <p className="field-hint" data-testid="budget-scope">
        {shared
          ? 'The budget is the key\'s: worlds, resets and every tab of this page that uses the key share it.'
          : 'This browser cannot share a budget between tabs (no SharedWorker): each tab keeps its own, so two tabs may send twice the budget.'}
      </p>
    </>
  );
}
