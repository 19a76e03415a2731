/**
 * The game's figures: the reply's first words and the whole reply at p50 and p95, each a small
 * bar against the 500 ms line with its verdict in words; the cache, the background lane,
 * prefetch calls and fallbacks. Before the first turn they say there is nothing measured yet.
 */
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { backgroundText, cacheText, fallbackText, percentileText, prefetchText, TARGET_MS, turnsText } from './numbersText.ts';
import { axisOf } from './waterfallLayout.ts';

function Meter({ label, ms, maxMs }: { readonly label: string; readonly ms: number; readonly maxMs: number }) {
  const under = ms <= TARGET_MS;
  return (
    <li className="gm-meter">
      <span className="gm-meter-track" aria-hidden="true">
        <span className={under ? 'gm-meter-fill under' : 'gm-meter-fill over'} style={{ width: `${Math.min(100, (ms / maxMs) * 100)}%` }} />
        <span className="gm-meter-target" style={{ left: `${(TARGET_MS / maxMs) * 100}%` }} />
      </span>
      <span className={under ? 'gm-meter-text' : 'gm-meter-text over'}>{percentileText(label, ms)}</span>
    </li>
  );
}

export function GmNumbers() {
  countRender('GameMasterPanel.numbers');
  const scene = useSandbox((s) => s.gmScene?.scene ?? null);
  const cacheEnabled = useSandbox((s) => s.gmScene?.view.cacheEnabled ?? s.config.cache);
  if (!scene) return <p className="muted">Waiting for the village…</p>;
  const { response } = scene;
  const maxMs = axisOf(Math.max(TARGET_MS * 1.2, response.p95, response.firstWords.p95)).maxMs;
  return (
    <div className="gm-numbers" data-testid="gm-numbers">
      <h3>Reply time</h3>
      <p className="gm-turns">{turnsText(scene.turns)}</p>
      {scene.turns > 0 ? (
        <div className="gm-meters">
          <p className="gm-meter-head">First words</p>
          <ul aria-label="First words">
            <Meter label="p50" ms={response.firstWords.p50} maxMs={maxMs} />
            <Meter label="p95" ms={response.firstWords.p95} maxMs={maxMs} />
          </ul>
          <p className="gm-meter-head">Whole reply</p>
          <ul aria-label="Whole reply">
            <Meter label="p50" ms={response.p50} maxMs={maxMs} />
            <Meter label="p95" ms={response.p95} maxMs={maxMs} />
          </ul>
        </div>
      ) : null}
      <h3>Cache and lanes</h3>
      <ul className="gm-facts">
        <li data-testid="gm-cache">{cacheText(scene.cache, cacheEnabled)}</li>
        <li data-testid="gm-prefetch">{prefetchText(scene.prefetch, cacheEnabled)}</li>
        <li>{backgroundText(scene.background)}</li>
        <li>{fallbackText(scene.fallbacks, scene.assessed)}</li>
      </ul>
    </div>
  );
}
