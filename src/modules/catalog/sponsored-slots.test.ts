import { describe, expect, it } from 'vitest';
import { fillSponsored, slotOffsets, slotted } from './views/browse.tsx';

describe('the sponsored slots of a results page', () => {
  it('positions 1 and 6 are before the first result and before the fifth', () => {
    expect(slotOffsets([1, 6])).toEqual([0, 4]);
    expect(slotOffsets([3])).toEqual([2]);
    expect(slotOffsets([1, 2])).toEqual([0, 0]);
  });

  it('a page is cut at its markers once; with no sponsored card the markers go, with one only its slot is filled', () => {
    const page = slotted(
      '<ul><template data-sponsored-slot="0"></template><li>a</li><template data-sponsored-slot="1"></template><li>b</li></ul>',
    );
    expect(page.slots).toEqual([0, 1]);
    expect(page.bare.toString()).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(fillSponsored(page, null as never, [], []).toString()).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(slotted('<p>none</p>').bare.toString()).toBe('<p>none</p>');
  });
});
