import { describe, expect, it } from 'vitest';
import { budgetWaitMs } from './BudgetGauge.tsx';

describe('budgetWaitMs', () => {
  it('is null while the budget has room, and the minutes the rest needs when it has not', () => {
    expect(budgetWaitMs(10, 0, 600)).toBeNull();
    expect(budgetWaitMs(0, 600, 600)).toBeNull();
    // ?agents=10000 at 600 RPM: 9,744 waiting behind a full minute take about 16 minutes.
    expect(budgetWaitMs(9_744, 600, 600)).toBeCloseTo(974_400, 0);
  });
});
