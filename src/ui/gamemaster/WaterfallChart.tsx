/**
 * One turn's waterfall, like a browser's network panel: a row per assessment (a bar from when
 * it was asked to when its value was there, coloured by where the value came from), the
 * background lane after them, and the deadline, first words and reply as lines across. Plain
 * HTML placed in % of the axis; each row says itself in a sentence for screen readers.
 */
import { useState } from 'react';
import type { TurnRecordWire } from '../../protocol/gamemasterScene.ts';
import { formatMs } from '../timeline/timelineText.ts';
import { waterfallLayout, type Marker, type WaterfallRow } from './waterfallLayout.ts';
import { anchorOf, backgroundSummary, barLabel, rowDuration, rowText, tickLabel, turnSummary, type NpcNames } from './waterfallText.ts';

/** Background rows shown before "Show all" (a turn's prefetch can queue dozens). */
const BACKGROUND_SHOWN = 8;

const at = (marker: Marker): { left: string } => ({ left: `${marker.at}%` });

function Row({ row, turn, names }: { readonly row: WaterfallRow; readonly turn: TurnRecordWire; readonly names: NpcNames }) {
  const label = barLabel(row.name, names);
  const text = rowText(row, label, turn.responseMs, turn.late.find((l) => l.name === row.name && row.lane === 'interactive'));
  const classes = ['gm-wf-bar', `src-${row.source}`, row.open ? 'open' : '', row.late ? 'late' : ''].filter((c) => c !== '').join(' ');
  return (
    <li className={`gm-wf-row lane-${row.lane}`} title={text}>
      <span className="gm-wf-name" aria-hidden="true">{label}</span>
      <span className="gm-wf-track" aria-hidden="true">
        <span className={classes} style={{ left: `${row.left}%`, width: `${row.width}%` }} />
      </span>
      <span className="gm-wf-ms" aria-hidden="true">{rowDuration(row)}</span>
      <span className="sr-only">{text}</span>
    </li>
  );
}

/** The waterfall of `turn`; `names` gives villagers' names for their bars. */
export function WaterfallChart({ turn, names }: { readonly turn: TurnRecordWire; readonly names: NpcNames }) {
  const [allBackground, setAllBackground] = useState(false);
  const layout = waterfallLayout(turn);
  const background = allBackground ? layout.background : layout.background.slice(0, BACKGROUND_SHOWN);
  const hidden = layout.background.length - background.length;
  return (
    <>
      <p className="gm-wf-summary">{turnSummary(turn)}</p>
      <div className="gm-wf-chart">
        <div className="gm-wf-lines" aria-hidden="true">
          {layout.deadline ? <span className="gm-wf-line deadline" style={at(layout.deadline)} /> : null}
          <span className="gm-wf-line first" style={at(layout.firstWords)} />
          <span className="gm-wf-line reply" style={at(layout.reply)} />
        </div>
        <div className="gm-wf-scale" aria-hidden="true">
          {layout.ticks.map((tick, i) => (
            <span key={tick.ms} className={`gm-wf-label ${anchorOf(tick.at)}`} style={at(tick)}>
              {tickLabel(tick.ms, layout.maxMs, i === layout.ticks.length - 1)}
            </span>
          ))}
        </div>
        <div className="gm-wf-scale" aria-hidden="true">
          {layout.deadline ? (
            <span className={`gm-wf-label mark-deadline ${anchorOf(layout.deadline.at)}`} style={at(layout.deadline)}>
              {`deadline ${formatMs(layout.deadline.ms)}`}
            </span>
          ) : (
            <span className="gm-wf-label start">one at a time: no deadline</span>
          )}
        </div>
        <ol className="gm-wf-rows" aria-label={`Turn ${turn.turn}: its assessments`}>
          {layout.interactive.map((row) => (
            <Row key={row.key} row={row} turn={turn} names={names} />
          ))}
        </ol>
        <div className="gm-wf-scale" aria-hidden="true">
          <span className={`gm-wf-label mark-reply ${anchorOf(layout.reply.at)}`} style={at(layout.reply)}>
            {`reply ${formatMs(layout.reply.ms)}`}
          </span>
        </div>
        <p className="gm-wf-lane">{backgroundSummary(turn.background)}</p>
        {background.length > 0 ? (
          <ol className="gm-wf-rows" aria-label={`Turn ${turn.turn}: background lane`}>
            {background.map((row) => (
              <Row key={row.key} row={row} turn={turn} names={names} />
            ))}
          </ol>
        ) : null}
      </div>
      {hidden > 0 || allBackground ? (
        <button type="button" className="link-button" aria-expanded={allBackground} onClick={() => { setAllBackground(!allBackground); }}>
          {allBackground ? 'Show fewer background jobs' : `Show all ${layout.background.length} background jobs`}
        </button>
      ) : null}
    </>
  );
}
