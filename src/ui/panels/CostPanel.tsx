import { useState } from 'react';
import { useSandbox } from '../context.ts';
import { costOf, DEFAULT_PRICES, formatCost, loadPrices, savePrices, type PriceTable } from '../prices.ts';
import { countRender } from '../renderCount.ts';
import { formatCount } from '../numbers.ts';

/** One editable price cell; a value that is not a number ≥ 0 is named and not applied. */
function PriceCell({ label, value, onChange }: { label: string; value: number; onChange: (next: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(value);
  const parsed = Number(text);
  const bad = text.trim() === '' || !Number.isFinite(parsed) || parsed < 0;
  return (
    <input
      className={bad ? 'price invalid' : 'price'}
      aria-label={label}
      aria-invalid={bad}
      title={bad ? 'A price is a number of dollars, 0 or more' : label}
      inputMode="decimal"
      value={text}
      onChange={(event) => {
        setDraft(event.target.value);
      }}
      onBlur={() => {
        if (!bad) {
          onChange(parsed);
          setDraft(null);
        }
      }}
    />
  );
}

/** Tokens used so far and what they cost at the (editable) price of the current model. */
export function CostPanel() {
  countRender('CostPanel');
  // Each count on its own: the tokens object is new with every tick, and a panel that re-rendered
  // on it would rewrite its price inputs 4 times a second (React resets an input's name on each update).
  const promptTokens = useSandbox((s) => s.metrics?.tokens.promptTokens);
  const outputTokens = useSandbox((s) => s.metrics?.tokens.outputTokens);
  const totalTokens = useSandbox((s) => s.metrics?.tokens.totalTokens);
  const tokens = promptTokens === undefined || outputTokens === undefined || totalTokens === undefined ? undefined : { promptTokens, outputTokens, totalTokens };
  const model = useSandbox((s) => s.config.model);
  const [prices, setPrices] = useState<PriceTable>(loadPrices);
  const update = (next: PriceTable): void => {
    setPrices(next);
    savePrices(next);
  };
  const cost = tokens ? costOf(tokens, prices[model]) : null;
  const rows = Object.keys(prices[model] ? prices : { ...prices, [model]: { input: 0, output: 0 } });
  return (
    <section className="panel cost" aria-label="Tokens and cost">
      <h2>Tokens and cost</h2>
      <p data-testid="tokens-total">
        {`${formatCount(tokens?.totalTokens ?? 0)} tokens (${formatCount(tokens?.promptTokens ?? 0)} in, ${formatCount(tokens?.outputTokens ?? 0)} out)`}
      </p>
      <p data-testid="cost-estimate">
        {cost === null ? `No price for ${model}: add one below to estimate the cost.` : `Estimated cost: ${formatCost(cost)} at ${model} prices`}
      </p>
      <details>
        <summary>Prices (US$ per million tokens)</summary>
        <table className="prices">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Input</th>
              <th scope="col">Output</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((name) => {
              const row = prices[name] ?? { input: 0, output: 0 };
              return (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>
                    <PriceCell label={`${name} input price`} value={row.input} onChange={(input) => { update({ ...prices, [name]: { ...row, input } }); }} />
                  </td>
                  <td>
                    <PriceCell label={`${name} output price`} value={row.output} onChange={(output) => { update({ ...prices, [name]: { ...row, output } }); }} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="button" onClick={() => { update(DEFAULT_PRICES); }}>
          Restore list prices
        </button>
      </details>
    </section>
  );
}
