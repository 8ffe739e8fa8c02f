import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedUser, makeTestApp, servicesOn, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { runDue } from '../../worker.ts';

/**
 * Time travel as an operator does it: `npm run -s cli -- run-due --now <time>` (a separate process on
 * PostgreSQL; on the embedded database, which one process holds, the same function the command runs).
 */
let t: TestApp;
const DAY = 86_400_000;

function runDueAt(now: Date): Record<string, unknown> {
  const env = { ...process.env, DATABASE_URL: t.databaseUrl ?? '', DATA_DIR: t.deps.config.dataDir, BASE_URL: '' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run-due', '--now', now.toISOString()], {
    env,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string);
}

async function sweep(now: Date) {
  if (t.databaseUrl) return runDueAt(now);
  const at = { ...t.deps, clock: () => now };
  return runDue(servicesOn(at), at, now);
}

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('run-due moves an order through its timers with exact balances', () => {
  it('delivered → auto-completed after 3 days → cleared after the new seller’s 8 days', async () => {
    const seller = await signedUpUser(t, 'tseller');
    const mod = await staffUser(t, ['moderator'], 'tmod');
    const buyer = await fundedUser(t, 4000, 'tbuyer');
    const actor = async (u: { token: string }) => (await t.services.accounts.resolveSession(u.token, 'api')) as AuthUser;
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#00f' } })
      .png()
      .toBuffer();
    const s = await actor(seller);
    const image = await t.services.files.saveImage(s.id, { name: 'a.png', bytes: png }, 'service_image');
    const [top] = await t.services.catalog.categoryTree();
    const row = await t.services.catalog.create(
      s,
      {
        title: 'كتابة محتوى تسويقي لمتجرك',
        categoryId: top.children[0].id,
        description: 'أكتب لك محتوى تسويقيًا مقنعًا لمتجرك الإلكتروني يناسب جمهورك ويرفع مبيعاتك، مع مراجعة لغوية وتعديلين مجانيين.',
        priceCents: 3000,
        deliveryDays: 2,
        instructions: '',
        skills: [],
        imageIds: [image.id],
        addons: [],
      },
      { submit: true },
    );
    await t.services.catalog.approve(await actor(mod), row.id);
    const placed = await t.services.orders.place(await actor(buyer), { serviceId: row.id, quantity: 1, addonIds: [] }, null);
    const id = placed.body.id;
    await t.services.orders.act(s, id, 'accept');
    await t.services.orders.act(s, id, 'deliver', { message: 'تم التسليم' });
    const deliveredAt = t.clock.now();
    const wallet = async (u: { id: number }) => t.services.wallet.balances(u.id);
    expect(await wallet(buyer)).toMatchObject({ availableCents: 1000, escrowCents: 3000 });

    // Not yet: 3 days less a minute.
    await sweep(new Date(deliveredAt.getTime() + 3 * DAY - 60_000));
    expect((await t.services.orders.get(await actor(buyer), id)).order.status).toBe('delivered');

    const completeAt = new Date(deliveredAt.getTime() + 3 * DAY + 60_000);
    const first = await sweep(completeAt);
    expect(first.orders).toMatchObject({ autoCompleted: 1 });
    expect((await t.services.orders.get(await actor(buyer), id)).order.status).toBe('completed');
    expect(await wallet(buyer)).toMatchObject({ availableCents: 1000, escrowCents: 0 });
    expect(await wallet(seller)).toMatchObject({ availableCents: 0, pendingCents: 2700 });
    const [pending] = await t.services.wallet.pendingClearances(seller.id);
    expect(pending.clearsAt.toISOString()).toBe(new Date(completeAt.getTime() + 8 * DAY).toISOString());

    await sweep(new Date(completeAt.getTime() + 8 * DAY - 60_000));
    expect(await wallet(seller)).toMatchObject({ availableCents: 0, pendingCents: 2700 });
    await sweep(new Date(completeAt.getTime() + 8 * DAY));
    expect(await wallet(seller)).toMatchObject({ availableCents: 2700, pendingCents: 0 });
    // Run again: nothing moves twice.
    await sweep(new Date(completeAt.getTime() + 9 * DAY));
    expect(await wallet(seller)).toMatchObject({ availableCents: 2700, pendingCents: 0 });
  }, 180_000);
});
