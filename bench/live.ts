// The messaging case of `npm run bench`: messages per second sent through the API and fanned out to live
// subscribers — 1,000 recipients, each with one open `GET /api/v1/events` stream (server-sent events) — with
// the delivery latency of each message.
//
// Setup (not measured): recipients and senders are inserted in bulk as verified users with an API session each
// (one argon2 hash for all, sessions stored as the app stores them: the SHA-256 of a random token), and each
// sender opens its direct conversation with one recipient through `services.messaging.start` (the real service,
// rate limits included: one start and one message per sender) for up to 20 s; the mails those first messages
// queued are delivered before the measurement. Measured: for BENCH_SECONDS, 50 concurrent
// `POST /api/v1/conversations/:id/messages` through the HTTP API, the senders taken in turn. No sender sends more
// than 29 messages in the run (their first message already counted: the app allows 30 a minute), so no request
// meets the rate limit; 1,000 senders last ~5,800 msg/s for 5 s, and if they all run out the line says so.
//
// The 1,000 stream clients and the load generator run in a worker thread (the server keeps the main thread to
// itself), so sending, receiving and the latency clock are all in one place: the latency of a message runs from
// the start of its POST to the moment its recipient's stream delivers the `message` event with its id. Lost: sent
// (201) but not on the recipient's stream 5 s after the last POST. Also shown: the server's event-loop delay
// during the run (how long it was kept from its sockets).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Services } from '../src/app.ts';
import type { Deps } from '../src/platform/deps.ts';

const RECIPIENTS = 1_000;
const CONCURRENCY = 50;
/** Messages a sender may send in the run: the app allows 30 a minute, and the conversation's first one counted. */
const PER_SENDER = 29;
/** The rate the senders must be able to keep up for the whole run without meeting the limit. */
const PLANNED_RATE = 2_000;
/** How long to wait after the last POST for deliveries still on their way before counting them lost. */
const GRACE_MS = 5_000;
/** How long the conversations may take to set up. */
const SETUP_BUDGET_MS = 20_000;

interface ClientInput {
  base: string;
  seconds: number;
  recipients: { token: string; conversationIds: number[] }[];
  senders: { token: string; conversationId: number }[];
}

