import { describe, expect, it } from 'vitest';
import {
  type ContestDraft,
  contestProblems,
  EARLY_END_ENTRIES,
  endEarlyProblem,
  entryProblems,
  extendProblem,
  pickDeadline,
  pickProblem,
  prizeTotal,
  seesEntry,
} from './rules.ts';

const DAY = 86_400_000;
const good: ContestDraft = {
  title: 'شعار لمقهى في الرياض',
  description: 'نريد شعارًا بسيطًا وواضحًا لمقهى صغير، يناسب اللافتة والأكواب ووسائل التواصل، بألوان دافئة وخط عربي حديث. '.repeat(2),
  conditions: '',
  categoryId: 12,
  skills: ['شعار'],
  prizesCents: [3_000, 1_500],
  entryDays: 14,
  deliveryDays: 3,
  blind: true,
  fileIds: [],
};

describe('contest rules', () => {
  it.each([
    ['a good contest', {}, {}],
    ['no place', { prizesCents: [] }, { prizesCents: 'contest.places_count' }],
    ['four places', { prizesCents: [4000, 3000, 2000, 1000] }, { prizesCents: 'contest.places_count' }],
    ['a place without a prize', { prizesCents: [3000, 0] }, { prizesCents: 'contest.prize_invalid' }],
    ['a fractional prize', { prizesCents: [2000.5] }, { prizesCents: 'contest.prize_invalid' }],
    ['a second place above the first', { prizesCents: [1500, 3000] }, { prizesCents: 'contest.prize_order' }],
    ['a total under $20', { prizesCents: [1000, 999] }, { prizesCents: 'contest.prize_total_min' }],
    ['exactly $20', { prizesCents: [2000] }, {}],
    ['six days', { entryDays: 6 }, { entryDays: 'contest.entry_days_invalid' }],
    ['91 days', { entryDays: 91 }, { entryDays: 'contest.entry_days_invalid' }],
    ['90 days', { entryDays: 90 }, {}],
    ['no delivery time', { deliveryDays: 0 }, { deliveryDays: 'contest.delivery_days_invalid' }],
    ['a short title', { title: 'شعار' }, { title: 'contest.title_length' }],
    ['a short brief', { description: 'قصير' }, { description: 'contest.description_length' }],
    ['no category', { categoryId: null }, { categoryId: 'contest.category_required' }],
    ['six attachments', { fileIds: [1, 2, 3, 4, 5, 6] }, { fileIds: 'contest.files_invalid' }],
  ] as [string, Partial<ContestDraft>, Record<string, string>][])('publishing: %s', (_, over, problems) => {
    expect(contestProblems({ ...good, ...over }, 'submit', true)).toEqual(problems);
  });

  it('keeps a draft that is not finished, but not one that could never be saved', () => {
    const empty = { ...good, title: '', description: '', categoryId: null, prizesCents: [], entryDays: 0, deliveryDays: 0 };
    expect(contestProblems(empty, 'draft', true)).toEqual({});
    expect(contestProblems({ ...empty, prizesCents: [100, 200, 300, 400] }, 'draft', true)).toEqual({
      prizesCents: 'contest.places_count',
    });
    expect(contestProblems({ ...empty, entryDays: 200 }, 'draft', true)).toEqual({ entryDays: 'contest.entry_days_invalid' });
    expect(contestProblems({ ...good, categoryId: 11 }, 'draft', false)).toEqual({ categoryId: 'contest.category_invalid' });
  });

  it('totals the prize that publishing takes into escrow', () => {
    expect(prizeTotal([3_000, 1_500, 500])).toBe(5_000);
  });

  it('checks an entry', () => {
    expect(entryProblems({ description: 'شعار بخط الثلث مع فنجان', fileIds: [7] })).toEqual({});
    expect(entryProblems({ description: 'قصير', fileIds: [] })).toEqual({
      description: 'contest.entry_description_length',
      fileIds: 'contest.entry_files_invalid',
    });
  });

  it('extends once, by at most 14 days, while open', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const c = { status: 'open' as const, endsAt: new Date(now.getTime() + 3 * DAY), extended: false };
    expect(extendProblem(c, new Date(c.endsAt.getTime() + 14 * DAY), now)).toBeNull();
    expect(extendProblem(c, new Date(c.endsAt.getTime() + 14 * DAY + 1), now)).toBe('contest.extend_range');
    expect(extendProblem(c, c.endsAt, now)).toBe('contest.extend_range');
    expect(extendProblem({ ...c, extended: true }, new Date(c.endsAt.getTime() + DAY), now)).toBe('contest.already_extended');
    expect(extendProblem({ ...c, status: 'judging' }, new Date(c.endsAt.getTime() + DAY), now)).toBe('contest.not_open');
    expect(extendProblem(c, new Date(c.endsAt.getTime() + DAY), new Date(c.endsAt.getTime() + 1))).toBe('contest.not_open');
  });

  it('ends early only with enough entries', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const c = { status: 'open' as const, endsAt: new Date(now.getTime() + DAY) };
    expect(endEarlyProblem(c, EARLY_END_ENTRIES - 1, now)).toBe('contest.too_few_entries');
    expect(endEarlyProblem(c, EARLY_END_ENTRIES, now)).toBeNull();
  });

  it('hides other contestants’ entries of a blind contest until the end', () => {
    const c = { blind: true, status: 'open' as const, ownerId: 1 };
    expect(seesEntry(c, 5, { id: 5, staff: false })).toBe(true);
    expect(seesEntry(c, 5, { id: 6, staff: false })).toBe(false);
    expect(seesEntry(c, 5, null)).toBe(false);
    expect(seesEntry(c, 5, { id: 1, staff: false })).toBe(true);
    expect(seesEntry(c, 5, { id: 9, staff: true })).toBe(true);
    expect(seesEntry({ ...c, status: 'judging' }, 5, null)).toBe(true);
    expect(seesEntry({ ...c, blind: false }, 5, null)).toBe(true);
  });

  it('picks one entry per place, every place', () => {
    expect(
      pickProblem(
        [1, 2],
        [
          { place: 1, entryId: 10 },
          { place: 2, entryId: 11 },
        ],
      ),
    ).toBeNull();
    expect(pickProblem([1, 2], [{ place: 1, entryId: 10 }])).toBe('contest.pick_every_place');
    expect(
      pickProblem(
        [1, 2],
        [
          { place: 1, entryId: 10 },
          { place: 1, entryId: 11 },
        ],
      ),
    ).toBe('contest.pick_places_invalid');
    expect(
      pickProblem(
        [1, 2],
        [
          { place: 1, entryId: 10 },
          { place: 3, entryId: 11 },
        ],
      ),
    ).toBe('contest.pick_places_invalid');
    expect(
      pickProblem(
        [1, 2],
        [
          { place: 1, entryId: 10 },
          { place: 2, entryId: 10 },
        ],
      ),
    ).toBe('contest.pick_entry_twice');
  });

  it('gives the owner 14 days after the deadline to pick', () => {
    expect(pickDeadline(new Date('2026-12-01T00:00:00Z')).toISOString()).toBe('2026-12-15T00:00:00.000Z');
  });
});
