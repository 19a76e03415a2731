/**
 * Beliefs on one topic: the topic picker (which also colours the grid), the colour legend, the
 * histogram at the start and at the end of each epoch, and the camps there are now.
 */
import { useId, useMemo } from 'react';
import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { useChart } from '../charts/useChart.ts';
import { BeliefLegend } from './BeliefLegend.tsx';
import { applyHistogram, createHistogramChart } from './histogramChart.ts';
import { describeHistogram, topicSnapshots } from './histogramData.ts';
import { beliefText } from './personaText.ts';
import { formatCount } from '../numbers.ts';

const NO_HISTOGRAMS: readonly never[] = [];

function HistogramChart({ topic, topicKey }: { readonly topic: number; readonly topicKey: string }) {
  countRender('CommunityPanel.histogram');
  const histograms = useSandbox((s) => s.scene?.view.histograms ?? NO_HISTOGRAMS);
  const snapshots = useMemo(() => topicSnapshots(histograms, topic), [histograms, topic]);
  const canvasRef = useChart(createHistogramChart, applyHistogram, snapshots);
  const description = useMemo(() => describeHistogram(topicKey, snapshots), [topicKey, snapshots]);
  return (
    <figure className="chart-figure" data-testid="belief-histogram">
      <figcaption className="chart-title">{`Beliefs on ${topicKey}: personas per bin, at the start and after each epoch`}</figcaption>
      <div className="chart-box">
        <canvas ref={canvasRef} role="img" aria-label={description}>
          {description}
        </canvas>
      </div>
    </figure>
  );
}

export function BeliefHistogram() {
  countRender('CommunityPanel.beliefs');
  const { store } = useSandboxContext();
  const topics = useSandbox((s) => s.scene?.view.topics);
  const colorTopic = useSandbox((s) => s.colorTopic);
  const camps = useSandbox((s) => s.scene?.view.camps[s.colorTopic]);
  const mean = useSandbox((s) => s.scene?.scene.beliefs.mean[s.colorTopic]);
  const selectId = useId();
  if (!topics || topics.length === 0) return null;
  const topic = topics.find((t) => t.id === colorTopic) ?? topics[0];
  const key = topic?.key ?? '';
  return (
    <div className="community-beliefs" data-testid="community-beliefs">
      <h3>Beliefs</h3>
      <div className="field">
        <label htmlFor={selectId}>Topic (also colours the grid)</label>
        <select
          id={selectId}
          value={topic?.id ?? 0}
          onChange={(event) => {
            store.setState({ colorTopic: Number(event.target.value) });
          }}
        >
          {topics.map((t) => (
            <option key={t.id} value={t.id}>{`${t.key}: ${t.statement}`}</option>
          ))}
        </select>
      </div>
      <BeliefLegend topic={topic} />
      <HistogramChart topic={topic?.id ?? 0} topicKey={key} />
      <p className="community-figures">
        {camps === undefined ? null : <span data-testid="camps">{`${formatCount(camps)} ${camps === 1 ? 'camp' : 'camps'} now`}</span>}
        {mean === undefined ? null : <span>{`mean belief ${beliefText(mean)}`}</span>}
      </p>
      <p className="field-hint">A camp is a group of personas whose beliefs lie close together, holding at least 5% of them.</p>
    </div>
  );
}
