// `npm run -s hostile`: the hostile-input run. Starts the real server (src/main.tsx) on a fresh database —
// PostgreSQL when HOSTILE_DATABASE_URL names a server database to create test databases in (e.g.
// postgres://postgres@127.0.0.1:5432/postgres), the embedded one otherwise — signs up a user and makes an admin,
// then sends every API operation of the server's own OpenAPI document, every page a crawl finds and every form on
// them, with hostile values in each path segment, query parameter and field: NUL and control characters, ids out of
// range, non-Latin-1 text, huge and negative numbers, wrong types, arrays, deep objects, very long strings.
// Prints the answers by status and every 5xx (method, address, body), and the requests that got no answer at all
// (599, after one retry on a new connection); exits 1 when any answer is a 5xx.
// Bounded: HOSTILE_MAX requests (default 45,000), HOSTILE_SECONDS (default 240), only to 127.0.0.1.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const MAX = Number(process.env.HOSTILE_MAX ?? 45_000);
const SECONDS = Number(process.env.HOSTILE_SECONDS ?? 240);
const CONCURRENCY = 16;
const root = path.resolve(import.meta.dirname, '..');

const BAD_IDS = [
  '0',
  '-1',
  '1.5',
  '1e308',
  '99999999999999999999',
  '9223372036854775808',
  'Infinity',
  'NaN',
  '%00',
  'abc',
  '٣',
  '1%00',
  '',
  '%2e%2e',
];
const BAD_STRINGS = [
  'a\u0000b',
  '\u0000',
  '\u0001\u001f',
  'خدمة',
  '/services/61-خدمة',
  '//evil.example',
  '/\\evil.example',
  'x'.repeat(20_000),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '\ud800',
  '%',
  '1e308',
  '-1',
  '   ',
];
const BAD_VALUES: unknown[] = [
  ...BAD_STRINGS,
  0,
  -1,
  1.5,
  1e308,
  2 ** 63,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  null,
  [],
  ['a\u0000'],
  [1e308],
  {},
  { $gt: '' },
  { a: { b: { c: { d: 'e\u0000' } } } },
];

/** encodeURIComponent, with a lone surrogate sent as the raw bytes it would be (encodeURIComponent refuses it). */
function enc(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
}

interface Result {
  method: string;
  url: string;
  status: number;
  body: string;
  sent?: string;
}
const results: Result[] = [];
const started = Date.now();
/** The API gets 60 % of the requests and the time, the pages and forms the rest. */
let phaseMax = Math.floor(MAX * 0.6);
let phaseEnd = started + SECONDS * 600;
const timeLeft = () => Date.now() < phaseEnd && results.length < phaseMax;

