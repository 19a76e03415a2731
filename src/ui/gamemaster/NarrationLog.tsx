/**
 * The story so far, newest last, kept scrolled to the newest unless the reader scrolled up.
 * While a turn plays, its action shows at once and its narration as it streams in, so the
 * first words are there before the whole reply. Screen readers hear each finished reply once
 * (a log region announces additions), not every growing fragment.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { narrationEntries, sourceMark, turnNote } from './narration.ts';
import { liveEntry, type PlayingTurn } from './playing.ts';

/** Within this many px of the bottom counts as "at the newest". */
const STICK_PX = 32;

export function NarrationLog({ playing }: { readonly playing: PlayingTurn | null }) {
  countRender('GameMasterPanel.log');
  const log = useSandbox((s) => s.gmScene?.view.log ?? null);
  const turns = useSandbox((s) => s.gmScene?.view.turns ?? null);
  const streaming = useSandbox((s) => s.gmScene?.view.streaming ?? null);
  const entries = useMemo(() => narrationEntries(log ?? [], turns ?? []), [log, turns]);
  const live = liveEntry(playing, streaming, entries.at(-1)?.turn ?? 0);
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [entries, live?.text, live?.action]);

  return (
    <div
      ref={box}
      className="gm-log"
      role="log"
      aria-label="Narration"
      aria-relevant="additions"
      tabIndex={0}
      data-testid="gm-narration"
      onScroll={(event) => {
        const el = event.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
      }}
    >
      {entries.length === 0 && live === null ? (
        <p className="muted">Nothing has happened yet. Say what you do below, or pick a suggestion.</p>
      ) : null}
      <ol className="gm-log-list">
        {entries.map((entry) => {
          const mark = sourceMark(entry.source);
          const note = turnNote(entry);
          return (
            <li key={entry.turn} className="gm-entry">
              <p className="gm-entry-action">
                <span className="sr-only">{`Turn ${entry.turn}, you: `}</span>
                <span aria-hidden="true">› </span>
                {entry.action}
              </p>
              <p className="gm-entry-text">
                {entry.text}
                {mark ? <span className={`gm-mark gm-mark-${entry.source}`} title={`The narration came from the ${entry.source === 'cache' ? 'cache' : 'fallback'}`}>{mark}</span> : null}
              </p>
              {entry.lines.map((line, i) => (
                <p key={i} className="gm-entry-line">{line}</p>
              ))}
              {note ? <p className="gm-entry-note">{note}</p> : null}
            </li>
          );
        })}
      </ol>
      {live ? (
        // Not announced while it grows: the finished reply is, once it joins the list above.
        <div className="gm-entry gm-entry-live" aria-hidden="true">
          {live.action !== null ? <p className="gm-entry-action">{`› ${live.action}`}</p> : null}
          <p className="gm-entry-text">
            {live.text}
            {live.done ? null : <span className="gm-cursor">▍</span>}
          </p>
        </div>
      ) : null}
    </div>
  );
}
