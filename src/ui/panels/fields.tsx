import { useId, useState, type ReactNode } from 'react';
import { CONFIG_FIELDS, type ConfigKey } from '../../protocol/config.ts';
import { useSandbox, useSandboxContext } from '../context.ts';
import { applySettings } from '../settings.ts';

interface FieldProps {
  readonly name: ConfigKey;
  readonly label: string;
  readonly hint?: string;
}

/** Checks a typed value with the same rule the URL and the worker use; returns the error or null. */
function check(name: ConfigKey, raw: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const result = CONFIG_FIELDS[name].safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, message: `${result.error.issues[0]?.message ?? 'is invalid'}.` };
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string | undefined; error: string | null; children: ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {label} {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}

/**
 * A text box for a numeric or text setting. The typed text stays until it is valid: a bad value
 * is named under the box and not applied, so nothing the user typed is lost.
 */
export function TextSetting({ name, label, hint, type = 'number' }: FieldProps & { readonly type?: 'number' | 'text' | 'url' }) {
  const ctx = useSandboxContext();
  const current = useSandbox((s) => s.config[name]);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const commit = (): void => {
    if (draft === null) return;
    const result = check(name, draft);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setDraft(null);
    void applySettings(ctx, { [name]: result.value });
  };
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        type={type === 'number' ? 'text' : type}
        inputMode={type === 'number' ? 'decimal' : undefined}
        value={draft ?? String(current)}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') {
            setDraft(null);
            setError(null);
          }
        }}
      />
    </Field>
  );
}

/** A drop-down for a setting with a fixed set of values. */
export function ChoiceSetting({ name, label, hint, options }: FieldProps & { readonly options: readonly (readonly [string, string])[] }) {
  const ctx = useSandboxContext();
  const current = useSandbox((s) => String(s.config[name]));
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={null}>
      <select
        id={id}
        name={name}
        value={current}
        onChange={(event) => {
          void applySettings(ctx, { [name]: event.target.value });
        }}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A checkbox for an on/off setting. */
export function ToggleSetting({ name, label, hint }: FieldProps) {
  const ctx = useSandboxContext();
  const checked = useSandbox((s) => s.config[name] === true);
  const id = useId();
  return (
    <div className="field field-toggle">
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          void applySettings(ctx, { [name]: event.target.checked });
        }}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? <span className="field-hint">{hint}</span> : null}
    </div>
  );
}
