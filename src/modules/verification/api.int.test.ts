import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, multipart, signedUpUser, smallPng, staffUser, type TestApp } from '../../../test/helpers.ts';

// Identity verification over the API (issue 17): files uploaded first through POST /api/v1/files, then their ids;
// the refusals as problem documents; support staff's decisions; two requests at once leave one pending (on
// PostgreSQL with KAFIIL_TEST_DB=postgres: real parallel transactions).

let t: TestApp;
type User = Awaited<ReturnType<typeof signedUpUser>>;
type Json = Record<string, unknown> & { code?: string; errors?: { field: string; code: string }[] };
let png: Buffer;
const pdf = Buffer.from('%PDF-1.4\n% passport\n');

async function call(who: User | null, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const r = await t.app.inject({
    method,
    url,
    headers: who ? who.auth : {},
    ...(payload === undefined ? {} : { payload: payload as Json }),
  });
  return { status: r.statusCode, json: (r.body ? r.json() : {}) as Json, type: String(r.headers['content-type']) };
}
async function upload(who: User, name: string, type: string, bytes: Buffer): Promise<number> {
  const m = multipart([{ name: 'file', filename: name, type, bytes }]);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...who.auth, 'content-type': m.contentType },
    payload: m.payload,
  });
  expect(r.statusCode, r.body).toBe(201);
  return (r.json() as { id: number }).id;
}
const fieldsOf = (j: Json) => Object.fromEntries((j.errors ?? []).map((e) => [e.field, e.code]));
async function request(who: User, over: Record<string, unknown> = {}) {
  const documentFileId = await upload(who, 'passport.pdf', 'application/pdf', pdf);
  const selfieFileId = await upload(who, 'me.png', 'image/png', png);
  return call(who, 'POST', '/api/v1/verification', {
    documentKind: 'passport',
    fullName: 'Sara Mahmoud Ali',
    documentFileId,
    selfieFileId,
    ...over,
  });
}

beforeAll(async () => {
  t = await makeTestApp();
  png = await smallPng();
});
afterAll(async () => {
  await t.close();
});

