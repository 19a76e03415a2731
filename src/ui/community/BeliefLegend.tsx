/**
 * What a persona's colour on the grid means while the community runs: its belief on the chosen
 * topic, on the diverging scale of beliefColors.ts (the renderer draws with the same numbers),
 * and grey for a persona whose call fell back.
 */
import type { CommunityViewWire } from '../../protocol/scene.ts';
import { BELIEF_PALETTE, cssColor, GREYED } from './beliefColors.ts';

type Topic = CommunityViewWire['topics'][number];

export function BeliefLegend({ topic }: { readonly topic: Topic | undefined }) {
  const against = topic ? `−1 against: ${topic.options[1]}` : '−1 against';
  const forIt = topic ? `+1 for: ${topic.options[0]}` : '+1 for';
  return (
    <div className="belief-legend" role="group" aria-label={`Persona colours on the grid: belief on ${topic?.key ?? 'the topic'}`} data-testid="belief-legend">
      <div className="belief-scale" aria-hidden="true">
        {BELIEF_PALETTE.map((color, index) => (
          <span key={index} style={{ background: cssColor(color) }} />
        ))}
      </div>
      <div className="belief-scale-labels">
        <span>{against}</span>
        <span>0 undecided</span>
        <span>{forIt}</span>
      </div>
      <p className="belief-greyed">
        <span className="grid-swatch" style={{ background: cssColor(GREYED) }} aria-hidden="true" />
        grey: fell back (belief kept)
      </p>
    </div>
  );
}
