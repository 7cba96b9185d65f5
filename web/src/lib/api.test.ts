import type { SessionInfo } from '@leeway/core';
import { describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  codeForStatus,
  createApiClient,
  NetworkError,
  toApiError,
  type UploadRequest,
} from './api.ts';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** A fake server: answers are taken in order; every request is recorded. */
function fakeFetch(answers: Array<() => Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected request ${String(input)}`);
    return next();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const anonymous = (token: string): SessionInfo => ({ user: null, csrfToken: token });
const user = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ada@example.com',
  name: 'Ada',
  locale: 'en' as const,
  timeZone: 'Europe/Berlin',
  createdAt: '2025-01-01T00:00:00.000Z',
};

describe('toApiError', () => {
  it('keeps a known code and the field details', () => {
    const error = toApiError(400, {
      code: 'validation_failed',
      message: 'bad',
      details: { fields: [{ field: 'email', message: 'must be an e-mail' }, { nope: 1 }] },
    });
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(error.fields).toEqual([{ field: 'email', message: 'must be an e-mail' }]);
  });

  it('falls back to the status when the code is unknown or the body is not JSON', () => {
    expect(toApiError(409, { code: 'brand_new_code', message: 'x' }).code).toBe('conflict');
    expect(toApiError(502, undefined).code).toBe('service_unavailable');
    expect(toApiError(500, 'oops').code).toBe('internal_error');
  });

  it('maps every status a proxy may produce to some code', () => {
    expect(codeForStatus(401)).toBe('unauthenticated');
    expect(codeForStatus(410)).toBe('token_invalid');
    expect(codeForStatus(429)).toBe('rate_limited');
    expect(codeForStatus(418)).toBe('internal_error');
  });
});

describe('createApiClient', () => {
  it('reads the session and sends its CSRF token on writes, not on reads', async () => {
    const { fetch, calls } = fakeFetch([
      () => json(200, anonymous('t1')),
      () => json(200, []),
      () => json(201, { id: 'w' }),
    ]);
    const api = createApiClient({ fetch });
    await api.session();
    await api.get('/workspaces');
    await api.post('/workspaces', { name: 'Acme' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/v1/auth/session',
      'GET /api/v1/workspaces',
      'POST /api/v1/workspaces',
    ]);
    expect(calls[1]?.headers['x-csrf-token']).toBeUndefined();
    expect(calls[2]?.headers['x-csrf-token']).toBe('t1');
    expect(calls[2]?.headers['content-type']).toBe('application/json');
    expect(calls[2]?.body).toBe('{"name":"Acme"}');
  });

  it('fetches a token first when a write comes before any session read', async () => {
    const { fetch, calls } = fakeFetch([() => json(200, anonymous('t0')), () => json(202, undefined)]);
    const api = createApiClient({ fetch });
    await api.post('/auth/password-reset', { email: 'a@b.de' });
    expect(calls[1]?.headers['x-csrf-token']).toBe('t0');
  });

  it('refreshes the token once and retries after csrf_failed', async () => {
    const onSession = vi.fn();
    const { fetch, calls } = fakeFetch([
      () => json(200, anonymous('old')),
      () => json(403, { code: 'csrf_failed', message: 'stale' }),
      () => json(200, anonymous('new')),
      () => json(204, undefined),
    ]);
    const api = createApiClient({ fetch });
    api.setHandlers({ onSession });
    await api.session();
    await expect(api.post('/auth/logout')).resolves.toBeUndefined();
    expect(calls[3]?.headers['x-csrf-token']).toBe('new');
    expect(onSession).toHaveBeenCalledWith(anonymous('new'));
    // A body-less POST must not claim a JSON body (Fastify rejects an empty JSON body).
    expect(calls[3]?.headers['content-type']).toBeUndefined();
  });

  it('gives up after one retry', async () => {
    const { fetch } = fakeFetch([
      () => json(200, anonymous('a')),
      () => json(403, { code: 'csrf_failed', message: 'stale' }),
      () => json(200, anonymous('b')),
      () => json(403, { code: 'csrf_failed', message: 'still stale' }),
    ]);
    const api = createApiClient({ fetch });
    await api.session();
    await expect(api.post('/x')).rejects.toMatchObject({ code: 'csrf_failed' });
  });

  it('takes over the token of every session answer (login, password change)', async () => {
    const onSession = vi.fn();
    const { fetch, calls } = fakeFetch([
      () => json(200, anonymous('before')),
      () => json(200, { user, csrfToken: 'after' }),
      () => json(200, user),
    ]);
    const api = createApiClient({ fetch });
    api.setHandlers({ onSession });
    await api.session();
    await api.post('/auth/login', { email: user.email, password: 'x' });
    await api.patch('/me', { name: 'Ada L.' });
    expect(calls[2]?.headers['x-csrf-token']).toBe('after');
    expect(onSession).toHaveBeenCalledWith({ user, csrfToken: 'after' });
  });

  it('reports a lost session on 401 unauthenticated, but not on wrong credentials', async () => {
    const onUnauthenticated = vi.fn();
    const { fetch } = fakeFetch([
      () => json(401, { code: 'invalid_credentials', message: 'no' }),
      () => json(401, { code: 'unauthenticated', message: 'no session' }),
    ]);
    const api = createApiClient({ fetch });
    api.setHandlers({ onUnauthenticated });
    await expect(api.get('/a')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).not.toHaveBeenCalled();
    await expect(api.get('/b')).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('turns a failed fetch into a NetworkError and a non-JSON 200 into service_unavailable', async () => {
    const { fetch } = fakeFetch([
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => new Response('<!doctype html><html></html>', { status: 200 }),
    ]);
    const api = createApiClient({ fetch });
    await expect(api.get('/a')).rejects.toBeInstanceOf(NetworkError);
    await expect(api.get('/b')).rejects.toMatchObject({ code: 'service_unavailable' });
  });
});

// Node has no ProgressEvent; the client reads only these three fields.
const event = (init: Partial<Pick<ProgressEvent, 'lengthComputable' | 'loaded' | 'total'>>) =>
  init as ProgressEvent;

/** A fake XMLHttpRequest: answers in order, records what was sent, reports progress first. */
function fakeXhr(answers: Array<{ status: number; body: unknown }>) {
  const sent: Array<{ url: string; headers: Record<string, string>; file: File | null }> = [];
  const factory = (): UploadRequest => {
    const headers: Record<string, string> = {};
    let url = '';
    const xhr: UploadRequest = {
      status: 0,
      responseText: '',
      upload: { onprogress: null },
      onload: null,
      onerror: null,
      onabort: null,
      open: (_method, target) => {
        url = target;
      },
      setRequestHeader: (name, value) => {
        headers[name] = value;
      },
      abort: () => xhr.onabort?.(event({})),
      send: (body) => {
        const file = body.get('file');
        sent.push({ url, headers: { ...headers }, file: file instanceof File ? file : null });
        const answer = answers.shift();
        if (!answer) throw new Error('unexpected upload');
        queueMicrotask(() => {
          xhr.upload.onprogress?.(event({ lengthComputable: true, loaded: 5, total: 10 }));
          Object.assign(xhr, { status: answer.status, responseText: JSON.stringify(answer.body) });
          xhr.onload?.(event({}));
        });
      },
    };
    return xhr;
  };
  return { factory, sent };
}

describe('upload', () => {
  it('sends the file as the "file" field with the CSRF token and reports progress', async () => {
    const { fetch } = fakeFetch([() => json(200, anonymous('tok'))]);
    const { factory, sent } = fakeXhr([{ status: 201, body: { id: 'a1' } }]);
    const api = createApiClient({ fetch, xhr: factory });
    const progress: number[] = [];
    const file = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    await expect(
      api.upload('/x/attachments', file, { onProgress: (f) => progress.push(f) }),
    ).resolves.toEqual({
      id: 'a1',
    });
    expect(sent[0]?.url).toBe('/api/v1/x/attachments');
    expect(sent[0]?.headers['x-csrf-token']).toBe('tok');
    expect(sent[0]?.headers['content-type']).toBeUndefined();
    expect(sent[0]?.file?.name).toBe('notes.txt');
    expect(progress).toEqual([0.5]);
  });

  it('turns 413 into payload_too_large with the limit, and retries once after csrf_failed', async () => {
    const { fetch } = fakeFetch([() => json(200, anonymous('a')), () => json(200, anonymous('b'))]);
    const { factory, sent } = fakeXhr([
      { status: 403, body: { code: 'csrf_failed', message: 'stale' } },
      { status: 413, body: { code: 'payload_too_large', message: 'big', details: { maxBytes: 1024 } } },
    ]);
    const api = createApiClient({ fetch, xhr: factory });
    const error = await api.upload('/x', new File(['x'], 'big.bin')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413, details: { maxBytes: 1024 } });
    expect(sent.map((s) => s.headers['x-csrf-token'])).toEqual(['a', 'b']);
  });
});
