import type { SegmentKind } from './timelineLayout.ts';
import './timeline.css';

const ENTRIES: readonly { kind: SegmentKind; text: string }[] = [
  { kind: 'queued', text: 'waiting in line' },
  { kind: 'running', text: 'running' },
  { kind: 'success', text: 'succeeded' },
  { kind: 'failed', text: 'failed attempt + backoff (then retried)' },
  { kind: 'fallback', text: 'fell back to the mock' },
];

/** What the timeline colours mean; the swatches use the same CSS variables as the canvas. */
export function TimelineLegend() {
  return (
    <ul className="tl-colors timeline-legend" aria-label="Legend">
      {ENTRIES.map(({ kind, text }) => (
        <li key={kind}>
          <span className={`timeline-swatch swatch-${kind}`} aria-hidden="true" />
          {text}
        </li>
      ))}
    </ul>
  );
}
