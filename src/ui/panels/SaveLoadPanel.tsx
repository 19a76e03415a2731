import { useEffect, useRef, useState } from 'react';
import type { ActionContext } from '../actions.ts';
import { useSandboxContext } from '../context.ts';
import { downloadSave, openFile } from '../saveLoad.ts';

/** True when a drag carries files (not text or a link dragged from the page itself). */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** Opens a file and says what was opened (a bad file's sentence is a notice instead). */
function openAndSay(ctx: ActionContext, file: File, say: (status: string) => void): void {
  void openFile(ctx, file).then((result) => {
    say(result.ok ? `Opened ${file.name}.` : '');
  });
}

/**
 * Save downloads the run as a JSON file; Open (or a file dropped anywhere on the page) replaces
 * the run with one. What went wrong with a bad file is a notice; what was opened is said here.
 */
export function SaveLoadPanel() {
  const ctx = useSandboxContext();
  const input = useRef<HTMLInputElement>(null);
  const [withCalls, setWithCalls] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => {
    const over = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      // Without this the browser would open the file in place of the app.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent): void => {
      const file = event.dataTransfer?.files[0];
      if (!carriesFiles(event) || !file) return;
      event.preventDefault();
      openAndSay(ctx, file, setStatus);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [ctx]);

  return (
    <section className="panel save-load" aria-label="Save and open">
      <h2>Save and open</h2>
      <div className="row">
        <button type="button" onClick={() => { void downloadSave(ctx, withCalls); }}>
          Save
        </button>
        <button type="button" onClick={() => { input.current?.click(); }}>
          Open…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(event) => {
            const field = event.currentTarget;
            const file = field.files?.[0];
            // Cleared so that choosing the same file again opens it again.
            field.value = '';
            if (file) openAndSay(ctx, file, setStatus);
          }}
        />
      </div>
      <label className="inline">
        <input type="checkbox" checked={withCalls} onChange={(event) => { setWithCalls(event.target.checked); }} />
        Include the call log
      </label>
      <p className="field-hint">The world and the settings, never the API key. Drop a save file anywhere on the page to open it.</p>
      <p className="field-hint" role="status">{status}</p>
    </section>
  );
}
