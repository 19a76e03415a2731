/**
 * The DAG's editor: its JSON in a text box, loaded with a button. A refused DAG leaves the run
 * as it was and says why under the box, in the worker's one sentence (a cycle names its nodes);
 * the typed text stays so it can be fixed. Once a new DAG is on show, the box holds its spec.
 */
import { useId, useState } from 'react';
import type { SandboxClient } from '../client.ts';
import { useSandbox, useSandboxContext } from '../context.ts';
import { errorText } from '../sendable.ts';

/** Asks the worker to load a DAG; resolves to the sentence that says why it was refused, or null when it loaded. */
export async function dagRefusal(client: Pick<SandboxClient, 'loadDag'>, text: string): Promise<string | null> {
  if (text.trim() === '') return 'The DAG is empty: type its JSON, such as {"nodes": [{"id": "a", "kind": "agent", "prompt": "…"}]}.';
  try {
    const result = await client.loadDag(text);
    return result.ok ? null : result.error;
  } catch (error) {
    return errorText(error);
  }
}

/** The text box, the Load button and the refusal, if any. */
export function DagEditor() {
  const { client } = useSandboxContext();
  const spec = useSandbox((s) => s.pipeScene?.view.spec ?? '');
  // What the user typed; null follows the loaded spec.
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A new DAG (loaded here, or a preset picked in the settings) replaces what was typed: set
  // during render from the previous spec, as React advises, not in an effect. Until it arrives,
  // a DAG just loaded stays in the box as typed.
  const [shownSpec, setShownSpec] = useState(spec);
  if (spec !== shownSpec) {
    setShownSpec(spec);
    setDraft(null);
    setError(null);
  }
  const id = useId();
  const load = (): void => {
    setBusy(true);
    void dagRefusal(client, draft ?? spec).then((refusal) => {
      setBusy(false);
      setError(refusal);
    });
  };
  return (
    <div className={error === null ? 'field dag-editor' : 'field dag-editor field-invalid'}>
      <label htmlFor={id}>DAG (JSON)</label>
      <textarea
        id={id}
        className="dag-spec"
        spellCheck={false}
        rows={10}
        value={draft ?? spec}
        aria-invalid={error !== null}
        aria-describedby={error === null ? `${id}-hint` : `${id}-error`}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
      />
      {error === null ? (
        <span className="field-hint" id={`${id}-hint`}>
          Nodes with an id, a kind (agent or tool) and their inputs; loading a DAG starts a new run.
        </span>
      ) : (
        <span className="field-error" id={`${id}-error`} role="alert" data-testid="dag-error">
          {error}
        </span>
      )}
      <div className="row dag-editor-buttons">
        <button type="button" data-action="load-dag" disabled={busy} onClick={load}>
          {busy ? 'Loading…' : 'Load'}
        </button>
        <button
          type="button"
          data-action="reset-dag-text"
          disabled={draft === null}
          onClick={() => {
            setDraft(null);
            setError(null);
          }}
        >
          Revert
        </button>
      </div>
    </div>
  );
}
