import { STATE_COLORS } from '../../render/palette.ts';
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
