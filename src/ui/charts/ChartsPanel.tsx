/**
 * The classroom charts: load against the budget, the spread of latencies and the queue, over
 * the last ten minutes. Each chart subscribes to its own slice (published at most 4 times a
 * second), so the panel itself renders once and each chart at panel rate, never per frame;
 * each chart counts its renders as `ChartsPanel.<name>` so an end-to-end test can check that.
 */
import { useMemo, type RefObject } from 'react';
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import {
  callsPerMinuteSeries,
  describeCalls,
  describeLatency,
  describeQueue,
  latencyHistogram,
  queueDepthSeries,
} from './chartData.ts';
import { applyCalls, applyLatency, applyQueue, createCallsChart, createLatencyChart, createQueueChart } from './chartConfigs.ts';
import { useChart } from './useChart.ts';
import './charts.css';

interface FigureProps {
  readonly title: string;
  readonly description: string;
  readonly canvasRef: RefObject<HTMLCanvasElement | null>;
  readonly testId: string;
}

/** A titled, sized box for one canvas; Chart.js sizes the canvas to the box. */
function ChartFigure({ title, description, canvasRef, testId }: FigureProps) {
  return (
    <figure className="chart-figure" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-box">
        <canvas ref={canvasRef} role="img" aria-label={description} data-testid={`${testId}-canvas`}>
          {description}
        </canvas>
      </div>
    </figure>
  );
}

function CallsChart() {
  countRender('ChartsPanel.calls');
  const history = useSandbox((s) => s.history);
  const rpm = useSandbox((s) => s.config.rpm);
  const series = useMemo(() => callsPerMinuteSeries(history), [history]);
  const canvasRef = useChart(createCallsChart, applyCalls, series);
  const description = useMemo(() => describeCalls(history, rpm), [history, rpm]);
  return <ChartFigure title="Calls per minute against the budget" description={description} canvasRef={canvasRef} testId="chart-calls" />;
}

function LatencyChart() {
  countRender('ChartsPanel.latency');
  const latencies = useSandbox((s) => s.latencies);
  const histogram = useMemo(() => latencyHistogram(latencies), [latencies]);
  const canvasRef = useChart(createLatencyChart, applyLatency, histogram);
  const description = useMemo(() => describeLatency(latencies, histogram), [latencies, histogram]);
  return <ChartFigure title="Latency histogram" description={description} canvasRef={canvasRef} testId="chart-latency" />;
}

function QueueChart() {
  countRender('ChartsPanel.queue');
  const history = useSandbox((s) => s.history);
  const series = useMemo(() => queueDepthSeries(history), [history]);
  const canvasRef = useChart(createQueueChart, applyQueue, series);
  const description = useMemo(() => describeQueue(history), [history]);
  return <ChartFigure title="Queue depth" description={description} canvasRef={canvasRef} testId="chart-queue" />;
}

/** The "Charts" panel: calls against the budget, a latency histogram and the queue depth. */
export function ChartsPanel() {
  countRender('ChartsPanel');
  return (
    <section className="panel charts" aria-label="Charts" data-testid="charts-panel">
      <h2>Charts</h2>
      <CallsChart />
      <LatencyChart />
      <QueueChart />
    </section>
  );
}
