import { BELIEF_PALETTE, CHAT_LINK, GREYED, STATE_COLORS } from '../../render/palette.ts';
import { useSandbox } from '../context.ts';
import { AGENT_STATES, type AgentStateName } from '../../protocol/protocol.ts';

/** Words for each state; a Record, so a new state without words fails to compile. */
const WORDS: Readonly<Record<AgentStateName, string>> = {
  idle: 'idle',
  queued: 'queued',
  thinking: 'thinking',
  decided: 'decided',
  fellBack: 'fell back',
  retrying: 'retrying',
};

const css = (color: number): string => `#${color.toString(16).padStart(6, '0')}`;

/**
 * What an agent's colour on the grid means. The swatches read the renderer's own palette, so the
 * legend cannot drift from the dots; the agent list names its sources in words, so no other part
 * of the page uses these colours for another meaning.
 */
export function GridLegend() {
  const scenario = useSandbox((s) => s.world?.scenario ?? 'grid');
  if (scenario === 'community') return <BeliefLegend />;
  if (scenario === 'gamemaster') return <DispositionLegend />;
  return <StateLegend />;
}

/** The belief scale as one CSS gradient, from the renderer's own palette. */
const BELIEF_GRADIENT = `linear-gradient(to right, ${BELIEF_PALETTE.map(css).join(', ')})`;

/** The community's colours: belief on the chosen topic, greyed fallbacks, chat lines. */
function BeliefLegend() {
  const topic = useSandbox((s) => s.scene?.view.topics[s.colorTopic]?.key ?? null);
  return (
    <ul className="grid-legend" aria-label="Persona colours on the grid">
      <li>
        {`belief${topic === null ? '' : ` on ${topic}`}: against −1`}
        <span className="grid-gradient" style={{ background: BELIEF_GRADIENT }} aria-hidden="true" />
        +1 for
      </li>
      <li>
        <span className="grid-swatch" style={{ background: css(GREYED) }} aria-hidden="true" />
        fell back (belief kept)
      </li>
      <li>
        <span className="grid-line" style={{ background: css(CHAT_LINK) }} aria-hidden="true" />
        chatting
      </li>
    </ul>
  );
}

/** The village's colours: each NPC's disposition toward the player, and its reaction in words. */
function DispositionLegend() {
  return (
    <ul className="grid-legend" aria-label="Villager colours on the grid">
      <li>
        disposition toward you: hostile −1
        <span className="grid-gradient" style={{ background: BELIEF_GRADIENT }} aria-hidden="true" />
        +1 friendly
      </li>
      <li>the first dot is you; a word over a villager is its reaction</li>
    </ul>
  );
}

function StateLegend() {
  return (
    <ul className="grid-legend" aria-label="Agent colours on the grid">
      {AGENT_STATES.map((state) => (
        <li key={state}>
          <span className="grid-swatch" style={{ background: css(STATE_COLORS[state]) }} aria-hidden="true" />
          {WORDS[state]}
        </li>
      ))}
    </ul>
  );
}
