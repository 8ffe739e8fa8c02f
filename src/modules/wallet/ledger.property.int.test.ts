import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, staffUser, type TestApp } from '../../../test/helpers.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { reconcile } from './ledger.ts';

/**
 * Random sequences of wallet operations, valid and invalid, against the real ledger (PGlite, or PostgreSQL with
 * KAFIIL_TEST_DB=postgres), checked after every step against the ledger's own proofs and against a small model
 * of what each balance should be. The model knows the rules (RULES.md "Money") but none of the code: commission
 * is 10% of the gross, half-up to the cent, computed here by hand.
 */

const USERS = 4;
const DAY = 86_400_000;
const PAYS = '4242424242424242';
const DECLINED = '4000000000000002';

let t: TestApp;
let finance: Pick<AuthUser, 'id' | 'roles'>;
let runSeq = 0;

beforeAll(async () => {
  t = await makeTestApp();
  const f = await staffUser(t, ['finance'], 'propfin');
  finance = { id: f.id, roles: ['finance'] };
});
afterAll(async () => {
  await t.close();
});

// ——— the operations ———

/** An amount chosen relative to the balance it draws on, so the boundaries (exactly all of it, one cent more) come up often. */
type Amount = { share: number } | { edge: number } | { cents: number };
const amountArb: fc.Arbitrary<Amount> = fc.oneof(
  fc.record({ share: fc.integer({ min: 0, max: 1000 }) }), // per mille of the balance
  fc.record({ edge: fc.integer({ min: -1, max: 1 }) }), // balance − 1, balance, balance + 1
  fc.record({ cents: fc.integer({ min: 1, max: 40_000 }) }),
);
function holderOf(m: Model, pick: number, kind: keyof Balances): number {
  const having = m.users.flatMap((b, u) => (b[kind] > 0 ? [u] : []));
  return having.length ? having[pick % having.length] : pick % USERS;
}
function resolve(a: Amount, balance: number): number {
  const v = 'share' in a ? Math.floor((balance * a.share) / 1000) : 'edge' in a ? balance + a.edge : a.cents;
  return Math.max(1, v);
}

const user = fc.integer({ min: 0, max: USERS - 1 });
/** A user chosen when the step runs, among those with something in the balance the step draws on (anyone if nobody has). */
const holder = fc.nat({ max: 1000 });
const other = fc.integer({ min: 1, max: USERS - 1 }); // an offset, so the counterpart is someone else

type Op =
  | { op: 'deposit'; u: number; cents: number; card: 'pays' | 'declined' }
  | { op: 'payAgain'; pick: number }
  | { op: 'withdraw'; u: number; amount: Amount }
  | { op: 'decide'; pick: number; approve: boolean; asFinance: boolean }
  | { op: 'hold'; u: number; amount: Amount }
  | { op: 'release'; u: number; to: number; amount: Amount; days: number }
  | { op: 'refund'; u: number; amount: Amount }
  | { op: 'split'; u: number; to: number; amount: Amount; buyerShare: number; days: number }
  | { op: 'clear'; hours: number }
  | { op: 'freeze'; u: number }
  | { op: 'unfreeze'; u: number }
  | { op: 'deduct'; u: number; to: number; amount: Amount };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('deposit' as const),
      u: user,
      // mostly valid amounts; sometimes below the $5 minimum or above the $10,000 maximum
      cents: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 500, max: 30_000 }) }, fc.constantFrom(0, 1, 499, 1_000_001)),
      card: fc.constantFrom('pays' as const, 'pays' as const, 'pays' as const, 'declined' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('payAgain' as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('withdraw' as const), u: holder, amount: amountArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('decide' as const),
      pick: fc.nat(),
      approve: fc.boolean(),
      asFinance: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, fc.constant(false)),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('hold' as const), u: holder, amount: amountArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('release' as const),
      u: holder,
      to: other,
      amount: amountArb,
      days: fc.integer({ min: 0, max: 14 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('refund' as const), u: holder, amount: amountArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('split' as const),
      u: holder,
      to: other,
      amount: amountArb,
      buyerShare: fc.integer({ min: 0, max: 1100 }), // per mille of the amount; above 1000 is an invalid split
      days: fc.integer({ min: 0, max: 14 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('clear' as const), hours: fc.integer({ min: 0, max: 24 * 10 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('freeze' as const), u: user }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unfreeze' as const), u: user }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deduct' as const), u: holder, to: other, amount: amountArb }) },
);

/** Each run starts with most users holding some money, so the later steps are not all refusals of an empty wallet. */
const fundingArb: fc.Arbitrary<Op[]> = fc
  .tuple(...Array.from({ length: USERS }, () => fc.oneof(fc.constant(0), fc.integer({ min: 1000, max: 20_000 }))))
  .map((amounts) => amounts.flatMap((cents, u) => (cents > 0 ? [{ op: 'deposit' as const, u, cents, card: 'pays' as const }] : [])));

// ——— the model ———

interface Balances {
  availableCents: number;
  pendingCents: number;
  escrowCents: number;
  withdrawingCents: number;
  frozenCents: number;
}
const zero = (): Balances => ({ availableCents: 0, pendingCents: 0, escrowCents: 0, withdrawingCents: 0, frozenCents: 0 });

interface Model {
  users: Balances[];
  frozen: boolean[];
  deposits: { id: number; secret: string }[];
  withdrawals: { id: number; u: number; cents: number; status: 'requested' | 'paid' | 'rejected' }[];
  clearances: { u: number; cents: number; clearsAt: number; state: 'open' | 'cleared' | 'held' }[];
  /** Changes to the platform's accounts since the run began. */
  revenue: number;
  world: number;
}

/** 10% of the gross, to the cent, half up: (gross + 5) / 10 rounded down — integer arithmetic only. */
function commissionOf(gross: number): number {
  return Number((BigInt(gross) + 5n) / 10n);
}

/** Runs one operation: returns the refusal code, or null when it went through. Any other error fails the test. */
async function attempt(fn: () => Promise<unknown>): Promise<{ code: string | null; value: unknown }> {
  try {
    return { code: null, value: await fn() };
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, value: null };
    throw err;
  }
}

