import { describe, expect, it } from 'vitest';
import { buyerLevelFor } from '../orders/index.ts';
import { buyerProgress, nextRecomputationAt, percent, sellerProgress } from './rules.ts';

describe('buyer levels (RULES.md "Levels")', () => {
  it('reads the thresholds at their boundaries, in cents', () => {
    const at = (cents: number) => buyerLevelFor('new', cents);
    expect([0, 499, 500, 30_000, 30_001, 100_000, 100_001].map(at)).toEqual([
      'new',
      'new',
      'level1',
      'level1',
      'level2',
      'level2',
      'level3',
    ]);
  });
  it('keeps VIP, chosen by staff, whatever was spent', () => {
    expect(buyerLevelFor('vip', 0)).toBe('vip');
  });
});

describe('progress', () => {
  it('says what the next buyer level asks and what is missing', () => {
    expect(buyerProgress('level1', 12_000)).toEqual({
      level: 'level1',
      staffChosen: false,
      done: { spentCents: 12_000 },
      next: { level: 'level2', spentCents: 30_001 },
      missing: { spentCents: 18_001 },
    });
    expect(buyerProgress('level3', 200_000).next).toBeNull();
    expect(buyerProgress('vip', 0)).toMatchObject({ staffChosen: true, next: null, missing: null });
  });
  it('says what the next seller level asks, and what the current level gives from the rules in force', () => {
    const p = sellerProgress('new', { salesCents: 200, jobs: 2, rating: 4.8 });
    expect(p.next).toEqual({ level: 'level1', salesCents: 500, jobs: 5, rating: 3 });
    expect(p.missing).toEqual({ salesCents: 300, jobs: 3, rating: 0 });
    expect(p.gives).toEqual({ servicesAllowed: 5, activeBids: 5, clearanceDays: 8 });
    expect(sellerProgress('level2', { salesCents: 40_000, jobs: 30, rating: 4.3 }).missing).toEqual({
      salesCents: 60_001,
      jobs: 20,
      rating: 0.2,
    });
    const expert = sellerProgress('expert', { salesCents: 0, jobs: 0, rating: null });
    expect(expert).toMatchObject({ staffChosen: true, next: null, gives: { servicesAllowed: null, activeBids: null, clearanceDays: 0 } });
  });
  it('names the next daily recomputation: the next UTC midnight', () => {
    expect(nextRecomputationAt(new Date('2026-03-31T23:59:00Z')).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(nextRecomputationAt(new Date('2026-04-01T00:00:00Z')).toISOString()).toBe('2026-04-02T00:00:00.000Z');
  });
  it('fills a bar from 0 to 100', () => {
    expect([percent(0, 500), percent(250, 500), percent(900, 500), percent(1, 0)]).toEqual([0, 50, 100, 100]);
  });
});
