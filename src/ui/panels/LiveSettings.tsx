import { useId, useState } from 'react';
import { useSandbox, useSandboxContext } from '../context.ts';
import { applySettings } from '../settings.ts';
import { TextSetting } from './fields.tsx';

/** Gemini settings. The key is held in memory by the worker only; the page keeps just "has a key". */
export function LiveSettings() {
  const ctx = useSandboxContext();
  const hasKey = useSandbox((s) => s.hasKey);
  const [key, setKey] = useState('');
  const id = useId();
  const submitKey = (value: string): void => {
    void applySettings(ctx, {}, value);
    setKey('');
  };
  return (
    <>
      <div className="field">
        <label htmlFor={id}>Gemini API key</label>
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={hasKey ? 'A key is set (kept in memory only)' : 'Paste a key'}
          value={key}
          onChange={(event) => {
            setKey(event.target.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && key.trim() !== '') submitKey(key);
          }}
        />
        <div className="row">
          <button type="button" disabled={key.trim() === ''} onClick={() => { submitKey(key); }}>
            Use key
          </button>
          <button type="button" disabled={!hasKey} onClick={() => { submitKey(''); }}>
            Forget key
          </button>
        </div>
      </div>
      <TextSetting name="model" label="Model" type="text" />
      <TextSetting name="baseUrl" label="API base URL (optional)" type="url" hint="Empty for Google; or your proxy, or npm run fake-gemini" />
    </>
  );
}
