/**
 * The game master's panel under the grid: the narration and the action box, the game's figures
 * with the two comparisons (one at a time, cache), the waterfall of a turn and the villagers.
 * Shown only while the world on screen is the game master's; each part selects its own slice
 * of the scene, which the worker sends at most 4 times a second.
 */
import { useState } from 'react';
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { ActionBox } from './ActionBox.tsx';
import { GmNumbers } from './GmNumbers.tsx';
import { GmToggles } from './GmToggles.tsx';
import { NarrationLog } from './NarrationLog.tsx';
import type { PlayingTurn } from './playing.ts';
import { signedText } from './disposition.ts';
import { Villagers } from './Villagers.tsx';
import { Waterfall } from './Waterfall.tsx';
import './gamemaster.css';

/** Where the player stands in the story: the part of the day, the mood, the village's opinion. */
function StoryLine() {
  const period = useSandbox((s) => s.gmScene?.view.period ?? null);
  const tension = useSandbox((s) => s.gmScene?.view.tension ?? null);
  const reputation = useSandbox((s) => s.gmScene?.view.reputation ?? null);
  const place = useSandbox((s) => s.gmScene?.view.places.find((p) => p.id === s.gmScene?.view.player.place)?.name ?? null);
  if (period === null || tension === null || reputation === null) return <p className="muted">Waiting for the village…</p>;
  const opinion = reputation >= 0.25 ? 'liked' : reputation <= -0.25 ? 'distrusted' : 'unknown';
  return <p className="gm-story">{`${period[0]?.toUpperCase() ?? ''}${period.slice(1)}${place ? ` at ${place}` : ''} · mood ${tension} · the village: ${opinion} (${signedText(reputation)})`}</p>;
}

/** The panel's parts for one village; remounted with each new world, so nothing of the last one lingers. */
function GameMasterBody() {
  const [playing, setPlaying] = useState<PlayingTurn | null>(null);
  return (
    <>
      <StoryLine />
      <div className="gm-grid">
        <div className="gm-play">
          <NarrationLog playing={playing} />
          <ActionBox playing={playing} onPlaying={setPlaying} />
        </div>
        <div className="gm-side">
          <GmNumbers />
          <GmToggles />
        </div>
      </div>
      <Waterfall />
      <Villagers />
    </>
  );
}

export function GameMasterPanel() {
  countRender('GameMasterPanel');
  const gamemaster = useSandbox((s) => s.world?.scenario === 'gamemaster');
  const worldId = useSandbox((s) => s.world?.worldId ?? -1);
  if (!gamemaster) return null;
  return (
    <section className="panel gamemaster" aria-label="Game master" data-testid="gm-panel">
      <h2>Game master</h2>
      <GameMasterBody key={worldId} />
    </section>
  );
}