describe('the verification API', () => {
  it('answers 401 to a client without a token', async () => {
    expect((await call(null, 'GET', '/api/v1/verification')).status).toBe(401);
    const body = { documentKind: 'passport', fullName: 'Sara Ali', documentFileId: 1, selfieFileId: 2 };
    expect((await call(null, 'POST', '/api/v1/verification', body)).status).toBe(401);
  });

  it('says nothing was asked yet, takes a request, shows it pending with its due date; support staff approve it', async () => {
    const u = await signedUpUser(t, 'avs');
    expect((await call(u, 'GET', '/api/v1/verification')).json).toEqual({ verified: false, verifiedAt: null, request: null });
    const r = await request(u);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json).toMatchObject({ status: 'pending', documentKind: 'passport', fullName: 'Sara Mahmoud Ali', replacing: false });
    expect(r.json.dueAt).toBe('2026-11-30T10:00:00.000Z');
    const again = await request(u);
    expect([again.status, again.json.code, again.type]).toEqual([409, 'verification.pending', 'application/problem+json; charset=utf-8']);

    const support = await staffUser(t, ['support'], 'avsup');
    const mod = await staffUser(t, ['moderator'], 'avmod');
    const id = r.json.id as number;
    expect((await call(mod, 'POST', `/api/v1/admin/verifications/${id}/approve`)).status).toBe(403);
    expect((await call(u, 'POST', `/api/v1/admin/verifications/${id}/approve`)).status).toBe(403);
    expect((await call(support, 'POST', `/api/v1/admin/verifications/${id}/approve`)).json).toEqual({ id, status: 'approved' });
    expect((await call(support, 'POST', `/api/v1/admin/verifications/${id}/approve`)).json.code).toBe('verification.decided');
    const status = await call(u, 'GET', '/api/v1/verification');
    expect(status.json).toMatchObject({ verified: true, request: { id, status: 'approved' } });

    // Verified: only a replacement is taken.
    expect((await request(u)).json.code).toBe('verification.already_verified');
    const replacement = await request(u, { replace: true });
    expect([replacement.status, replacement.json.replacing]).toEqual([201, true]);
    const reject = await call(support, 'POST', `/api/v1/admin/verifications/${replacement.json.id}/reject`, { reason: 'short' });
    expect([reject.status, fieldsOf(reject.json)]).toEqual([400, { reason: 'verification.reason_length' }]);
    const done = await call(support, 'POST', `/api/v1/admin/verifications/${replacement.json.id}/reject`, {
      reason: 'The passport in this photo has expired.',
    });
    expect(done.json.status).toBe('rejected');
    expect((await call(u, 'GET', '/api/v1/verification')).json).toMatchObject({
      verified: true,
      request: { status: 'rejected', rejectReason: 'The passport in this photo has expired.' },
    });
  });

  it('refuses files that are not the sender’s, not a photo or PDF, too large, the same twice, and malformed bodies', async () => {
    const u = await signedUpUser(t, 'avbad');
    const other = await signedUpUser(t, 'avoth');
    const theirs = await upload(other, 'id.png', 'image/png', png);
    const zip = await upload(u, 'id.zip', 'application/zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(32, 1)]));
    const big = await upload(u, 'id.pdf', 'application/pdf', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024, 32)]));
    const doc = await upload(u, 'passport.pdf', 'application/pdf', pdf);
    const selfie = await upload(u, 'me.png', 'image/png', png);
    const base = { documentKind: 'national_id', fullName: 'محمد علي', documentFileId: doc, selfieFileId: selfie };
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ documentFileId: theirs }, { documentFileId: 'verification.file_invalid' }],
      [{ documentFileId: 2_147_483_647 }, { documentFileId: 'verification.file_invalid' }],
      [{ documentFileId: zip }, { documentFileId: 'verification.document_type' }],
      [{ documentFileId: big }, { documentFileId: 'verification.file_too_large' }],
      [{ selfieFileId: doc }, { selfieFileId: 'verification.selfie_type' }],
      [{ documentFileId: selfie, selfieFileId: selfie }, { selfieFileId: 'verification.same_file' }],
      [{ documentKind: 'visa' }, { documentKind: 'verification.kind_invalid' }],
      [{ fullName: 'X' }, { fullName: 'verification.name_length' }],
    ];
    for (const [over, fields] of cases) {
      const r = await call(u, 'POST', '/api/v1/verification', { ...base, ...over });
      expect([r.status, r.json.code, fieldsOf(r.json)], JSON.stringify(over)).toEqual([400, 'validation.failed', fields]);
    }
    for (const body of [{ ...base, documentFileId: 'x' }, { ...base, extra: 1 }, { fullName: 'Sara Ali' }]) {
      expect((await call(u, 'POST', '/api/v1/verification', body)).status, JSON.stringify(body)).toBe(400);
    }
    const raw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verification',
      headers: { ...u.auth, 'content-type': 'application/json' },
      payload: '{"documentKind":',
    });
    expect(raw.statusCode).toBe(400);
    expect((await call(u, 'GET', '/api/v1/verification')).json.request).toBeNull();
  });

  it('keeps one pending request when two arrive at once', async () => {
    const u = await signedUpUser(t, 'avrace');
    const ids = await Promise.all([
      upload(u, 'a.pdf', 'application/pdf', pdf),
      upload(u, 'a.png', 'image/png', png),
      upload(u, 'b.pdf', 'application/pdf', pdf),
      upload(u, 'b.png', 'image/png', png),
    ]);
    const results = await Promise.all([
      call(u, 'POST', '/api/v1/verification', {
        documentKind: 'passport',
        fullName: 'Omar Khaled',
        documentFileId: ids[0],
        selfieFileId: ids[1],
      }),
      call(u, 'POST', '/api/v1/verification', {
        documentKind: 'passport',
        fullName: 'Omar Khaled',
        documentFileId: ids[2],
        selfieFileId: ids[3],
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)?.json.code).toBe('verification.pending');
    expect(await t.services.verification.pendingCount()).toBeGreaterThanOrEqual(1);
  });

  it('documents the operations in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/v1/verification']).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/api/v1/admin/verifications/{id}/approve']).toBeDefined();
    expect(doc.paths['/api/v1/admin/verifications/{id}/reject']).toBeDefined();
  });
});
