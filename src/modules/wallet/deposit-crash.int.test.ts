import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';
import { idempotencyKeys } from '../../platform/db/tables.ts';
import { IDEMPOTENCY_LEASE_MS } from '../../platform/idempotency.ts';
import { deposits, ledgerTransactions } from './schema.ts';

/**
 * A real process killed (SIGKILL) between the two steps of a deposit — its row recorded, its checkout not made or
 * its answer not stored — and the same request retried with the same Idempotency-Key: 409 while the dead request's
 * lease runs, then one deposit, finished, with a payable checkout; no second deposit, money credited once.
 * PostgreSQL only (CI runs the .int tests with KAFIIL_TEST_DB=postgres): the embedded PGlite database lives inside
 * one process, so a second process cannot open it. The same lease without a kill: deposit-lease.int.test.ts.
 */
const onPostgres = process.env.KAFIIL_TEST_DB === 'postgres';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const child = path.join(root, 'test/deposit-crash-child.ts');

describe.skipIf(!onPostgres)(
  'a deposit whose server process is killed between its two steps (PostgreSQL only: PGlite is one process)',
  () => {
    let t: TestApp;
    let dataDir: string;
    let finance: Awaited<ReturnType<typeof staffUser>>;
    beforeAll(async () => {
      t = await makeTestApp();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-crash-'));
      finance = await staffUser(t, ['finance'], 'crashfin');
    });
    afterAll(async () => {
      await t?.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    /** Starts the deposit in a child server process and SIGKILLs it when it says it is at `point`. */
    function killedAt(point: string, u: { token: string }, key: string, body: object, now: Date) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: t.databaseUrl ?? '',
        DATA_DIR: dataDir,
        BASE_URL: t.deps.config.baseUrl,
        REDIS_URL: '',
        SMTP_URL: '',
        STRIPE_SECRET_KEY: '',
        STRIPE_WEBHOOK_SECRET: '',
        NODE_ENV: 'test',
        KAFIIL_CRASH_POINT: point,
        KAFIIL_TEST_NOW: now.toISOString(),
        KAFIIL_TEST_TOKEN: u.token,
        KAFIIL_TEST_KEY: key,
        KAFIIL_TEST_BODY: JSON.stringify(body),
      };
      const p = spawn(process.execPath, ['--import', 'tsx', child], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      let killed = false;
      p.stdout.setEncoding('utf8').on('data', (s: string) => {
        out += s;
        if (!killed && out.split('\n').includes(`between ${point}`)) {
          killed = true;
          p.kill('SIGKILL');
        }
      });
      p.stderr.setEncoding('utf8').on('data', (s: string) => {
        err += s;
      });
      return new Promise<{ signal: NodeJS.Signals | null; out: string }>((resolve, reject) => {
        p.on('error', reject);
        p.on('exit', (code, signal) => {
          if (!killed) reject(new Error(`the child ended (code ${code}) before ${point}:\n${out}\n${err}`));
          else resolve({ signal, out });
        });
      });
    }

    const send = (u: { auth: Record<string, string> }, key: string, body: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/wallet/deposits', headers: { ...u.auth, 'idempotency-key': key }, payload: body });
    const depositsOf = (userId: number) => t.deps.db.select().from(deposits).where(eq(deposits.userId, userId));
    const keyRow = async (userId: number, key: string) =>
      (
        await t.deps.db
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
      )[0];
    const at = (d: Date, ms: number) => new Date(d.getTime() + ms);

    /** The checkout answered is the sandbox page of that deposit, which opens and takes the test card; paid once only. */
    async function payOnce(u: { auth: Record<string, string> }, id: number, checkoutUrl: string, cents: number) {
      const url = new URL(checkoutUrl);
      expect(`${url.origin}${url.pathname}`).toBe(`${t.deps.config.baseUrl}/pay/sandbox/${id}`);
      const page = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
      expect(page.statusCode).toBe(200);
      const secret = url.searchParams.get('s') as string;
      expect((await t.services.wallet.paySandbox(id, secret, '4242424242424242')).status).toBe('paid');
      await expect(t.services.wallet.paySandbox(id, secret, '4242424242424242')).rejects.toMatchObject({ code: 'wallet.deposit_settled' });
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/wallet', headers: u.auth })).json()).toMatchObject({
        availableCents: cents,
      });
      expect(
        await t.deps.db
          .select()
          .from(ledgerTransactions)
          .where(eq(ledgerTransactions.reference, `deposit:${id}`)),
      ).toHaveLength(1);
      const rec = await t.app.inject({ method: 'GET', url: '/api/v1/admin/ledger/reconcile', headers: finance.auth });
      expect(rec.json()).toMatchObject({ ok: true, unbalancedTransactions: [], negativeBalances: [], mismatchedBalances: [] });
    }

    it('killed after the deposit is recorded, before its checkout: 409 during the lease, then the same deposit finished and payable', async () => {
      const u = await signedUpUser(t, 'crash1');
      const key = `crash-checkout-${process.pid}`;
      const body = { amountCents: 4500, method: 'sandbox' };
      const now = t.clock.now();
      const dead = await killedAt('deposit.checkout', u, key, body, now);
      expect(dead.signal).toBe('SIGKILL');

      // What the dead process left: a pending deposit without a checkout, and its key in progress since `now`.
      const [left] = await depositsOf(u.id);
      expect(left).toMatchObject({ status: 'pending', providerRef: null, amountCents: 4500 });
      expect(await depositsOf(u.id)).toHaveLength(1);
      expect(await keyRow(u.id, key)).toMatchObject({ status: 0, createdAt: now, body: { depositId: left.id } });

      // Before the lease ends the key is still the dead request's.
      t.clock.set(at(now, IDEMPOTENCY_LEASE_MS - 1_000));
      const early = await send(u, key, body);
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ status: 409, code: 'idempotency.in_progress' });

      // After it, the retry finishes that deposit: same id, a checkout address, no second deposit.
      t.clock.set(at(now, IDEMPOTENCY_LEASE_MS + 1_000));
      const retry = await send(u, key, body);
      expect(retry.statusCode, retry.body).toBe(201);
      const answer = retry.json() as { id: number; status: string; checkoutUrl: string };
      expect(answer).toMatchObject({ id: left.id, status: 'pending' });
      expect(await depositsOf(u.id)).toMatchObject([{ id: left.id, status: 'pending', providerRef: `sandbox-${left.id}` }]);
      expect(await keyRow(u.id, key)).toMatchObject({ status: 201, body: answer });
      // A replay answers the same, even after another lease's length.
      t.clock.set(at(now, 3 * IDEMPOTENCY_LEASE_MS));
      expect((await send(u, key, body)).json()).toEqual(answer);

      await payOnce(u, left.id, answer.checkoutUrl, 4500);
      expect(await depositsOf(u.id)).toHaveLength(1);
    }, 120_000);

    it('killed after the checkout is made, before the answer is stored: the retry after the lease gives that deposit and its checkout', async () => {
      const u = await signedUpUser(t, 'crash2');
      const key = `crash-answer-${process.pid}`;
      const body = { amountCents: 2500, method: 'sandbox' };
      const now = t.clock.now();
      const dead = await killedAt('deposit.answer', u, key, body, now);
      expect(dead.signal).toBe('SIGKILL');
      const [left] = await depositsOf(u.id);
      expect(left).toMatchObject({ status: 'pending', providerRef: null });

      t.clock.set(at(now, 10_000));
      expect((await send(u, key, body)).json()).toMatchObject({ code: 'idempotency.in_progress' });
      t.clock.set(at(now, IDEMPOTENCY_LEASE_MS + 1));
      const retry = await send(u, key, body);
      expect(retry.statusCode, retry.body).toBe(201);
      expect(retry.json().id).toBe(left.id);
      await payOnce(u, left.id, retry.json().checkoutUrl, 2500);
      expect(await depositsOf(u.id)).toHaveLength(1);
    }, 120_000);
  },
);
