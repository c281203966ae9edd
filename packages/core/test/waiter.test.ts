import { describe, expect, it } from 'vitest';
import { statusValues, waiterDelay } from '../src/waiter.js';

describe('waiterDelay', () => {
  it('draws between minDelay and a bound that doubles per attempt, then stays at maxDelay', () => {
    // random 1 gives the bound itself, random 0 the floor.
    expect([1, 2, 3, 4].map((a) => waiterDelay(a, 1000, 6000, () => 1))).toEqual([1000, 2000, 4000, 6000]);
    expect([1, 2, 3].map((a) => waiterDelay(a, 1000, 6000, () => 0))).toEqual([1000, 1000, 1000]);
    expect(waiterDelay(40, 1000, 6000, () => 0)).toBe(6000);
    expect(waiterDelay(2, 1000, 6000, () => 0.5)).toBe(1500);
  });
});

describe('statusValues', () => {
  it('reads every item of a list, nested members and numbers, own members only', () => {
    const result = { Items: [{ Status: { Phase: 'Running' } }, { Status: { Phase: 'Creating' } }, { Status: {} }] };
    expect(statusValues(result, ['Items[]', 'Status', 'Phase'])).toEqual(['Running', 'Creating']);
    expect(statusValues({ Info: { State: 3 } }, ['Info', 'State'])).toEqual(['3']);
    expect(statusValues({ Instances: 'not a list' }, ['Instances[]', 'Status'])).toEqual([]);
    expect(statusValues(Object.create({ Status: 'inherited' }), ['Status'])).toEqual([]);
  });
});
