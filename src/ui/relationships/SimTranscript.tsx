/**
 * The open simulation's transcript and scores in a native modal <dialog>: the pair and their
 * traits, the commitment per scene, and every line grouped by scene with where its words came
 * from. The store's `openSim` says which one is open; the dialog follows it (the world changing
 * closes it), and closing the dialog (Escape, the button, the backdrop) tells the worker.
 */
import { useEffect, useId, useRef, type MouseEvent } from 'react';
import type { SimCardWire, SimDetailWire } from '../../protocol/relationshipsScene.ts';
import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import type { SandboxState } from '../store.ts';
import { formatMs } from '../timeline/timelineText.ts';
import { Sparkline } from './Sparkline.tsx';
import { emotionGlyph, groupByScene, initials, scoreText, sourceText, speakerName, stepText } from './simText.ts';
import { formatCount, plural } from '../numbers.ts';

type Persona = SimDetailWire['pair'][number];

const signed = (n: number): string => (n < 0 ? `−${Math.abs(n).toFixed(2)}` : `+${n.toFixed(2)}`);

function PersonaFacts({ persona, partner, affinity, emotion, memories }: { readonly persona: Persona; readonly partner: string; readonly affinity: number; readonly emotion: string; readonly memories: readonly string[] }) {
  return (
    <div className="sim-pair-member">
      <p className="sim-pair-name">
        <span className="sim-avatar" style={{ backgroundColor: `hsl(${Math.round(persona.hue)} 70% 76%)` }} aria-hidden="true">
          {initials(persona.name)}
        </span>
        <strong>{persona.name}</strong>
      </p>
      <p>{`Likes ${persona.likes[0]} and ${persona.likes[1]}; dislikes ${persona.dislikes}.`}</p>
      <p className="muted">{`Warmth ${persona.warmth.toFixed(2)} · assertiveness ${persona.assertiveness.toFixed(2)}`}</p>
      <p>
        Feels <span aria-hidden="true">{emotionGlyph(emotion)}</span> {emotion} · affinity for {partner} {signed(affinity)}
      </p>
      {memories.length === 0 ? null : (
        <details>
          <summary>{`Memories (${formatCount(memories.length)})`}</summary>
          <ul className="sim-memories">
            {memories.map((memory, i) => (
              <li key={i}>{memory}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

const sceneHeading = (scene: number, score: number | undefined): string => (score === undefined ? `Scene ${scene}` : `Scene ${scene} · commitment ${scoreText(score)}`);

function TranscriptLines({ detail }: { readonly detail: SimDetailWire }) {
  const names: [string, string] = [detail.pair[0].name, detail.pair[1].name];
  const scenes = groupByScene(detail.transcript);
  if (scenes.length === 0) return <p className="muted">Nothing said yet: the first scene is being set.</p>;
  return (
    <>
      {scenes.map(({ scene, lines }) => (
        <section key={scene} className="sim-scene">
          <h4>{sceneHeading(scene, detail.commitment[scene - 1])}</h4>
          <ol className="sim-lines">
            {lines.map((line, i) => (
              <li key={i} className={line.speaker === 'master' ? 'sim-line master' : `sim-line speaker-${line.speaker}`}>
                <span className="sim-line-head">
                  <strong>{speakerName(line.speaker, names)}</strong>
                  <span className="muted">{stepText(line.step)}</span>
                  <span className={line.source === 'fallback' ? 'source-tag source-fallback' : 'source-tag'}>{sourceText(line.source)}</span>
                  <span className="muted sim-line-ms">{formatMs(line.ms)}</span>
                </span>
                <span className="sim-line-text">{line.text}</span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

function TranscriptBody({ detail, scenes }: { readonly detail: SimDetailWire; readonly scenes: number }) {
  const [a, b] = detail.pair;
  const figures = `${plural(detail.calls, 'call')} · ${formatCount(detail.fallbacks)} fell back · own time ${formatMs(detail.ownMs)} · ${plural(detail.retries, 'retry', 'retries')}`;
  return (
    <>
      <p className="sim-transcript-status">
        <span className={`sim-status-word status-${detail.status}`}>{detail.status}</span> · {figures}
      </p>
      {detail.error === null ? null : <p className="sim-error">{detail.error}</p>}
      <h3>The pair</h3>
      <div className="sim-pair">
        <PersonaFacts persona={a} partner={b.name} affinity={detail.affinity[0]} emotion={detail.emotions[0]} memories={detail.memories[0]} />
        <PersonaFacts persona={b} partner={a.name} affinity={detail.affinity[1]} emotion={detail.emotions[1]} memories={detail.memories[1]} />
      </div>
      {detail.setting === null ? null : <p className="sim-setting">{`Setting now: ${detail.setting}`}</p>}
      <h3>Commitment</h3>
      <div className="sim-commitment">
        <Sparkline commitment={detail.commitment} scenes={scenes} width={240} height={60} detailed />
        <ol className="sim-scores" aria-label="Commitment per scene">
          <li>start 0.50</li>
          {detail.commitment.map((score, i) => (
            <li key={i}>{`scene ${i + 1}: ${scoreText(score)}`}</li>
          ))}
        </ol>
      </div>
      <h3>Transcript</h3>
      <TranscriptLines detail={detail} />
    </>
  );
}

const cardOf = (s: SandboxState): SimCardWire | undefined => (s.openSim === null ? undefined : s.relScene?.scene.sims.find((sim) => sim.id === s.openSim));

/** The transcript dialog; rendered once by the board, shown while a simulation is open. */
export function SimTranscript() {
  countRender('SimTranscript');
  const { client, store } = useSandboxContext();
  const openSim = useSandbox((s) => s.openSim);
  const detail = useSandbox((s) => s.relScene?.detail ?? null);
  // From the card, as strings and numbers (stable between scene messages): the title shows
  // before the detail arrives, and the detail has no scene count.
  const pair = useSandbox((s) => {
    const names = cardOf(s)?.names;
    return names ? `${names[0]} and ${names[1]}` : null;
  });
  const scenes = useSandbox((s) => cardOf(s)?.scenes ?? 1);
  const ref = useRef<HTMLDialogElement | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (openSim !== null && !dialog.open) {
      // A modal dialog in a hidden pane (a phone showing another view) would make the page inert
      // while showing nothing: then it stays closed, and the worker stops sending the detail.
      if (dialog.parentElement?.getClientRects().length === 0) void client.openSim(null);
      else dialog.showModal();
    } else if (openSim === null && dialog.open) dialog.close();
  }, [openSim, client]);
  const close = (): void => {
    ref.current?.close();
  };
  // Escape, the button and the backdrop all end in `close`; the store may have closed it already.
  const onClose = (): void => {
    if (store.getState().openSim !== null) void client.openSim(null);
  };
  // A click on the dialog itself, not its content, is a click on the backdrop around it.
  const onClick = (event: MouseEvent<HTMLDialogElement>): void => {
    if (event.target === event.currentTarget) close();
  };
  const shown = detail !== null && detail.id === openSim ? detail : null;
  const title = openSim === null ? 'Transcript' : `Simulation ${openSim}${pair === null ? '' : `: ${pair}`}`;
  return (
    <dialog ref={ref} className="sim-transcript" data-testid="sim-transcript" aria-labelledby={titleId} onClose={onClose} onClick={onClick}>
      <div className="sim-transcript-inner">
        <header className="sim-transcript-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" data-action="close-transcript" onClick={close}>
            Close
          </button>
        </header>
        {openSim === null ? null : shown === null ? <p className="muted">Loading the transcript…</p> : <TranscriptBody detail={shown} scenes={scenes} />}
      </div>
    </dialog>
  );
}
