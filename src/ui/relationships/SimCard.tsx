/**
 * One simulation's card. A board holds up to 200 and the worker sends new card objects with
 * every scene message, so each card is memoized on its fields (`sameCard`): only the cards whose
 * simulation moved render again. No effects per card; the retry's pending state lives in the
 * retry button, which exists only on a failed card.
 */
import { memo, useState, type CSSProperties, type MouseEvent } from 'react';
import type { SimCardWire } from '../../protocol/relationshipsScene.ts';
import type { SandboxClient } from '../client.ts';
import { useSandboxContext } from '../context.ts';
import { errorText } from '../sendable.ts';
import { Sparkline } from './Sparkline.tsx';
import { cardLabel, emotionGlyph, initials, progressText, scoreText, statusText } from './simText.ts';

/**
 * Asks the worker to run one failed simulation again, alone; resolves to the sentence that says
 * why it was refused, or null when it was accepted.
 */
export async function retryRefusal(client: Pick<SandboxClient, 'retrySim'>, id: number): Promise<string | null> {
  try {
    await client.retrySim(id);
    return null;
  } catch (error) {
    return errorText(error);
  }
}

function RetryButton({ id, retrying }: { readonly id: number; readonly retrying: boolean }) {
  const { client } = useSandboxContext();
  const [asking, setAsking] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const onClick = (): void => {
    setAsking(true);
    setRefusal(null);
    void retryRefusal(client, id).then((reason) => {
      setAsking(false);
      setRefusal(reason);
    });
  };
  const busy = asking || retrying;
  return (
    <div className="sim-retry">
      <button type="button" data-action="retry-sim" disabled={busy} aria-label={`Retry simulation ${id}`} onClick={onClick}>
        {busy ? 'Retrying…' : 'Retry'}
      </button>
      {refusal === null ? null : (
        <p className="sim-refusal" role="alert">
          {refusal}
        </p>
      )}
    </div>
  );
}

/** An avatar's colours from the persona's hue: a light disc under dark letters reads at any hue. */
const avatarStyle = (hue: number): CSSProperties => ({ backgroundColor: `hsl(${Math.round(hue)} 70% 76%)` });

function Persona({ name, hue, emotion }: { readonly name: string; readonly hue: number; readonly emotion: string }) {
  return (
    <span className="sim-persona">
      <span className="sim-avatar" style={avatarStyle(hue)} aria-hidden="true">
        {initials(name)}
      </span>
      <span className="sim-name">{name}</span>
      <span className={`sim-emotion emotion-${emotion}`}>
        <span aria-hidden="true">{emotionGlyph(emotion)}</span> {emotion}
      </span>
    </span>
  );
}

interface SimCardProps {
  readonly card: SimCardWire;
  readonly onOpen: (id: number) => void;
}

function SimCardView({ card, onOpen }: SimCardProps) {
  const last = card.commitment[card.commitment.length - 1];
  // The whole card opens the transcript (a click anywhere on it), except its retry controls;
  // the keyboard reaches it through the card's button, whose Enter or Space click bubbles here.
  const onClick = (event: MouseEvent<HTMLLIElement>): void => {
    if (event.target instanceof Element && event.target.closest('.sim-retry')) return;
    onOpen(card.id);
  };
  return (
    <li className={`sim-card status-${card.status}`} data-testid="sim-card" data-sim={card.id} data-status={card.status} onClick={onClick}>
      {/* Named by what it shows (a name must contain the visible words); the whole story is its description. */}
      <button type="button" className="sim-open" aria-describedby={`sim-story-${card.id}`} aria-haspopup="dialog">
        <span className="sim-head">
          <span className="sim-id">Sim {card.id}</span>
          <span className="sim-status">{statusText(card.status, card.retrying)}</span>
        </span>
        <Persona name={card.names[0]} hue={card.hues[0]} emotion={card.emotions[0]} />
        <Persona name={card.names[1]} hue={card.hues[1]} emotion={card.emotions[1]} />
        <span className="sim-progress">{progressText(card)}</span>
        <span className="sim-trend">
          <Sparkline commitment={card.commitment} scenes={card.scenes} width={100} height={24} />
          <span className="sim-score">{last === undefined ? '—' : scoreText(last)}</span>
        </span>
      </button>
      <span id={`sim-story-${card.id}`} hidden>
        {cardLabel(card)}
      </span>
      {card.status === 'failed' ? (
        <>
          {card.error === null ? null : <p className="sim-error">{card.error}</p>}
          <RetryButton id={card.id} retrying={card.retrying} />
        </>
      ) : null}
    </li>
  );
}

const samePair = <T,>(a: readonly [T, T], b: readonly [T, T]): boolean => a[0] === b[0] && a[1] === b[1];

/** Whether two versions of a card draw the same: every field the card shows, compared by value. */
export function sameCard(a: SimCardWire, b: SimCardWire): boolean {
  if (a === b) return true;
  if (a.id !== b.id || a.status !== b.status || a.scene !== b.scene || a.scenes !== b.scenes || a.step !== b.step) return false;
  if (a.error !== b.error || a.retrying !== b.retrying) return false;
  if (!samePair(a.names, b.names) || !samePair(a.hues, b.hues) || !samePair(a.emotions, b.emotions)) return false;
  return a.commitment.length === b.commitment.length && a.commitment.every((score, i) => score === b.commitment[i]);
}

/** A simulation's card, rendered again only when what it shows has changed. */
export const SimCard = memo(SimCardView, (prev, next) => prev.onOpen === next.onOpen && sameCard(prev.card, next.card));