interface ClientResult {
  connectMs: number;
  streamErrors: string[];
  sendMs: number;
  ok: number;
  refused: Record<string, number>;
  exhausted: boolean;
  delivered: number;
  lost: number;
  duplicates: number;
  misrouted: number;
  unexpected: number;
  deliverMs: number;
  latency: number[];
  afterResponse: number[];
  post: number[];
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : Number.NaN;
const ms = (n: number) => (Number.isNaN(n) ? '–' : n < 10 ? n.toFixed(1) : String(Math.round(n)));

async function pool<T>(items: T[], n: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

/** The soft limit on open files, where the system says (Linux); null elsewhere. */
function openFilesLimit(): number | null {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(fs.readFileSync('/proc/self/limits', 'utf8'));
    return m ? (m[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(m[1])) : null;
  } catch {
    return null;
  }
}

export async function liveCase(base: string, services: Services, deps: Deps, seconds: number): Promise<void> {
  // Each stream is two sockets in this process (client and server side), and the senders use 50 more each side.
  const need = 2 * (RECIPIENTS + CONCURRENCY) + 200;
  const limit = openFilesLimit();
  if (limit !== null && limit < need) {
    console.log(`  (live case skipped: ${RECIPIENTS} streams need ~${need} open files, the limit is ${limit}: raise it with ulimit -n)`);
    return;
  }
  const { sha256, newToken } = await import('../src/platform/crypto.ts');
  const { users, sessions } = await import('../src/schema.ts');
  const t0 = performance.now();
  const perRecipient = Math.max(1, Math.ceil((seconds * PLANNED_RATE) / (RECIPIENTS * PER_SENDER)));
  const senderCount = RECIPIENTS * perRecipient;

  // People: one made by the service (for its password hash and policy versions), the rest copied from it in bulk.
  const tag = Array.from(randomBytes(5), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
  const model = await services.accounts.createDemoUser({
    email: `lv${tag}@example.com`,
    username: `lv${tag}`,
    password: randomBytes(18).toString('base64url'),
  });
  const names = [
    ...Array.from({ length: RECIPIENTS }, (_, i) => `lv${tag}r${i}`),
    ...Array.from({ length: senderCount }, (_, i) => `lv${tag}s${i}`),
  ];
  const people: { id: number; username: string; token: string }[] = [];
  for (let i = 0; i < names.length; i += 500) {
    const rows = await deps.db
      .insert(users)
      .values(
        names.slice(i, i + 500).map((username) => ({
          email: `${username}@example.com`,
          username,
          passwordHash: model.passwordHash,
          displayName: username,
          emailVerifiedAt: new Date(),
          termsVersion: model.termsVersion,
          privacyVersion: model.privacyVersion,
          searchText: username,
        })),
      )
      .returning({ id: users.id, username: users.username });
    const batch = rows.map((r) => ({ ...r, token: newToken() }));
    await deps.db.insert(sessions).values(
      batch.map((p) => ({
        userId: p.id,
        tokenHash: sha256(p.token),
        kind: 'api',
        ip: '127.0.0.1',
        userAgent: 'kafiil-bench',
        expiresAt: new Date(Date.now() + 86_400_000),
      })),
    );
    people.push(...batch);
  }
  const byName = new Map(people.map((p) => [p.username, p]));
  const recipients = names.slice(0, RECIPIENTS).map((n) => byName.get(n)!);
  const senders = names.slice(RECIPIENTS).map((n) => byName.get(n)!);
  const t1 = performance.now();

  // Conversations: sender i writes first to recipient i mod 1,000, through the messaging service, for as long as
  // the setup budget lasts (on the embedded database each start costs tens of milliseconds); the senders without
  // a conversation then take no part.
  const input: ClientInput = {
    base,
    seconds,
    recipients: recipients.map((r) => ({ token: r.token, conversationIds: [] })),
    senders: [],
  };
  const setupEnds = performance.now() + SETUP_BUDGET_MS;
  await pool(senders, deps.database.kind === 'postgres' ? 8 : 1, async (s, i) => {
    if (performance.now() > setupEnds) return;
    const actor = await services.accounts.resolveSession(s.token, 'api');
    if (!actor) throw new Error(`bench session of ${s.username} not found`);
    const r = await services.messaging.start(actor, recipients[i % RECIPIENTS].username, 'السلام عليكم، هل الخدمة متاحة؟');
    input.senders.push({ token: s.token, conversationId: r.conversationId });
    input.recipients[i % RECIPIENTS].conversationIds.push(r.conversationId);
  });
  // The setup's mails ("you have a new message", one per conversation) go out now, not during the measurement.
  await deps.outbox.drain();
  const t2 = performance.now();

  const talking = input.recipients.filter((r) => r.conversationIds.length).length;
  console.log(
    `  live: ${RECIPIENTS} recipients with an open GET /api/v1/events stream each; ${input.senders.length} senders, one direct conversation each ` +
      `with ${talking < RECIPIENTS ? `one of ${talking} recipients (setup budget ${SETUP_BUDGET_MS / 1000} s)` : 'a recipient'} ` +
      `(users + sessions in ${((t1 - t0) / 1000).toFixed(1)} s, conversations + their mails in ${((t2 - t1) / 1000).toFixed(1)} s); ` +
      `${CONCURRENCY} concurrent POSTs, ≤ ${PER_SENDER} per sender; clients in a worker thread`,
  );

  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`,
    {
      eval: true,
      workerData: { kafiilLiveBench: input },
    },
  );
  // How long the server's event loop is kept from its sockets while the messages are sent.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const outcome = new Promise<ClientResult>((resolve, reject) => {
    worker.on('message', (m: { type: 'connected' } | { type: 'done'; result: ClientResult }) => {
      if (m.type === 'connected') {
        loop.enable();
        worker.postMessage({ type: 'go', serverStreams: deps.live.connections() });
      } else resolve(m.result);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`live bench worker exited (${code}) before its result`)));
  });
  const result = await outcome.catch((err: Error) => err);
  loop.disable();
  await worker.terminate();
  if (result instanceof Error) {
    console.log(`  ✗✗✗ live case failed: ${result.message}`);
    process.exitCode = 1;
    return;
  }

  const latency = result.latency.sort((a, b) => a - b);
  const after = result.afterResponse.sort((a, b) => a - b);
  const post = result.post.sort((a, b) => a - b);
  const refused = Object.entries(result.refused)
    .map(([k, n]) => `${n} × ${k}`)
    .join(', ');
  const loud = result.lost || result.duplicates || result.misrouted || result.unexpected || refused || result.streamErrors.length;
  console.log(
    `  ${`live: ${RECIPIENTS} SSE clients; POST …/messages`.padEnd(48)} ${String(Math.round(result.ok / (result.sendMs / 1000))).padStart(6)} msg/s` +
      `  delivered ${Math.round(result.delivered / (result.deliverMs / 1000))}/s  p50 ${ms(pct(latency, 0.5))} ms  p99 ${ms(pct(latency, 0.99))} ms` +
      `  lost ${result.lost}${result.lost ? ` OF ${result.ok} ✗✗✗` : ''}${loud && !result.lost ? '  ✗' : ''}`,
  );
  console.log(
    `    ${result.ok} messages sent (201) in ${(result.sendMs / 1000).toFixed(1)} s, ${result.delivered} delivered by ${(result.deliverMs / 1000).toFixed(1)} s; ` +
      `latency = POST start → the recipient's stream has the event (max ${ms(latency[latency.length - 1])} ms); ` +
      `after the 201: p50 ${ms(pct(after, 0.5))} ms, p99 ${ms(pct(after, 0.99))} ms; POST p50 ${ms(pct(post, 0.5))} ms, p99 ${ms(pct(post, 0.99))} ms; ` +
      `server event loop delay p99 ${ms(loop.percentile(99) / 1e6)} ms, max ${ms(loop.max / 1e6)} ms; ${RECIPIENTS} streams opened in ${(result.connectMs / 1000).toFixed(1)} s`,
  );
  if (loud) {
    const problems = [
      refused && `refused: ${refused}`,
      result.duplicates && `${result.duplicates} delivered twice`,
      result.misrouted && `${result.misrouted} on the wrong stream`,
      result.unexpected && `${result.unexpected} events for messages not sent`,
      result.streamErrors.length && `stream errors: ${[...new Set(result.streamErrors)].slice(0, 3).join('; ')}`,
    ].filter(Boolean);
    console.log(`    ✗✗✗ ${problems.join('; ')}`);
    process.exitCode = 1;
  }
  if (result.exhausted) console.log(`    (every sender used its ${PER_SENDER} messages before the time was up: the run stopped early)`);
  // Once the clients are gone the hub must have let go of their streams.
  for (let i = 0; i < 100 && deps.live.connections() > 0; i++) await new Promise((r) => setTimeout(r, 20));
  if (deps.live.connections() > 0) console.log(`    ✗ ${deps.live.connections()} streams still registered after the clients left`);
}

// ———————————————————————————————————————— the worker: streams and senders ————————————————————————————————————————

async function clientSide(d: ClientInput): Promise<ClientResult> {
  const port = parentPort!;
  const now = () => performance.now();
  const streamErrors: string[] = [];
  const arrivals = new Map<number, number>();
  let duplicates = 0;
  let misrouted = 0;
  const sseAgent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const postAgent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const open: http.ClientRequest[] = [];
  let stopping = false;

  // The streams: each parsed as it comes (`event: …\ndata: …\n\n`), `message` events timed on arrival.
  const c0 = now();
  await pool(d.recipients, 50, async (r) => {
    const mine = new Set(r.conversationIds);
    await new Promise<void>((hello, fail) => {
      const req = http.get(
        `${d.base}/api/v1/events`,
        { agent: sseAgent, headers: { authorization: `Bearer ${r.token}`, accept: 'text/event-stream' } },
        (res) => {
          if (res.statusCode !== 200) {
            fail(new Error(`GET /api/v1/events answered ${res.statusCode}`));
            res.resume();
            return;
          }
          res.setEncoding('utf8');
          let buf = '';
          res.on('data', (chunk: string) => {
            const at = now();
            buf += chunk;
            for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
              const block = buf.slice(0, end);
              buf = buf.slice(end + 2);
              let type = 'message';
              let data = '';
              for (const l of block.split('\n')) {
                if (l.startsWith('event:')) type = l.slice(6).trim();
                else if (l.startsWith('data:')) data += l.slice(5).trim();
              }
              if (!data) continue;
              if (type === 'hello') hello();
              else if (type === 'message') {
                const e = JSON.parse(data) as { messageId: number; conversationId: number };
                if (!mine.has(e.conversationId)) misrouted++;
                if (arrivals.has(e.messageId)) duplicates++;
                else arrivals.set(e.messageId, at);
              }
            }
          });
          res.on('error', (err) => streamErrors.push(err.message));
          res.on('close', () => {
            if (!stopping) streamErrors.push('a stream closed during the run');
          });
        },
      );
      req.on('error', (err) => {
        if (!stopping) streamErrors.push(err.message);
        fail(err);
      });
      open.push(req);
    });
  });
  const connectMs = now() - c0;
  const go = await new Promise<{ serverStreams: number }>((resolve) => {
    port.once('message', resolve);
    port.postMessage({ type: 'connected' });
  });
  if (go.serverStreams < d.recipients.length)
    streamErrors.push(`the server has ${go.serverStreams} streams open, not ${d.recipients.length}`);

  // The senders: 50 loops, each taking the next sender with messages left, until the time is up.
  const sent: { id: number; start: number; end: number }[] = [];
  const refused: Record<string, number> = {};
  const used = new Uint8Array(d.senders.length);
  let turn = 0;
  let exhausted = false;
  const pick = () => {
    for (let k = 0; k < d.senders.length; k++) {
      const i = turn++ % d.senders.length;
      if (used[i] < PER_SENDER) {
        used[i]++;
        return i;
      }
    }
    exhausted = true;
    return -1;
  };
  const postOne = (s: { token: string; conversationId: number }, n: number) =>
    new Promise<{ status: number; body: string }>((resolve) => {
      const body = JSON.stringify({ body: `رسالة رقم ${n}: أرسلت لك الملفات المطلوبة، أخبرني إن احتجت أي تعديل.` });
      const req = http.request(
        `${d.base}/api/v1/conversations/${s.conversationId}/messages`,
        {
          method: 'POST',
          agent: postAgent,
          headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', (err) => resolve({ status: 0, body: err.message }));
        },
      );
      req.on('error', (err) => resolve({ status: 0, body: err.message }));
      req.end(body);
    });
  const s0 = now();
  const deadline = s0 + d.seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (now() < deadline) {
        const i = pick();
        if (i < 0) return;
        const start = now();
        const r = await postOne(d.senders[i], ++count);
        const end = now();
        if (r.status === 201) sent.push({ id: (JSON.parse(r.body) as { message: { id: number } }).message.id, start, end });
        else {
          const code = r.status ? `${r.status} ${(/"code":"([^"]+)"/.exec(r.body) ?? [])[1] ?? ''}`.trim() : `error ${r.body}`;
          refused[code] = (refused[code] ?? 0) + 1;
        }
      }
    }),
  );
  const sendEnd = now();

  // Deliveries still on their way: wait for them (up to 5 s), then count what never came.
  while (now() - sendEnd < GRACE_MS && sent.some((s) => !arrivals.has(s.id))) await new Promise((r) => setTimeout(r, 10));
  stopping = true;
  const ids = new Set(sent.map((s) => s.id));
  const latency: number[] = [];
  const afterResponse: number[] = [];
  let last = s0;
  for (const s of sent) {
    const at = arrivals.get(s.id);
    if (at === undefined) continue;
    latency.push(at - s.start);
    afterResponse.push(at - s.end);
    last = Math.max(last, at);
  }
  for (const req of open) req.destroy();
  sseAgent.destroy();
  postAgent.destroy();
  return {
    connectMs,
    streamErrors,
    sendMs: sendEnd - s0,
    ok: sent.length,
    refused,
    exhausted,
    delivered: latency.length,
    lost: sent.length - latency.length,
    duplicates,
    misrouted,
    unexpected: [...arrivals.keys()].filter((id) => !ids.has(id)).length,
    deliverMs: last - s0,
    latency,
    afterResponse,
    post: sent.map((s) => s.end - s.start),
  };
}

if (!isMainThread && workerData?.kafiilLiveBench) {
  clientSide(workerData.kafiilLiveBench as ClientInput).then(
    (result) => parentPort!.postMessage({ type: 'done', result }),
    (err) => {
      throw err;
    },
  );
}
