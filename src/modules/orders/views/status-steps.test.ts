import { describe, expect, it } from 'vitest';
import { orderSteps } from './status-steps.tsx';

const ev = (...kinds: string[]) => kinds.map((kind) => ({ kind }));
const shape = (steps: ReturnType<typeof orderSteps>) => steps.map((s) => `${s.kind}${s.current ? '*' : ''}${s.done ? '+' : ''}`).join(' ');

describe('the order page’s steps', () => {
  it('walk a service order from placed to completed, the current step marked', () => {
    const o = { kind: 'service', disputedFrom: null };
    expect(shape(orderSteps({ ...o, status: 'pending' }, ev('placed')))).toBe('placed* in_progress delivered completed');
    expect(shape(orderSteps({ ...o, status: 'in_progress' }, ev('placed', 'accepted')))).toBe('placed+ in_progress* delivered completed');
    expect(shape(orderSteps({ ...o, status: 'delivered' }, ev()))).toBe('placed+ in_progress+ delivered* completed');
    expect(shape(orderSteps({ ...o, status: 'completed' }, ev()))).toBe('placed+ in_progress+ delivered+ completed*+');
  });

  it('start a project’s order hired', () => {
    const steps = orderSteps({ kind: 'project', status: 'in_progress', disputedFrom: null }, ev('hired'));
    expect(shape(steps)).toBe('hired+ in_progress* delivered completed');
  });

  it('end a cancelled order where it stopped, after the steps it passed (a request for changes went back to the work)', () => {
    const o = { kind: 'service', status: 'cancelled', disputedFrom: null };
    expect(shape(orderSteps(o, ev('placed', 'declined')))).toBe('placed+ cancelled*');
    expect(shape(orderSteps(o, ev('placed', 'accepted', 'delivered', 'changes_requested', 'cancel_accepted')))).toBe(
      'placed+ in_progress+ cancelled*',
    );
    expect(shape(orderSteps(o, ev('placed', 'accepted', 'delivered', 'cancel_accepted')))).toBe(
      'placed+ in_progress+ delivered+ cancelled*',
    );
  });

  it('show a dispute as the current step after the state it interrupted', () => {
    const steps = orderSteps({ kind: 'service', status: 'disputed', disputedFrom: 'delivered' }, ev());
    expect(shape(steps)).toBe('placed+ in_progress+ delivered+ disputed*');
  });
});
