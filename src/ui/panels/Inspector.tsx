import type { AgentDetail } from '../../protocol/protocol.ts';
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';

const SOURCE_TEXT: Readonly<Record<string, string>> = {
  gemini: 'Gemini',
  openai: 'OpenAI-compatible',
  mock: 'mock brain',
  fallback: 'fallback (the call failed; the mock answered)',
  none: 'no decision yet',
};

const DIRECTION_WORDS: Readonly<Record<string, string>> = { N: 'north', E: 'east', S: 'south', W: 'west', STAY: 'stay put' };

function directionText(direction: string): string {
  return `${direction} (${DIRECTION_WORDS[direction] ?? direction})`;
}

/**
 * Where the agent walks now. It differs from what was decided only when a wall turned it (the
 * sim turns right to the first open side), and the page says so, so the two never read as a
 * contradiction.
 */
function headingText(detail: Pick<AgentDetail, 'action' | 'heading' | 'decisions'>): string {
  if (detail.decisions === 0 && detail.heading === 'STAY') return '–';
  return detail.heading !== detail.action ? `${directionText(detail.heading)}, turned at a wall` : directionText(detail.heading);
}

/** A folded block of text sent to or received from a model, shown as text. */
function Exchange({ title, text, testId }: { title: string; text: string | null | undefined; testId: string }) {
  if (!text) return null;
  return (
    <details>
      <summary>{title}</summary>
      <pre className="exchange" data-testid={testId}>
        {text}
      </pre>
    </details>
  );
}

/**
 * The selected agent in full. Every string from a model is rendered as React text, never as
 * HTML, so markup in a thought is shown, not run.
 */
export function Inspector() {
  countRender('Inspector');
  const selectedId = useSandbox((s) => s.selectedId);
  const detail = useSandbox((s) => s.detail);
  const name = useSandbox((s) => (s.selectedId === null ? null : (s.world?.agents[s.selectedId]?.name ?? null)));
  // A persona does not walk by its own decisions: no action or heading to show.
  const walks = useSandbox((s) => s.world?.scenario !== 'community');
  if (selectedId === null) {
    return (
      <section className="panel inspector" aria-label="Agent inspector">
        <h2>Agent</h2>
        <p className="muted">Click an agent on the grid or in the list to read its mind.</p>
      </section>
    );
  }
  if (!detail) {
    return (
      <section className="panel inspector" aria-label="Agent inspector">
        <h2>{name ?? `Agent ${selectedId}`}</h2>
        <p className="muted">Loading…</p>
      </section>
    );
  }
  const call = detail.lastCall;
  return (
    <section className="panel inspector" aria-label="Agent inspector" data-testid="inspector">
      <h2 data-testid="inspector-name">{detail.name}</h2>
      <dl className="facts">
        <dt>Traits</dt>
        <dd>{detail.traits.join(', ')}</dd>
        <dt>{walks ? 'Goal' : 'Beliefs'}</dt>
        <dd>{detail.goal.replace('-', ' ')}</dd>
        <dt>Position</dt>
        <dd>{`(${detail.x}, ${detail.y})`}</dd>
        <dt>State</dt>
        <dd data-testid="inspector-state">{detail.state}</dd>
        <dt>{walks ? 'Thought' : 'Last said'}</dt>
        <dd data-testid="inspector-thought">{detail.thought || '–'}</dd>
        <dt>Plan</dt>
        <dd data-testid="inspector-plan">{detail.plan || '–'}</dd>
        {walks ? (
          <>
            <dt>Decided</dt>
            <dd data-testid="inspector-action">{detail.decisions === 0 ? '–' : directionText(detail.action)}</dd>
            <dt>Heading</dt>
            <dd data-testid="inspector-heading">{headingText(detail)}</dd>
          </>
        ) : null}
        {detail.say ? (
          <>
            <dt>Says</dt>
            <dd>{detail.say}</dd>
          </>
        ) : null}
        <dt>Source</dt>
        <dd data-testid="inspector-source">{SOURCE_TEXT[detail.source] ?? detail.source}</dd>
        <dt>Last call</dt>
        <dd>
          {call
            ? `${call.latencyMs === null ? 'no call made' : `${Math.round(call.latencyMs)} ms`}, ${call.attempts} attempt${call.attempts === 1 ? '' : 's'}${call.error ? `; ${call.error.message}` : ''}`
            : '–'}
        </dd>
      </dl>
      {call?.tokens ? <p className="muted">{`Tokens: ${call.tokens.promptTokens} in, ${call.tokens.outputTokens} out`}</p> : null}
      <Exchange title="Prompt sent" text={call?.prompt} testId="inspector-prompt" />
      <Exchange title="Raw reply" text={call?.raw} testId="inspector-raw" />
      <h3>Memories (newest first)</h3>
      {detail.memories.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ol className="memories">
          {detail.memories.map((memory, index) => (
            <li key={`${detail.decisions}-${index}`}>{memory}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
