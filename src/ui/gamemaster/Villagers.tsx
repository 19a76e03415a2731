/**
 * The villagers, compact: name, trade and temper, disposition toward the player (a bar from the
 * middle, in the colours of their dots on the grid), their reaction to the last turn, and
 * whether they are within reach (and so react to the next action).
 */
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { dispositionBar, dispositionText } from './disposition.ts';

export function Villagers() {
  countRender('GameMasterPanel.villagers');
  const npcs = useSandbox((s) => s.gmScene?.view.npcs ?? null);
  if (!npcs) return null;
  return (
    <div className="gm-villagers" data-testid="gm-villagers">
      <h3>Villagers</h3>
      <ul className="gm-villager-list">
        {npcs.map((npc) => {
          const bar = dispositionBar(npc.disposition);
          return (
            <li key={npc.id} className={npc.inReach ? 'gm-villager in-reach' : 'gm-villager'}>
              <span className="gm-villager-name">
                <strong>{npc.name}</strong> <span className="muted">{`${npc.trade}, ${npc.temper}`}</span>
              </span>
              <span className="gm-disposition">
                <span className="gm-disposition-track" aria-hidden="true">
                  <span className="gm-disposition-fill" style={{ left: `${bar.left}%`, width: `${bar.width}%`, background: bar.color }} />
                </span>
                <span className="gm-disposition-text">{dispositionText(npc.disposition)}</span>
              </span>
              <span className="gm-villager-emote">{npc.emote === 'neutral' ? 'no reaction' : npc.emote}</span>
              <span className={npc.inReach ? 'gm-reach' : 'gm-reach muted'}>{npc.inReach ? 'in reach' : 'away'}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
