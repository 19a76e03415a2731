import { useSandboxContext } from '../context.ts';
import { presetConfig, presetLink, PRESETS, type Preset } from '../presets.ts';
import { countRender } from '../renderCount.ts';
import { applySettings, syncAddress } from '../settings.ts';

/**
 * The prepared demos as links: a click applies the preset here (and the address bar becomes its
 * link, a new history entry, so Back returns to the settings before); the same link opened
 * anywhere else starts the same demo.
 */
export function PresetsPanel() {
  countRender('PresetsPanel');
  const ctx = useSandboxContext();
  const open = (preset: Preset): void => {
    const config = presetConfig(preset, ctx.store.getState().config);
    // A new history entry before anything is applied, so Back returns to the settings before it.
    syncAddress(ctx, presetLink(preset), 'push');
    void applySettings(ctx, config).then(() => {
      // The preset's own link, which names every key it sets, rather than the differences.
      syncAddress(ctx, presetLink(preset));
      return ctx.client.send({ type: 'start' });
    });
  };
  return (
    <section className="panel presets" aria-label="Presets">
      <h2>Presets</h2>
      <ul className="preset-list">
        {PRESETS.map((preset) => (
          <li key={preset.id}>
            <a
              href={presetLink(preset)}
              data-preset={preset.id}
              title={preset.lesson}
              onClick={(event) => {
                event.preventDefault();
                open(preset);
              }}
            >
              {preset.label}
            </a>
            <span className="field-hint">{preset.lesson}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
