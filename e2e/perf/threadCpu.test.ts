import { describe, expect, it } from 'vitest';
import { compareCpu, cpuPerFrame, parseTaskStat, partOf, readChromiumThreads, totalOf, type ThreadTime } from './threadCpu.ts';

/** A /proc/<pid>/task/<tid>/stat line with the given name and user/system ticks. */
const statLine = (comm: string, utime: number, stime: number): string =>
  `4242 (${comm}) S 1 4242 4242 0 -1 4194560 1234 0 0 0 ${utime} ${stime} 0 0 20 0 12 0 98765 123456789 4321 18446744073709551615`;

describe('pricing frames in CPU from /proc', () => {
  it('parseTaskStat reads the name and user + system ticks, even with spaces and parentheses in the name', () => {
    expect(parseTaskStat(statLine('VizCompositorTh', 120, 30))).toEqual({ comm: 'VizCompositorTh', ticks: 150 });
    expect(parseTaskStat(statLine('a (b) c', 7, 3))).toEqual({ comm: 'a (b) c', ticks: 10 });
    expect(parseTaskStat('garbage')).toBeNull();
    expect(parseTaskStat('1 (x) S 1 2')).toBeNull();
  });

  it('partOf names the process type and the thread, folds numbered pools and calls the main thread main', () => {
    const gpu = '/usr/lib/chromium/chromium --type=gpu-process --use-gl=angle';
    expect(partOf(gpu, 'Thread<00>', false)).toBe('gpu-process:Thread<#>');
    expect(partOf(gpu, 'Thread<01>', false)).toBe('gpu-process:Thread<#>');
    expect(partOf('/usr/lib/chromium/chromium --type=renderer', 'chromium', true)).toBe('renderer:main');
    expect(partOf('/usr/lib/chromium/chromium --headless', 'CrBrowserMain', true)).toBe('browser:main');
  });

  it('cpuPerFrame divides each part\'s new ticks (10 ms each) by the frames; new threads count from zero', () => {
    const t = (part: string, ticks: number): ThreadTime => ({ part, ticks });
    const before = new Map([['1/1', t('renderer:main', 100)], ['2/5', t('gpu-process:Thread<#>', 50)], ['2/6', t('gpu-process:Thread<#>', 40)]]);
    const after = new Map([['1/1', t('renderer:main', 120)], ['2/5', t('gpu-process:Thread<#>', 80)], ['2/6', t('gpu-process:Thread<#>', 40)], ['1/9', t('renderer:DedicatedWorker', 5)]]);
    const parts = cpuPerFrame(before, after, 100);
    expect(parts).toEqual({ 'renderer:main': 2, 'gpu-process:Thread<#>': 3, 'renderer:DedicatedWorker': 0.5 });
    expect(totalOf(parts)).toBe(5.5);
  });

  it('compareCpu: medians per side, the extra per part largest first, null when a side has no windows', () => {
    const app = [{ main: 3, gpu: 8, worker: 1 }, { main: 2, gpu: 7, worker: 1 }, { main: 2.5, gpu: 9, worker: 1 }];
    const bare = [{ main: 2, gpu: 7 }, { main: 2, gpu: 6 }];
    const c = compareCpu(app, bare);
    // Totals 12, 10 and 12.5 against 9 and 8.
    expect(c?.a).toBe(12);
    expect(c?.b).toBe(8.5);
    expect(c?.extra.map((p) => p.part)).toEqual(['gpu', 'worker', 'main']);
    expect(c?.extra[0]?.ms).toBeCloseTo(1.5, 9);
    expect(c?.extra[2]?.ms).toBeCloseTo(0.5, 9);
    expect(compareCpu(app, [])).toBeNull();
  });

  it('readChromiumThreads finds no Chromium in a test run and returns a map either way', () => {
    const threads = readChromiumThreads();
    expect(threads).toBeInstanceOf(Map);
    for (const thread of threads.values()) expect(thread.part).toMatch(/^[a-z-]+:/);
  });
});
