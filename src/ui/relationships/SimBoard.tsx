/**
 * The relationship simulations' cards, in place of the grid: small multiples, one card per
 * simulation, under a one-line count. The board renders once per scene message (at most 4 a
 * second); each card is memoized on what it shows, and the browser skips laying out cards off
 * screen (content-visibility in relationships.css), so 200 cards cost little more than 20.
 */
import { useCallback } from 'react';
import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { SimCard } from './SimCard.tsx';
import { SimTranscript } from './SimTranscript.tsx';
import { countsText } from './simText.ts';
import './relationships.css';

function BoardSummary() {
  const summary = useSandbox((s) => (s.relScene ? countsText(s.relScene.scene) : null));
  return (
    <p className="sim-summary" data-testid="sim-summary">
      {summary ?? 'Waiting for the simulations…'}
    </p>
  );
}

/** The simulations' cards and the transcript of the one that is open. */
export function SimBoard() {
  countRender('SimBoard');
  const { client } = useSandboxContext();
  const sims = useSandbox((s) => s.relScene?.scene.sims ?? null);
  // Stable, so a card's memo sees the same callback on every scene message.
  const open = useCallback((id: number) => {
    void client.openSim(id);
  }, [client]);
  return (
    <section className="sim-board" aria-label="Simulations" data-testid="sim-board">
      <BoardSummary />
      {sims === null || sims.length === 0 ? null : (
        <ul className="sim-grid" aria-label="One card per simulation">
          {sims.map((card) => (
            <SimCard key={card.id} card={card} onOpen={open} />
          ))}
        </ul>
      )}
      <SimTranscript />
    </section>
  );
}