interface Run {
  actors: AuthUser[];
  ids: number[];
  m: Model;
}

async function newRun(): Promise<Run> {
  runSeq++;
  // Earnings still waiting from earlier runs clear now, so this run's sweep counts only its own.
  await t.services.wallet.runClearances(new Date('9999-01-01T00:00:00Z'));
  const actors: AuthUser[] = [];
  for (let i = 0; i < USERS; i++) {
    const tag = `prop${runSeq}u${i}${Math.random().toString(36).slice(2, 6)}`;
    const row = await t.services.accounts.createDemoUser({ email: `${tag}@example.com`, username: tag, password: 'property test pass 1' });
    actors.push({
      id: row.id,
      username: tag,
      displayName: tag,
      email: row.email,
      roles: [],
      emailVerified: true,
      locale: 'ar',
      sessionId: 0,
    });
  }
  return {
    actors,
    ids: actors.map((a) => a.id),
    m: { users: actors.map(zero), frozen: actors.map(() => false), deposits: [], withdrawals: [], clearances: [], revenue: 0, world: 0 },
  };
}

async function platform() {
  const r = await t.services.wallet.revenue(finance);
  return { revenue: r.revenueCents, world: r.worldCents };
}

/** What the rules say should happen (the expected refusal, or null), applied to the model only when it goes through. */
async function step(run: Run, o: Op): Promise<{ expected: string | null; got: string | null }> {
  const { m, actors, ids } = run;
  const w = t.services.wallet;
  const db = t.deps.db;
  const now = () => t.clock.now().getTime();
  switch (o.op) {
    case 'deposit': {
      const b = m.users[o.u];
      const expected = o.cents < 500 || o.cents > 1_000_000 ? 'validation.failed' : o.card === 'declined' ? 'wallet.card_declined' : null;
      const r = await attempt(async () => {
        const d = await w.createDeposit(actors[o.u], { amountCents: o.cents, method: 'sandbox' }, null);
        const url = new URL(d.checkoutUrl as string);
        const secret = url.searchParams.get('s') as string;
        m.deposits.push({ id: d.id, secret });
        return w.paySandbox(d.id, secret, o.card === 'pays' ? PAYS : DECLINED);
      });
      if (r.code === null) {
        b.availableCents += o.cents;
        m.world -= o.cents;
      }
      return { expected, got: r.code };
    }
    case 'payAgain': {
      if (m.deposits.length === 0) return { expected: null, got: 'skipped' };
      const d = m.deposits[o.pick % m.deposits.length];
      // every deposit in the list was paid or declined already: a second confirmation adds nothing
      const r = await attempt(() => w.paySandbox(d.id, d.secret, PAYS));
      return { expected: 'wallet.deposit_settled', got: r.code };
    }
    case 'withdraw': {
      const u = holderOf(m, o.u, 'availableCents');
      const b = m.users[u];
      const cents = resolve(o.amount, b.availableCents);
      const expected =
        cents < 1000
          ? 'validation.failed'
          : m.frozen[u]
            ? 'wallet.account_frozen'
            : cents > b.availableCents
              ? 'wallet.insufficient_funds'
              : null;
      const r = await attempt(() =>
        w.requestWithdrawal(actors[u], { amountCents: cents, method: 'paypal', details: { email: 'payee@example.com' } }, null),
      );
      if (r.code === null) {
        b.availableCents -= cents;
        b.withdrawingCents += cents;
        m.withdrawals.push({ id: (r.value as { id: number }).id, u: u, cents, status: 'requested' });
      }
      return { expected, got: r.code };
    }
    case 'decide': {
      if (m.withdrawals.length === 0) {
        const r = await attempt(() => w.approveWithdrawal(finance, 2_000_000_000, 'PP-0001'));
        return { expected: 'wallet.withdrawal_not_found', got: r.code };
      }
      const wd = m.withdrawals[o.pick % m.withdrawals.length];
      const actor = o.asFinance ? finance : { id: ids[wd.u], roles: [] as string[] };
      // A withdrawal asked for before a freeze is not paid out while the freeze lasts (finance may still reject it).
      const expected = !o.asFinance
        ? 'auth.forbidden'
        : wd.status !== 'requested'
          ? 'wallet.withdrawal_decided'
          : o.approve && m.frozen[wd.u]
            ? 'wallet.account_frozen'
            : null;
      const r = await attempt(() =>
        o.approve ? w.approveWithdrawal(actor, wd.id, 'PP-0001') : w.rejectWithdrawal(actor, wd.id, 'details do not match'),
      );
      if (r.code === null) {
        const b = m.users[wd.u];
        b.withdrawingCents -= wd.cents;
        if (o.approve) m.world += wd.cents;
        else b.availableCents += wd.cents;
        wd.status = o.approve ? 'paid' : 'rejected';
      }
      return { expected, got: r.code };
    }
    case 'hold': {
      const u = holderOf(m, o.u, 'availableCents');
      const b = m.users[u];
      const cents = resolve(o.amount, b.availableCents);
      const expected = cents > b.availableCents ? 'wallet.insufficient_funds' : null;
      const r = await attempt(() =>
        db.transaction((tx) => w.holdEscrow(tx, { buyerId: ids[u], amountCents: cents, reference: `order:prop${runSeq}` })),
      );
      if (r.code === null) {
        b.availableCents -= cents;
        b.escrowCents += cents;
      }
      return { expected, got: r.code };
    }
    case 'release': {
      const u = holderOf(m, o.u, 'escrowCents');
      const buyer = m.users[u];
      const to = (u + o.to) % USERS;
      const cents = resolve(o.amount, buyer.escrowCents);
      const expected = cents > buyer.escrowCents ? 'wallet.insufficient_funds' : null;
      const clearsAt = now() + o.days * DAY;
      const r = await attempt(() =>
        db.transaction((tx) =>
          w.releaseEscrow(tx, {
            buyerId: ids[u],
            sellerId: ids[to],
            amountCents: cents,
            commissionBp: 1000,
            clearanceDays: o.days,
            reference: `order:prop${runSeq}`,
          }),
        ),
      );
      if (r.code === null) releaseInModel(m, u, to, cents, clearsAt);
      return { expected, got: r.code };
    }
    case 'refund': {
      const u = holderOf(m, o.u, 'escrowCents');
      const b = m.users[u];
      const cents = resolve(o.amount, b.escrowCents);
      const expected = cents > b.escrowCents ? 'wallet.insufficient_funds' : null;
      const r = await attempt(() =>
        db.transaction((tx) => w.refundEscrow(tx, { buyerId: ids[u], amountCents: cents, reference: `order:prop${runSeq}` })),
      );
      if (r.code === null) {
        b.escrowCents -= cents;
        b.availableCents += cents;
      }
      return { expected, got: r.code };
    }
    case 'split': {
      const u = holderOf(m, o.u, 'escrowCents');
      const buyer = m.users[u];
      const to = (u + o.to) % USERS;
      const cents = resolve(o.amount, buyer.escrowCents);
      const buyerCents = Math.floor((cents * o.buyerShare) / 1000);
      const expected = buyerCents > cents ? 'validation.failed' : cents > buyer.escrowCents ? 'wallet.insufficient_funds' : null;
      const clearsAt = now() + o.days * DAY;
      const r = await attempt(() =>
        db.transaction((tx) =>
          w.splitEscrow(tx, {
            buyerId: ids[u],
            sellerId: ids[to],
            amountCents: cents,
            buyerCents,
            commissionBp: 1000,
            clearanceDays: o.days,
            reference: `dispute:prop${runSeq}`,
          }),
        ),
      );
      if (r.code === null) {
        buyer.escrowCents -= buyerCents;
        buyer.availableCents += buyerCents;
        if (cents - buyerCents > 0) releaseInModel(m, u, to, cents - buyerCents, clearsAt);
      }
      return { expected, got: r.code };
    }
    case 'clear': {
      t.clock.advance(o.hours * 3_600_000);
      const due = m.clearances.filter((c) => c.state === 'open' && c.clearsAt <= now());
      const n = await w.runClearances(t.clock.now());
      expect(n, 'clearances moved by the sweep').toBe(due.length);
      for (const c of due) {
        c.state = 'cleared';
        m.users[c.u].pendingCents -= c.cents;
        m.users[c.u].availableCents += c.cents;
      }
      return { expected: null, got: null };
    }
    case 'freeze': {
      const b = m.users[o.u];
      const r = await attempt(() =>
        db.transaction((tx) => w.freezeBalance(tx, { userId: ids[o.u], reason: 'property test', actorId: finance.id })),
      );
      if (r.code === null) {
        b.frozenCents += b.availableCents + b.pendingCents;
        b.availableCents = 0;
        b.pendingCents = 0;
        for (const c of m.clearances) if (c.u === o.u && c.state === 'open') c.state = 'held';
        m.frozen[o.u] = true;
      }
      return { expected: null, got: r.code };
    }
    case 'unfreeze': {
      const b = m.users[o.u];
      const r = await attempt(() => db.transaction((tx) => w.releaseFrozen(tx, { userId: ids[o.u], actorId: finance.id })));
      if (r.code === null) {
        expect(r.value, 'amount released').toBe(b.frozenCents);
        b.availableCents += b.frozenCents;
        b.frozenCents = 0;
        m.frozen[o.u] = false;
      }
      return { expected: null, got: r.code };
    }
    case 'deduct': {
      const u = holderOf(m, o.u, 'frozenCents');
      const b = m.users[u];
      const to = (u + o.to) % USERS;
      const cents = resolve(o.amount, b.frozenCents);
      const expected = cents > b.frozenCents ? 'wallet.insufficient_funds' : null;
      const r = await attempt(() =>
        db.transaction((tx) =>
          w.deductFrozen(tx, { userId: ids[u], toUserId: ids[to], amountCents: cents, reason: 'proven damages', actorId: finance.id }),
        ),
      );
      if (r.code === null) {
        b.frozenCents -= cents;
        m.users[to].availableCents += cents;
      }
      return { expected, got: r.code };
    }
  }
}

