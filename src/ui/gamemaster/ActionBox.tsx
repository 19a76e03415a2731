/**
 * What the player does: a line of text (Enter or "Act" plays it) or one of the suggested
 * actions. While a turn plays the buttons wait; the box stays editable, so the next action can
 * be typed while this one is answered. A refusal (an empty action, a reset) shows as a sentence.
 */
import { useId, useRef, useState, type SubmitEvent } from 'react';
import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { errorText } from '../sendable.ts';
import type { PlayingTurn } from './playing.ts';

/** The game master reads at most this many characters of an action (gameMasterRun.ts, MAX_ACTION). */
export const ACTION_MAX = 200;
const NO_SUGGESTIONS: readonly string[] = [];

/** `onPlaying`: the action played (then with its reply), or null after a refusal; the log shows it before the scene catches up. */
export function ActionBox({ playing, onPlaying }: { readonly playing: PlayingTurn | null; readonly onPlaying: (playing: PlayingTurn | null) => void }) {
  countRender('GameMasterPanel.action');
  const ctx = useSandboxContext();
  const suggestions = useSandbox((s) => s.gmScene?.view.suggestions ?? NO_SUGGESTIONS);
  const streaming = useSandbox((s) => s.gmScene?.view.streaming != null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  // A turn from window.sandbox.act shows only by its narration streaming in.
  const busy = (playing !== null && playing.reply === null) || streaming;

  const play = (action: string, fromBox: boolean): void => {
    const trimmed = action.trim();
    if (busy) return;
    if (trimmed === '') {
      setError('Type an action first, e.g. “look around”.');
      return;
    }
    setError(null);
    onPlaying({ action: trimmed, reply: null });
    ctx.client.act(trimmed).then(
      (reply) => {
        if (fromBox) setText('');
        onPlaying({ action: trimmed, reply });
        input.current?.focus();
      },
      (reason: unknown) => {
        setError(errorText(reason));
        onPlaying(null);
        input.current?.focus();
      },
    );
  };
  const submit = (event: SubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    play(text, true);
  };

  return (
    <form className="gm-action" onSubmit={submit}>
      <label htmlFor={inputId}>What do you do?</label>
      <div className="gm-action-row">
        <input
          ref={input}
          id={inputId}
          type="text"
          maxLength={ACTION_MAX}
          value={text}
          autoComplete="off"
          placeholder="I take the bread from the stall"
          aria-describedby={hintId}
          data-testid="gm-action"
          onChange={(event) => {
            setText(event.target.value);
          }}
        />
        <button type="submit" disabled={busy || text.trim() === ''}>
          {busy ? 'Playing…' : 'Act'}
        </button>
      </div>
      <p className="field-hint" id={hintId}>
        {busy ? 'A turn is playing: its reply is on its way.' : `Enter plays it. At most ${ACTION_MAX} characters.`}
      </p>
      {suggestions.length > 0 ? (
        <div className="gm-suggestions" role="group" aria-label="Suggested actions">
          {suggestions.map((suggestion) => (
            <button key={suggestion} type="button" disabled={busy} onClick={() => { play(suggestion, false); }}>
              {suggestion}
            </button>
          ))}
        </div>
      ) : null}
      <div aria-live="polite">{error ? <p className="field-error">{error}</p> : null}</div>
    </form>
  );
}
