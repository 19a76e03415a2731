/** The vote per topic, once it is in: the two options with their counts and a bar split between them. */
import { useMemo } from 'react';
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { beliefColor, cssColor } from './beliefColors.ts';
import { tallyRows } from './personaText.ts';
import { formatCount } from '../numbers.ts';

/** The option for (first) takes the scale's "for" hue, the one against the "against" hue. */
const OPTION_COLORS = [cssColor(beliefColor(0.8)), cssColor(beliefColor(-0.8))] as const;

export function VoteTally() {
  countRender('CommunityPanel.tally');
  const tally = useSandbox((s) => s.scene?.view.tally ?? null);
  const topics = useSandbox((s) => s.scene?.view.topics);
  const rows = useMemo(() => (tally ? tallyRows(tally, topics ?? []) : []), [tally, topics]);
  if (!tally) return null;
  return (
    <div className="community-tally" data-testid="vote-tally">
      <h3>The vote</h3>
      <ul className="tally">
        {rows.map((row) => (
          <li key={row.topic}>
            <p className="tally-topic" title={row.statement}>
              {row.key}
              <span className="muted">{` · ${row.statement}`}</span>
            </p>
            <div className="tally-bar" aria-hidden="true">
              {row.options.map((o, index) => (
                <span key={o.option} style={{ flexGrow: o.votes, background: OPTION_COLORS[index] ?? OPTION_COLORS[0] }} />
              ))}
            </div>
            <p className="tally-options">
              {row.options.map((o) => (
                <span key={o.option}>{`${o.option}: ${formatCount(o.votes)} (${o.percent}%)`}</span>
              ))}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
