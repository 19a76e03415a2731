import { useId, useState } from 'react';
import { useSandbox, useSandboxContext } from '../context.ts';
import { forgetRememberedKey, rememberKey } from '../deviceStorage.ts';
import { applySettings } from '../settings.ts';
import { setNotice } from '../store.ts';
import { TextSetting } from './fields.tsx';

/**
 * The Gemini key. It goes to the worker, which sends it only to the configured endpoint; the
 * page keeps no copy unless the user ticks "remember on this device", and "Forget key" undoes
 * both. The field is cleared once the key is handed over, so it is never shown again.
 */
function KeyEntry() {
  const ctx = useSandboxContext();
  const hasKey = useSandbox((s) => s.hasKey);
  const remembered = useSandbox((s) => s.keyRemembered);
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(false);
  const id = useId();
  const submitKey = (): void => {
    const value = key.trim();
    if (value === '') return;
    setKey('');
    // The key is given for the endpoint set now; remembered with it, once the worker has bound it.
    void applySettings(ctx, {}, { apiKey: value }).then(({ keyOrigins, problems }) => {
      // A key the worker refused (the notice says why) is not remembered either.
      if (problems.some((p) => p.key === 'apiKey')) return;
      let stored = false;
      if (remember) {
        stored = rememberKey(value, keyOrigins);
        if (!stored) setNotice(ctx.store, 'storage', { level: 'warning', message: 'This browser would not store the key; it is kept for this session only.' });
      } else {
        forgetRememberedKey();
      }
      ctx.store.setState({ keyRemembered: stored });
    });
  };
  const forget = (): void => {
    forgetRememberedKey();
    ctx.store.setState({ keyRemembered: false });
    void applySettings(ctx, {}, { apiKey: '' });
  };
  return (
    <div className="field">
      <label htmlFor={id}>Gemini API key</label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder={hasKey ? (remembered ? 'A key is set and remembered here' : 'A key is set for this session') : 'Paste a key'}
        value={key}
        onChange={(event) => {
          setKey(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') submitKey();
        }}
      />
      <label className="inline">
        <input
          type="checkbox"
          checked={remember}
          onChange={(event) => {
            setRemember(event.target.checked);
          }}
        />
        Remember on this device
      </label>
      <div className="row">
        <button type="button" disabled={key.trim() === ''} onClick={submitKey}>
          Use key
        </button>
        <button type="button" disabled={!hasKey && !remembered} onClick={forget}>
          Forget key
        </button>
      </div>
      <span className="field-hint" data-testid="key-status">
        {hasKey ? (remembered ? 'Key set; remembered in this browser.' : 'Key set; kept in memory until you close the tab.') : 'No key set.'}
      </span>
    </div>
  );
}

/** Gemini settings: key, model and generation settings, endpoint. */
export function LiveSettings() {
  return (
    <>
      <KeyEntry />
      <TextSetting name="model" label="Model" type="text" hint="Any Gemini model name; a fast flash model by default" />
      <TextSetting name="temperature" label="Temperature (0 to 2)" />
      <TextSetting name="maxTokens" label="Max output tokens" />
      <TextSetting name="baseUrl" label="API base URL (optional)" type="url" hint="Empty for Google; or your proxy, or npm run fake-gemini" />
    </>
  );
}
