/**
 * One Chart.js chart per canvas, created once and fed in place. Recreating a chart on every
 * store update would rebuild scales, listeners and the canvas context four times a second.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { Chart, type ChartConfiguration, type ChartType } from 'chart.js';
import './chartTheme.ts';

/** Builds a chart's configuration (empty data) for the canvas it will draw on. */
export type ChartFactory<TType extends ChartType, TData, TLabel> = (canvas: HTMLCanvasElement) => ChartConfiguration<TType, TData, TLabel>;

/** Writes new input into a live chart's data; `useChart` then redraws it without animation. */
export type ChartApply<TType extends ChartType, TData, TLabel, TInput> = (chart: Chart<TType, TData, TLabel>, input: TInput) => void;

/**
 * Creates the chart on mount, applies `input` whenever it changes and destroys the chart on
 * unmount. `create` and `apply` must be stable (module-level functions): a new `create`
 * rebuilds the chart. Returns the ref to put on the `<canvas>`.
 */
export function useChart<TType extends ChartType, TData, TLabel, TInput>(
  create: ChartFactory<TType, TData, TLabel>,
  apply: ChartApply<TType, TData, TLabel, TInput>,
  input: TInput,
): RefObject<HTMLCanvasElement | null> {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<TType, TData, TLabel> | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const chart = new Chart(canvas, create(canvas));
    chartRef.current = chart;
    return () => {
      chartRef.current = null;
      chart.destroy();
    };
  }, [create]);

  // Declared after the creating effect, so on mount (and on a Strict Mode remount) the chart
  // exists by the time this runs; `create` is listed so a rebuilt chart gets its data at once.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    apply(chart, input);
    chart.update('none');
  }, [create, apply, input]);

  return canvasRef;
}
