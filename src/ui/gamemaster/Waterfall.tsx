/**
 * The waterfall of a turn: the latest by default (it follows each new turn), or an earlier one
 * picked from the view's recent turns; with its legend.
 */
import { useId, useState } from 'react';
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { WaterfallChart } from './WaterfallChart.tsx';
import type { NpcNames } from './waterfallText.ts';

const LEGEND: readonly { readonly swatch: string; readonly text: string }[] = [
  { swatch: 'src-model', text: 'model' },
  { swatch: 'src-cache', text: 'cache hit (no call)' },
  { swatch: 'src-fallback', text: 'fallback' },
  { swatch: 'src-fallback late', text: 'answered after the reply' },
  { swatch: 'src-model bg', text: 'background job' },
  { swatch: 'line deadline', text: 'deadline' },
  { swatch: 'line first', text: 'first words' },
  { swatch: 'line reply', text: 'reply' },
];

function WaterfallLegend() {
  return (
    <ul className="gm-wf-legend" aria-label="Waterfall legend">
      {LEGEND.map(({ swatch, text }) => (
        <li key={text}>
          <span className={`gm-wf-swatch ${swatch}`} aria-hidden="true" />
          {text}
        </li>
      ))}
    </ul>
  );
}

export function Waterfall() {
  countRender('GameMasterPanel.waterfall');
  const turns = useSandbox((s) => s.gmScene?.view.turns ?? null);
  const latest = useSandbox((s) => s.gmScene?.view.lastTurn ?? null);
  const npcs = useSandbox((s) => s.gmScene?.view.npcs ?? null);
  const [picked, setPicked] = useState<number | null>(null);
  const selectId = useId();
  const pickedTurn = picked === null ? undefined : turns?.find((t) => t.turn === picked);
  const shown = pickedTurn ?? latest;
  const names: NpcNames = (id) => npcs?.find((npc) => npc.id === id)?.name;
  const choices = turns ? [...turns].reverse() : [];
  return (
    <div className="gm-waterfall" data-testid="gm-waterfall">
      <div className="gm-wf-head">
        <h3>Waterfall of a turn</h3>
        {choices.length > 1 && shown ? (
          <span className="gm-wf-pick">
            <label htmlFor={selectId}>Turn</label>
            <select
              id={selectId}
              value={pickedTurn ? String(pickedTurn.turn) : 'latest'}
              onChange={(event) => {
                setPicked(event.target.value === 'latest' ? null : Number(event.target.value));
              }}
            >
              <option value="latest">the latest</option>
              {choices.map((t) => (
                <option key={t.turn} value={String(t.turn)}>{`${t.turn}: ${t.action.slice(0, 40)}`}</option>
              ))}
            </select>
          </span>
        ) : null}
      </div>
      <WaterfallLegend />
      {shown ? (
        <WaterfallChart key={shown.turn} turn={shown} names={names} />
      ) : (
        <p className="muted">No turns yet: each assessment of your first action shows here as a bar, as in a browser’s network panel.</p>
      )}
    </div>
  );
}
