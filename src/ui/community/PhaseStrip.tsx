/**
 * Every phase of the run as a chip, grouped by epoch: finished ones with their figures, the
 * running one highlighted. Beside it, a sentence on the phase explained (the running one, or
 * a chip the user picked): what it does and the least time its calls can take.
 */
import { useId, useMemo, useState } from 'react';
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { chipText, currentStep, phaseChips, recordOf, stepKey, type PhaseChip, type PlanStep } from './phasePlan.ts';
import { doneText, explainStep, type SpeedSettings } from './phaseText.ts';

const STATUS_WORDS: Readonly<Record<PhaseChip['status'], string>> = { done: 'finished', running: 'running', waiting: 'to come' };

/** The settings that bound a phase's speed, each selected on its own (numbers and strings: no new objects). */
function useSpeedSettings(viewConcurrency: number): SpeedSettings {
  const concurrency = useSandbox((s) => s.config.concurrency);
  const strategy = useSandbox((s) => s.config.strategy);
  const latencyMs = useSandbox((s) => s.config.latency);
  const rpm = useSandbox((s) => s.metrics?.rpmLimit ?? s.config.rpm);
  const brain = useSandbox((s) => s.config.brain);
  // The scenario's semaphore and the scheduler's cap both hold: the lower one binds.
  return useMemo(() => ({ concurrency: Math.min(concurrency, viewConcurrency), strategy, latencyMs, rpm, brain }), [concurrency, viewConcurrency, strategy, latencyMs, rpm, brain]);
}

export function PhaseStrip() {
  countRender('CommunityPanel.phases');
  const scene = useSandbox((s) => s.scene?.scene ?? null);
  const view = useSandbox((s) => s.scene?.view ?? null);
  const personas = useSandbox((s) => s.world?.agents.length ?? s.config.agents);
  const settings = useSpeedSettings(view?.concurrency ?? Infinity);
  const [picked, setPicked] = useState<string | null>(null);
  const headingId = useId();
  if (!scene || !view) {
    return <p className="muted">Waiting for the community’s first phase…</p>;
  }
  const groups = phaseChips(scene, view.plan);
  const pickedStep = view.plan.find((step) => stepKey(step) === picked) ?? null;
  const current = currentStep(scene, view.plan);
  const shown: PlanStep | null = pickedStep ?? current;
  const size = { personas, topics: view.topics.length, pairs: view.pairs.length };
  const sentences = shown ? explainStep(scene, shown, recordOf(scene, shown), size, settings) : [doneText(scene)];
  return (
    <div className="phase-strip" data-testid="phase-strip">
      <h3 id={headingId}>Phases</h3>
      <ol className="phase-epochs" aria-labelledby={headingId}>
        {groups.map((group) => (
          <li key={group.epoch} className="phase-epoch">
            <span className="epoch-label">{`Epoch ${group.epoch}`}</span>
            <ol className="phase-chips">
              {group.chips.map((chip) => {
                const key = stepKey(chip);
                const explained = shown !== null && stepKey(shown) === key;
                return (
                  <li key={key}>
                    <button
                      type="button"
                      className={`phase-chip ${chip.status}`}
                      aria-pressed={explained}
                      aria-current={chip.status === 'running' ? 'step' : undefined}
                      title={`Epoch ${chip.epoch}, ${chip.phase}: ${STATUS_WORDS[chip.status]}. Click to explain it.`}
                      onClick={() => {
                        setPicked(picked === key ? null : key);
                      }}
                    >
                      {chipText(chip)}
                      {chip.status === 'running' ? <span className="chip-status"> · running</span> : null}
                    </button>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
      <div className="phase-explain" data-testid="phase-explain">
        {sentences.map((sentence) => (
          <p key={sentence}>{sentence}</p>
        ))}
        {pickedStep && (current === null || stepKey(pickedStep) !== stepKey(current)) ? (
          <button type="button" className="link-button" onClick={() => { setPicked(null); }}>
            {current ? 'Back to the current phase' : 'Back to the summary'}
          </button>
        ) : null}
      </div>
    </div>
  );
}
