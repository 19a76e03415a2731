/**
 * CPU time of every Chromium thread, read from Linux's /proc, so a window's frames can be priced
 * in CPU: milliseconds per drawn frame, by process type and thread name. Why, measured here (issue
 * 16, progress note 12): during a size window the browser keeps ~1.75 of the machine's 2 cores
 * busy, with the app and the bare page alike, so frames per second follow CPU per frame, and the
 * split says where the app's extra frame time goes (the GPU process's rasterising threads, the
 * renderer's main thread, the worker, V8's helper threads). Frame rates swing ±10% between 1 s
 * windows on this shared machine; CPU per frame moves less. Information, not a goal.
 *
 * Linux only: elsewhere (no /proc) `readChromiumThreads` returns an empty map and the split is
 * left out of the report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { median } from './summarise.ts';

/** One thread's CPU time so far and the part it belongs to. */
export interface ThreadTime {
  readonly part: string;
  /** User plus system time, in clock ticks (USER_HZ: 100 a second on Linux). */
  readonly ticks: number;
}

/** Milliseconds in one clock tick of /proc's stat files (USER_HZ is 100 on every Linux Chromium runs on). */
const MS_PER_TICK = 10;

/**
 * A /proc/<pid>/task/<tid>/stat line: the thread's name (comm, in parentheses, which may itself
 * hold spaces or parentheses, hence the last ')') and its user + system ticks (fields 14 and 15).
 */
export function parseTaskStat(text: string): { comm: string; ticks: number } | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const fields = text.slice(close + 2).split(' ');
  // After the comm: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return { comm: text.slice(open + 1, close), ticks: utime + stime };
}

/**
 * The part a thread counts under: its process type (Chromium's `--type=`, 'browser' without one)
 * and its name, with numbered pools folded together ("Thread<00>" and "Thread<01>" are one part).
 * A process's first thread (tid = pid) is called `main`. Threads Chromium leaves unnamed carry
 * the executable's name too (the GPU process has one, "gpu-process:chromium"); they keep it, as
 * nothing says which of them does what.
 */
export function partOf(cmdline: string, comm: string, isMainThread: boolean): string {
  const type = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? 'browser';
  return `${type}:${isMainThread ? 'main' : comm.replace(/\d+/g, '#')}`;
}

/** Every thread of every Chromium process now, keyed by pid/tid. Empty where /proc is missing. */
export function readChromiumThreads(): Map<string, ThreadTime> {
  const threads = new Map<string, ThreadTime>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return threads;
  }
  for (const pid of pids) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!/chrom/i.test(cmdline.split(' ')[0] ?? '')) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = parseTaskStat(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
        if (stat) threads.set(`${pid}/${tid}`, { part: partOf(cmdline, stat.comm, tid === pid), ticks: stat.ticks });
      }
    } catch {
      // The process or thread ended between the listing and the read: it has nothing left to count.
    }
  }
  return threads;
}

/**
 * CPU milliseconds per frame by part between two readings. A thread born in between counts from
 * zero; one that ended is left out (its last ticks are lost, a few ms at most).
 */
export function cpuPerFrame(before: ReadonlyMap<string, ThreadTime>, after: ReadonlyMap<string, ThreadTime>, frames: number): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const [key, thread] of after) {
    const ticks = thread.ticks - (before.get(key)?.ticks ?? 0);
    if (ticks <= 0) continue;
    parts[thread.part] = (parts[thread.part] ?? 0) + (ticks * MS_PER_TICK) / Math.max(1, frames);
  }
  return parts;
}

/** The sum over parts: all of Chromium's CPU per frame. */
export function totalOf(parts: Readonly<Record<string, number>>): number {
  return Object.values(parts).reduce((sum, ms) => sum + ms, 0);
}

/** Where one side's frames cost more CPU than the other's: medians over windows, part by part. */
export interface CpuComparison {
  /** Median over side a's windows of all Chromium CPU per frame (ms). */
  readonly a: number;
  readonly b: number;
  /** a minus b per part (medians over each side's windows), largest first. */
  readonly extra: readonly { readonly part: string; readonly ms: number }[];
}

/** Compares two sides' windows (each a `cpuPerFrame` result); null when either side has none. */
export function compareCpu(a: readonly Readonly<Record<string, number>>[], b: readonly Readonly<Record<string, number>>[]): CpuComparison | null {
  if (a.length === 0 || b.length === 0) return null;
  const parts = new Set([...a, ...b].flatMap((windows) => Object.keys(windows)));
  const extra = [...parts]
    .map((part) => ({ part, ms: median(a.map((w) => w[part] ?? 0)) - median(b.map((w) => w[part] ?? 0)) }))
    .sort((x, y) => y.ms - x.ms);
  return { a: median(a.map(totalOf)), b: median(b.map(totalOf)), extra };
}
