import { ACTIONS, runAction, type ActionId } from '../actions.ts';
import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { ChoiceSetting, TextSetting, ToggleSetting } from './fields.tsx';
import { BudgetSettings } from './BudgetSettings.tsx';
import { LiveSettings } from './LiveSettings.tsx';
import { formatCount } from '../numbers.ts';

const SPEEDS = [0.25, 0.5, 1, 2, 4].map((s) => [String(s), `×${s}`] as const);
const SCENARIO_CHOICES = [
  ['grid', 'Grid world: agents think when their timers expire'],
  ['community', 'Community: personas debate, chat, post and vote in phases'],
  ['gamemaster', 'Game master: one action, many assessments, a deadline'],
  ['relationships', 'Relationships: many small simulations share one budget'],
  ['pipeline', 'Pipeline: a DAG of steps, level by level or as soon as ready'],
] as const;
const DAG_CHOICES = [
  ['diamond', 'Diamond: ingest → three reviews → report'],
  ['wide', 'Wide: 1 → N → 1'], // N: the fanout setting in force (`dagChoices`)
  ['chain', 'Chain: five steps in a line'],
  ['uneven', 'Uneven: a slow step beside fast ones'],
] as const;
const MODE_CHOICES = [
  ['levels', 'Level by level'],
  ['ready', 'As soon as ready'],
  ['sequential', 'One at a time'],
] as const;

/** The DAG choices, the wide one named with the width in force: "Wide: 1 → 10 → 1" above a width of 98 read wrong. */
function dagChoices(fanout: number): readonly (readonly [string, string])[] {
  return DAG_CHOICES.map(([value, text]) => (value === 'wide' ? [value, `Wide: 1 → ${formatCount(fanout)} → 1`] : [value, text]));
}

function ActionButton({ id, label }: { id: ActionId; label?: string }) {
  const ctx = useSandboxContext();
  const action = ACTIONS[id];
  return (
    <button
      type="button"
      data-action={id}
      title={'key' in action ? `${action.label} (key: ${action.key === ' ' ? 'Space' : action.key})` : action.label}
      onClick={() => {
        void runAction(ctx, id);
      }}
    >
      {label ?? action.label}
    </button>
  );
}

/** Run controls and every setting of the sandbox. */
export function Controls() {
  countRender('Controls');
  const running = useSandbox((s) => s.running);
  const brain = useSandbox((s) => s.config.brain);
  const scenario = useSandbox((s) => s.config.scenario);
  const dag = useSandbox((s) => s.config.dag);
  const fanout = useSandbox((s) => s.config.fanout);
  return (
    <section className="panel controls" aria-label="Controls">
      <div className="run-buttons">
        <ActionButton id="toggle" label={running ? 'Pause' : 'Start'} />
        <ActionButton id="step" />
        <ActionButton id="reset" />
      </div>
      <ChoiceSetting name="speed" label="Speed" options={SPEEDS} />
      <ChoiceSetting name="scenario" label="Scenario" options={SCENARIO_CHOICES} />
      {scenario === 'gamemaster' ? (
        <>
          <h2>Village</h2>
          <TextSetting name="npcs" label="Villagers (NPCs)" hint="1 to 50" />
          <TextSetting name="deadline" label="Reply deadline (ms)" hint="the reply is composed then, from what has arrived" />
          <TextSetting name="seed" label="Seed" />
        </>
      ) : scenario === 'relationships' ? (
        <>
          <h2>Simulations</h2>
          <TextSetting name="sims" label="Simulations" hint="1 to 200" />
          <TextSetting name="scenes" label="Scenes per simulation" hint="1 to 10" />
          <TextSetting name="failSim" label="Failing simulation" hint="-1 for none; every call of that simulation fails" />
          <TextSetting name="seed" label="Seed" />
        </>
      ) : scenario === 'pipeline' ? (
        <>
          <h2>Pipeline</h2>
          <ChoiceSetting name="dag" label="DAG" options={dagChoices(fanout)} />
          {dag === 'wide' ? <TextSetting name="fanout" label="Width of the wide DAG" hint="2 to 198 steps between source and merge" /> : null}
          <ChoiceSetting name="mode" label="Mode" options={MODE_CHOICES} />
          <TextSetting name="failNode" label="Failing node" type="text" hint="a node id; every attempt of it fails" />
          <TextSetting name="seed" label="Seed" />
        </>
      ) : scenario === 'community' ? (
        <>
          <h2>Community</h2>
          <TextSetting name="agents" label="Personas" hint="1 to 1,000" />
          <TextSetting name="topics" label="Topics" hint="1 to 6" />
          <TextSetting name="epochs" label="Epochs (rounds of phases)" hint="1 to 20" />
          <TextSetting name="openness" label="Openness" hint="0 to 1: 0.9 agrees, 0.45 splits in two, 0 stays scattered" />
          <TextSetting name="seed" label="Seed" />
        </>
      ) : (
        <>
          <h2>World</h2>
          <TextSetting name="agents" label="Agents" hint="1 to 10,000" />
          <TextSetting name="thinkInterval" label="Think interval (ms)" />
          <ToggleSetting name="align" label="Aligned timers (everyone thinks together)" />
          <TextSetting name="seed" label="Seed" />
        </>
      )}
      <h2>Scheduler</h2>
      <ChoiceSetting name="strategy" label="Strategy" options={[['parallel', 'Parallel'], ['sequential', 'Sequential (one at a time)']]} />
      <BudgetSettings />
      <TextSetting name="concurrency" label={scenario === 'community' ? 'Concurrency cap (the semaphore)' : 'Concurrency cap'} />
      <TextSetting name="timeout" label="Call timeout (ms)" />
      <h2>Brain</h2>
      <ChoiceSetting name="brain" label="Brain" options={[['mock', 'Mock (no key, no network)'], ['gemini', 'Gemini'], ['openai', 'OpenAI-compatible (Ollama, LM Studio, llama.cpp…)']]} />
      {brain === 'mock' ? (
        <>
          <TextSetting name="latency" label="Mock latency (ms)" />
          <TextSetting name="jitter" label="Mock jitter (± ms)" />
          <TextSetting name="failureRate" label="Mock failure rate (0 to 1)" />
        </>
      ) : (
        <LiveSettings />
      )}
    </section>
  );
}