function free(): Promise<number> {
  return new Promise((resolve) => {
    import('node:net').then(({ createServer }) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
  });
}

async function startServer(): Promise<{
  base: string;
  child: ChildProcess;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  drop: () => Promise<void>;
}> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-hostile-'));
  const port = await free();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'true' };
  let drop = async () => {};
  const admin = process.env.HOSTILE_DATABASE_URL;
  if (admin) {
    const name = `kafiil_hostile_${process.pid}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    drop = async () => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.tsx'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    await new Promise((r) => setTimeout(r, 500));
    if (/Demo data created/.test(out)) return { base, child, dataDir, env, drop };
    if (child.exitCode !== null) throw new Error(`the server stopped:\n${out}`);
  }
  throw new Error(`the server did not start:\n${out}`);
}

/** Cookies of one browser-like client, and its last CSRF token. */
class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    readonly base: string,
    readonly bearer: string | null = null,
  ) {}
  async send(method: string, url: string, body?: string, type?: string): Promise<Result | null> {
    if (!timeLeft()) return null;
    const headers: Record<string, string> = { 'accept-language': 'ar' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (type) headers['content-type'] = type;
    if (method === 'POST' && url.includes('/api/')) headers['idempotency-key'] = `k${Math.random()}`;
    let res: Response | null = null;
    let failure: unknown = null;
    // A connection the server closed under us (after a 431, or an idle keep-alive) is tried once more on a new one.
    for (let attempt = 0; attempt < 2 && !res; attempt++) {
      try {
        res = await fetch(this.base + url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(20_000) });
      } catch (err) {
        failure = (err as { cause?: unknown }).cause ?? err;
      }
    }
    if (!res) {
      const r = { method, url, status: 599, body: String(failure), sent: body?.slice(0, 200) };
      results.push(r);
      return r;
    }
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      const v = kv.slice(i + 1);
      if (v === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(kv.slice(0, i));
      else this.cookies.set(kv.slice(0, i), v);
    }
    const text = res.headers.get('content-type')?.includes('octet') ? '' : await res.text().catch(() => '');
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1];
    const r = { method, url, status: res.status, body: text.slice(0, 400), sent: body?.slice(0, 200) };
    results.push(r);
    return { ...r, body: text };
  }
}

async function pool<T>(items: T[], fn: (t: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (i < items.length && timeLeft()) await fn(items[i++]);
    }),
  );
}

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; anyOf?: Schema[] };
function sample(s: Schema | undefined): unknown {
  if (!s) return 'x';
  if (s.enum) return s.enum[0];
  if (s.anyOf) return sample(s.anyOf[0]);
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  if (t === 'integer' || t === 'number') return 1;
  if (t === 'boolean') return true;
  if (t === 'array') return [sample(s.items)];
  if (t === 'object' || s.properties) return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v)]));
  return 'نص تجريبي';
}

/** Every operation of the OpenAPI document, with each parameter and body field made hostile in turn. */
async function api(client: Client): Promise<void> {
  const doc = (await (await fetch(`${client.base}/api/openapi.json`)).json()) as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: { in: string; name: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }
      >
    >;
  };
  const jobs: (() => Promise<unknown>)[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const m = method.toUpperCase();
      const params = op.parameters ?? [];
      const pathParams = params.filter((x) => x.in === 'path');
      const fill = (over: Record<string, string> = {}) =>
        p.replace(
          /\{(\w+)\}/g,
          (_, n: string) => over[n] ?? (pathParams.find((x) => x.name === n)?.schema?.type === 'string' ? 'service' : '1'),
        );
      for (const pp of pathParams) for (const bad of BAD_IDS) jobs.push(() => client.send(m, fill({ [pp.name]: bad })));
      for (const q of params.filter((x) => x.in === 'query'))
        for (const bad of [...BAD_STRINGS.slice(0, 12), ...BAD_IDS.slice(0, 8)])
          jobs.push(() => client.send(m, `${fill()}?${q.name}=${enc(bad)}`));
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (schema && m !== 'GET') {
        const good = sample(schema) as Record<string, unknown>;
        const type = 'application/json';
        jobs.push(() => client.send(m, fill(), JSON.stringify(good), type));
        jobs.push(() => client.send(m, fill(), '{"a":', type));
        jobs.push(() => client.send(m, fill(), JSON.stringify([good]), type));
        for (const k of Object.keys(schema.properties ?? {}))
          for (const bad of BAD_VALUES) jobs.push(() => client.send(m, fill(), JSON.stringify({ ...good, [k]: bad }), type));
      } else if (m !== 'GET') jobs.push(() => client.send(m, fill(), JSON.stringify({ a: 'b\u0000' }), 'application/json'));
    }
  }
  await pool(jobs, (j) => j());
}

/** Pages a crawl reaches from the home page and the menus, and every form on them, made hostile field by field. */
async function pages(client: Client, starts: string[]): Promise<void> {
  const seen = new Set<string>();
  const queue = [...starts];
  const forms: { action: string; method: string; fields: [string, string][] }[] = [];
  while (queue.length && seen.size < 400 && timeLeft()) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const r = await client.send('GET', url);
    if (!r || !r.body) continue;
    for (const m of r.body.matchAll(/href="(\/[^"#]*)"/g)) {
      const u = m[1].replace(/&amp;/g, '&');
      if (!u.startsWith('/static') && !u.startsWith('/logout') && !seen.has(u)) queue.push(u);
    }
    for (const f of r.body.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
      const action = /action="([^"]*)"/.exec(f[1])?.[1]?.replace(/&amp;/g, '&') ?? url;
      const method = (/method="(\w+)"/i.exec(f[1])?.[1] ?? 'GET').toUpperCase();
      const fields = [...f[2].matchAll(/<(?:input|textarea|select)[^>]*name="([^"]+)"[^>]*?(?:value="([^"]*)")?/g)].map(
        (x) => [x[1], x[2] ?? 'x'] as [string, string],
      );
      if (!/logout|delete|deactivate|revoke/.test(action)) forms.push({ action, method, fields });
    }
  }
  const jobs: (() => Promise<unknown>)[] = [];
  for (const url of seen) {
    const parts = url.split('?')[0].split('/');
    parts.forEach((seg, i) => {
      if (/^\d+(-|$)/.test(seg))
        for (const bad of BAD_IDS) jobs.push(() => client.send('GET', parts.map((s, j) => (j === i ? bad : s)).join('/')));
    });
    const q = url.split('?')[1];
    if (q)
      for (const [k] of new URLSearchParams(q))
        for (const bad of BAD_STRINGS.slice(0, 10)) jobs.push(() => client.send('GET', `${url.split('?')[0]}?${k}=${enc(bad)}`));
  }
  for (const f of forms.slice(0, 150)) {
    for (const [name] of f.fields) {
      if (name === '_csrf') continue;
      for (const bad of BAD_STRINGS) {
        const body = () =>
          new URLSearchParams(f.fields.map(([k, v]) => [k, k === '_csrf' ? client.csrf : k === name ? bad : v])).toString();
        if (f.method === 'GET') jobs.push(() => client.send('GET', `${f.action.split('?')[0]}?${body()}`));
        else jobs.push(() => client.send('POST', f.action, body(), 'application/x-www-form-urlencoded'));
      }
    }
  }
  for (const bad of [
    '/u/%00',
    '/services/%00',
    '/%00',
    '/en/%00',
    '/login?next=%00',
    '/login?next=/services/61-%D8%AE%D8%AF%D9%85%D8%A9',
    '/terms/v/1e308',
    '/avatars/1e308',
    '/files/1e308',
    '/pay/sandbox/1e308',
  ])
    jobs.push(() => client.send('GET', bad));
  await pool(jobs, (j) => j());
}

async function main() {
  const { base, child, dataDir, env, drop } = await startServer();
  try {
    const adminPass = 'hostile-admin-pass-1';
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli.ts',
        'create-admin',
        '--email',
        'hostile@kafiil.local',
        '--username',
        'hostile_admin',
        '--password',
        adminPass,
      ],
      { cwd: root, env, encoding: 'utf8' },
    );
    if (r.status !== 0 && !env.DATABASE_URL) console.log('(embedded database: the admin is made through sign-up instead of the CLI)');
    const login = async (login: string, password: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login, password }),
      });
      return res.ok ? ((await res.json()) as { token: string }).token : null;
    };
    await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'hostile.user@kafiil.local',
        username: 'hostile_user',
        password: 'hostile-user-pass-1',
        acceptTerms: true,
      }),
    });
    const userToken = await login('hostile_user', 'hostile-user-pass-1');
    const adminToken = r.status === 0 ? await login('hostile_admin', adminPass) : null;
    const visitor = new Client(base);
    const user = new Client(base, userToken);
    const admin = new Client(base, adminToken);
    for (const c of [user, admin]) {
      const who = c === user ? ['hostile_user', 'hostile-user-pass-1'] : ['hostile_admin', adminPass];
      if (!c.bearer) continue;
      await c.send('GET', '/login');
      await c.send(
        'POST',
        '/login',
        new URLSearchParams({ _csrf: c.csrf, login: who[0], password: who[1] }).toString(),
        'application/x-www-form-urlencoded',
      );
    }
    const starts = [
      '/',
      '/services',
      '/projects',
      '/freelancers',
      '/wallet',
      '/orders',
      '/messages',
      '/support',
      '/settings/notifications',
      '/account/sanctions',
      '/admin',
      '/admin/users',
      '/admin/reports',
      '/admin/finance/queue',
      '/admin/settings',
      '/admin/audit',
    ];
    await Promise.all([api(visitor), api(user), ...(admin.bearer ? [api(admin)] : [])]);
    phaseMax = MAX;
    phaseEnd = started + SECONDS * 1000;
    await Promise.all([pages(visitor, starts), pages(user, starts), ...(admin.bearer ? [pages(admin, starts)] : [])]);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const byStatus = new Map<number, number>();
  for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  const fives = results.filter((r) => r.status >= 500 && r.status !== 599);
  const unanswered = results.filter((r) => r.status === 599);
  console.log(
    `${results.length} requests in ${((Date.now() - started) / 1000).toFixed(0)} s; by status: ${[...byStatus]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}`,
  );
  const groups = new Map<string, Result[]>();
  for (const f of [...fives, ...unanswered]) {
    const k = `${f.method} ${f.url.replace(/\?.*/, '?…').replace(/\/[^/]*%[^/]*|\/\d[^/]*/g, '/:x')}`;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  for (const [k, list] of groups)
    console.log(
      `  5xx ×${list.length}: ${k}  e.g. ${list[0].method} ${list[0].url.slice(0, 120)} ${list[0].sent ? `body ${JSON.stringify(list[0].sent).slice(0, 120)}` : ''} → ${list[0].status} ${list[0].body.replace(/\s+/g, ' ').slice(0, 160)}`,
    );
  console.log(`${fives.length} answers were 5xx; ${unanswered.length} requests got no answer (599: the connection closed, retried once)`);
  process.exit(fives.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
