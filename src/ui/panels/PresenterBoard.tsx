import { RacePanel } from '../timeline/RacePanel.tsx';
import { RequestTimeline } from '../timeline/RequestTimeline.tsx';
import { MetricsPanel } from './MetricsPanel.tsx';

/**
 * Presenter mode: large type, metrics and timelines only, driven from the keyboard. The board is
 * the page's main landmark, so the key line and every panel sit inside one (axe: region).
 */
export function PresenterBoard() {
  return (
    <main className="presenter-board">
      <p className="presenter-keys" aria-label="Keyboard shortcuts">
        <kbd>Space</kbd> start / pause · <kbd>.</kbd> step · <kbd>g</kbd> race · <kbd>r</kbd> reset · <kbd>p</kbd> leave presenter mode
      </p>
      <div className="presenter-metrics">
        <MetricsPanel />
      </div>
      <div className="presenter-race">
        <RacePanel />
      </div>
      <div className="presenter-timeline">
        <RequestTimeline />
      </div>
    </main>
  );
}
