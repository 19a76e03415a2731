import { useId, useState } from 'react';
import { useSandbox, useSandboxContext } from '../context.ts';
import { forgetRememberedKey, rememberKey } from '../deviceStorage.ts';
import { applySettings } from '../settings.ts';
import { setNotice } from '../store.ts';
import type { ConnectionResult } from '../../protocol/protocol.ts';
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
  const openai = useSandbox((s) => s.config.brain === 'openai');
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
      <label htmlFor={id}>{openai ? 'API key (optional: local servers need none)' : 'Gemini API key'}</label>
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

/** Local servers that speak the OpenAI wire format: where they listen, and what to run so the page may reach them. */
export const LOCAL_SERVERS = [
  { id: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', model: 'llama3.2', run: (origin: string) => `OLLAMA_ORIGINS=${origin} ollama serve, then ollama pull llama3.2` },
  { id: 'lmstudio', label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', model: 'local-model', run: () => 'lms server start --cors (or Developer → Start server, with "Enable CORS" on), and load a model' },
  { id: 'llamacpp', label: 'llama.cpp', baseUrl: 'http://localhost:8080/v1', model: 'local-model', run: () => 'llama-server -m your-model.gguf --port 8080' },
] as const;

/** The connection test's result in a sentence. */
export function connectionText(result: ConnectionResult): string {
  if (!result.ok) return result.message;
  const n = result.models.length;
  return n === 0 ? 'Connected, but the server lists no models: load or pull one.' : `Connected: ${n} model${n === 1 ? '' : 's'} (${result.models.slice(0, 6).join(', ')}${n > 6 ? ', …' : ''}).`;
}

/** An OpenAI-compatible server: a preset per local server, and a test that lists its models. */
function OpenAiServer() {
  const ctx = useSandboxContext();
  const [tested, setTested] = useState<string | null>(null);
  const origin = typeof location === 'undefined' ? 'http://localhost:5173' : location.origin;
  const test = (): void => {
    setTested('Asking the server for its models…');
    ctx.client.testConnection().then(
      (result) => {
        setTested(connectionText(result));
      },
      (error: unknown) => {
        setTested(error instanceof Error ? error.message : String(error));
      },
    );
  };
  return (
    <div className="field">
      <span>Local server presets</span>
      <ul className="server-presets">
        {LOCAL_SERVERS.map((server) => (
          <li key={server.id}>
            <button type="button" data-server={server.id} onClick={() => { setTested(null); void applySettings(ctx, { baseUrl: server.baseUrl, model: server.model }); }}>
              {server.label}
            </button>
            <span className="field-hint">{`${server.baseUrl}: run ${server.run(origin)}.`}</span>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" data-action="test-connection" onClick={test}>
          Test connection
        </button>
      </div>
      <p className="field-hint" role="status" data-testid="connection-result">
        {tested ?? 'Lists the server\'s models, or says what went wrong.'}
      </p>
    </div>
  );
}

/** A live brain's settings: key, model and generation settings, endpoint (and for an OpenAI-compatible server, its presets and test). */
export function LiveSettings() {
  const openai = useSandbox((s) => s.config.brain === 'openai');
  return (
    <>
      <KeyEntry />
      {openai ? <OpenAiServer /> : null}
      <TextSetting name="model" label="Model" type="text" hint={openai ? 'A model the server has (e.g. llama3.2 for Ollama)' : 'Any Gemini model name; a fast flash model by default'} />
      <TextSetting name="temperature" label="Temperature (0 to 2)" />
      <TextSetting name="maxTokens" label="Max output tokens" />
      <TextSetting name="baseUrl" label={openai ? 'Server base URL' : 'API base URL (optional)'} type="url" hint={openai ? 'Where the server answers, ending in /v1; or npm run fake-openai (http://127.0.0.1:8789/v1)' : 'Empty for Google; or your proxy, or npm run fake-gemini'} />
    </>
  );
}
