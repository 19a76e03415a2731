/**
 * The two comparisons the lesson turns on: "One at a time" (the strategy setting: each
 * assessment after the one before, no deadline) and the cache. Both are settings, applied as
 * any other (the address bar follows), so a link reproduces the comparison.
 */
import { useId } from 'react';
import { useSandbox, useSandboxContext } from '../context.ts';
import { ToggleSetting } from '../panels/fields.tsx';
import { applySettings } from '../settings.ts';

/** The strategy setting as a checkbox: checked is `sequential`. */
function OneAtATime() {
  const ctx = useSandboxContext();
  const checked = useSandbox((s) => s.config.strategy === 'sequential');
  const id = useId();
  return (
    <div className="field field-toggle">
      <input
        id={id}
        name="strategy"
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          void applySettings(ctx, { strategy: event.target.checked ? 'sequential' : 'parallel' });
        }}
      />
      <label htmlFor={id}>One at a time</label>
      <span className="field-hint">
        From the next turn, each assessment is asked after the one before and the reply waits for them all: no deadline, so it takes the sum of the calls instead of the slowest.
      </span>
    </div>
  );
}

export function GmToggles() {
  const deadline = useSandbox((s) => s.gmScene?.view.deadlineMs ?? s.config.deadline);
  const oneAtATime = useSandbox((s) => s.config.strategy === 'sequential');
  return (
    <div className="gm-toggles">
      <h3>Compare</h3>
      <OneAtATime />
      <ToggleSetting
        name="cache"
        label="Cache"
        hint="On: an assessment asked before (same kind, villager, intent and world) is answered at once, at no cost, and likely next actions are prefetched. Off: every assessment asks the model. Switching starts the village afresh."
      />
      <p className="field-hint">
        {oneAtATime
          ? 'Now: one at a time, so a reply costs every call in turn. Untick it to ask them all at once again.'
          : `Now: all at once; the reply is composed at the ${deadline} ms deadline from what has arrived, and what is missing takes its fallback.`}
      </p>
    </div>
  );
}