function releaseInModel(m: Model, buyer: number, seller: number, gross: number, clearsAt: number) {
  const fee = commissionOf(gross);
  const net = gross - fee;
  m.users[buyer].escrowCents -= gross;
  m.users[seller].pendingCents += net;
  m.revenue += fee;
  if (net > 0) m.clearances.push({ u: seller, cents: net, clearsAt, state: 'open' });
}

describe('the ledger under random sequences of operations', () => {
  it('keeps every transaction balanced and every balance non-negative under any sequence of operations, refusing exactly what the rules refuse', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fundingArb, fc.array(opArb, { minLength: 1, maxLength: 30, size: 'max' }), async (funding, rest) => {
        const run = await newRun();
        const start = await platform();
        const ops: Op[] = [...funding, ...rest];
        for (const [i, o] of ops.entries()) {
          const { expected, got } = await step(run, o);
          const label = `step ${i} ${JSON.stringify(o)}`;
          if (got !== 'skipped') expect(got, `${label}: refusal`).toBe(expected);
          seen.set(`${o.op}:${got ?? 'ok'}`, (seen.get(`${o.op}:${got ?? 'ok'}`) ?? 0) + 1);

          const proof = await reconcile(t.deps.db);
          expect(proof.ok, `${label}: reconcile ${JSON.stringify(proof)}`).toBe(true);
          for (const [u, id] of run.ids.entries()) {
            const real = await t.services.wallet.balances(id);
            expect(real, `${label}: balances of user ${u}`).toEqual(run.m.users[u]);
            for (const v of Object.values(real)) expect(v).toBeGreaterThanOrEqual(0);
          }
        }
        // The platform's side moved by exactly the commission kept and the money that came in and went out.
        const end = await platform();
        expect({ revenue: end.revenue - start.revenue, world: end.world - start.world }).toEqual({
          revenue: run.m.revenue,
          world: run.m.world,
        });
        // A refused withdrawal left no row behind; the accepted ones are in the state the model says.
        for (const [u, id] of run.ids.entries()) {
          const rows = await t.services.wallet.myWithdrawals(id, 1000);
          const mine = run.m.withdrawals.filter((x) => x.u === u);
          expect(rows.map((r) => [r.id, r.amountCents, r.status]).sort()).toEqual(mine.map((x) => [x.id, x.cents, x.status]).sort());
        }
      }),
      { numRuns: 25 },
    );
    // The runs reached both sides of the important rules, not only the refusals.
    for (const k of ['deposit:ok', 'withdraw:ok', 'withdraw:wallet.insufficient_funds', 'hold:ok', 'release:ok', 'decide:ok']) {
      expect(seen.get(k) ?? 0, k).toBeGreaterThan(0);
    }
    // 25 runs of 30 operations each (a deposit now also writes its notification): a budget, not a speed check.
  }, 120_000);
});
