import {
  type ErrorCode,
  type ErrorDetails,
  type FieldIssue,
  isErrorCode,
  type SessionInfo,
} from '@leeway/core';

/** A failed API call, carrying the server's closed `code` (never switch on the message). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(status: number, code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The server's per-field validation issues, if it sent any. */
  get fields(): FieldIssue[] {
    const fields = this.details?.fields;
    if (!Array.isArray(fields)) return [];
    return fields.filter(
      (f): f is FieldIssue =>
        typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.message === 'string',
    );
  }
}

/** The request never got an answer (offline, server down, DNS, CORS). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached.', { cause });
    this.name = 'NetworkError';
  }
}

/** Used when a response carries no usable code (a proxy's HTML error page, an empty body). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 410:
      return 'token_invalid';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'rate_limited';
    case 502:
    case 503:
    case 504:
      return 'service_unavailable';
    default:
      return 'internal_error';
  }
}

/** Turns any error body (or none) into an ApiError; unknown codes fall back to the status. */
export function toApiError(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null) {
    const { code, message, details } = body as { code?: unknown; message?: unknown; details?: unknown };
    const known = isErrorCode(code) ? code : codeForStatus(status);
    const text = typeof message === 'string' ? message : `HTTP ${status}`;
    const det = typeof details === 'object' && details !== null ? (details as ErrorDetails) : undefined;
    return new ApiError(status, known, text, det);
  }
  return new ApiError(status, codeForStatus(status), `HTTP ${status}`);
}

export function isSessionInfo(value: unknown): value is SessionInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    'csrfToken' in value &&
    typeof value.csrfToken === 'string' &&
    'user' in value &&
    (value.user === null || typeof value.user === 'object')
  );
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface UploadOptions extends RequestOptions {
  /** Share of the file sent so far, 0–1 (only when the browser knows the total). */
  onProgress?: (fraction: number) => void;
  /** The multipart field name the server reads the file from. */
  field?: string;
}

/** The part of XMLHttpRequest an upload needs; tests hand in a fake. */
export interface UploadRequest {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: FormData): void;
  abort(): void;
  readonly upload: { onprogress: ((event: ProgressEvent) => unknown) | null };
  readonly status: number;
  readonly responseText: string;
  onload: ((event: ProgressEvent) => unknown) | null;
  onerror: ((event: ProgressEvent) => unknown) | null;
  onabort: ((event: ProgressEvent) => unknown) | null;
}

export interface ApiHandlers {
  /** Every new session (login, signup, password change, a CSRF refresh) passes through here. */
  onSession?: (info: SessionInfo) => void;
  /** A protected call answered 401 `unauthenticated`: the session is gone. */
  onUnauthenticated?: () => void;
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Uploads go through XMLHttpRequest: fetch cannot report upload progress. */
  xhr?: () => UploadRequest;
}

export const sessionPath = '/auth/session';

const notJson = Symbol('not JSON');

/**
 * The one fetch client. It keeps the CSRF token in memory (the session cookie itself is
 * httpOnly), sends it on every non-GET request, refreshes it once when the server says it is
 * stale, and replaces it whenever a response carries a new session.
 */
export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '/api/v1';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const newXhr = options.xhr ?? ((): UploadRequest => new XMLHttpRequest());
  let csrfToken: string | null = null;
  let handlers: ApiHandlers = {};
  let pendingSession: Promise<SessionInfo> | null = null;

  async function send(method: Method, path: string, body: unknown, opts: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (opts.signal) init.signal = opts.signal;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
    try {
      return await doFetch(`${baseUrl}${path}`, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new NetworkError(error);
    }
  }

  /** The parsed body; `undefined` for none, `notJson` for something else (an HTML error page). */
  async function readJson(res: Response): Promise<unknown> {
    return parseText(await res.text());
  }

  function parseText(text: string): unknown {
    if (text.length === 0) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return notJson;
    }
  }

  async function fetchSession(notify: boolean): Promise<SessionInfo> {
    // Concurrent callers (several requests failing CSRF at once) share one refresh.
    pendingSession ??= (async () => {
      const res = await send('GET', sessionPath, undefined, {});
      const data = await readJson(res);
      if (!res.ok) throw toApiError(res.status, data);
      if (!isSessionInfo(data)) throw new ApiError(502, 'service_unavailable', 'Malformed session answer');
      csrfToken = data.csrfToken;
      return data;
    })().finally(() => {
      pendingSession = null;
    });
    const info = await pendingSession;
    if (notify) handlers.onSession?.(info);
    return info;
  }

  /** One multipart POST with the CSRF header; resolves with the status and the raw body. */
  function sendUpload(
    path: string,
    file: File,
    opts: UploadOptions,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) {
        reject(new DOMException('The upload was aborted.', 'AbortError'));
        return;
      }
      const xhr = newXhr();
      const form = new FormData();
      form.append(opts.field ?? 'file', file, file.name);
      xhr.open('POST', `${baseUrl}${path}`);
      xhr.setRequestHeader('accept', 'application/json');
      if (csrfToken !== null) xhr.setRequestHeader('x-csrf-token', csrfToken);
      const onProgress = opts.onProgress;
      if (onProgress) {
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable && event.total > 0) onProgress(Math.min(1, event.loaded / event.total));
        };
      }
      const abort = () => xhr.abort();
      opts.signal?.addEventListener('abort', abort, { once: true });
      const settle = () => opts.signal?.removeEventListener('abort', abort);
      xhr.onload = () => {
        settle();
        resolve({ status: xhr.status, text: xhr.responseText });
      };
      xhr.onerror = () => {
        settle();
        reject(new NetworkError(new Error('The upload failed.')));
      };
      xhr.onabort = () => {
        settle();
        reject(new DOMException('The upload was aborted.', 'AbortError'));
      };
      // No content-type header: the browser adds multipart/form-data with its boundary.
      xhr.send(form);
    });
  }

  async function upload<T>(path: string, file: File, opts: UploadOptions = {}): Promise<T> {
    if (csrfToken === null) await fetchSession(true);
    let res = await sendUpload(path, file, opts);
    let data = parseText(res.text);
    if (res.status === 403 && toApiError(res.status, data).code === 'csrf_failed') {
      await fetchSession(true);
      res = await sendUpload(path, file, opts);
      data = parseText(res.text);
    }
    if (res.status < 200 || res.status >= 300) {
      const error = toApiError(res.status, data);
      if (error.code === 'unauthenticated') handlers.onUnauthenticated?.();
      throw error;
    }
    if (data === notJson) throw new ApiError(502, 'service_unavailable', 'Expected a JSON answer');
    return data as T;
  }

  async function request<T>(
    method: Method,
    path: string,
    body?: unknown,
    opts: RequestOptions = {},
  ): Promise<T> {
    if (method !== 'GET' && csrfToken === null) await fetchSession(true);
    let res = await send(method, path, body, opts);
    let data = await readJson(res);
    if (res.status === 403 && method !== 'GET' && toApiError(res.status, data).code === 'csrf_failed') {
      await fetchSession(true);
      res = await send(method, path, body, opts);
      data = await readJson(res);
    }
    if (!res.ok) {
      const error = toApiError(res.status, data);
      if (error.code === 'unauthenticated') handlers.onUnauthenticated?.();
      throw error;
    }
    // A 2xx that isn't JSON is not our server (a misrouted proxy, a static fallback page).
    if (data === notJson) throw new ApiError(502, 'service_unavailable', 'Expected a JSON answer');
    // 204 and 202 may come without a body; callers of those endpoints expect `void`.
    if (isSessionInfo(data)) {
      csrfToken = data.csrfToken;
      handlers.onSession?.(data);
    }
    return data as T;
  }

  return {
    get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
    post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body, opts),
    patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
    put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
    /** A body only where the route asks for one (deleting a workspace confirms its name). */
    delete: <T = void>(path: string, opts?: RequestOptions & { body?: unknown }) =>
      request<T>('DELETE', path, opts?.body, opts),
    /** Sends one file as multipart/form-data (field `file`) with the CSRF header, reporting progress. */
    upload,
    /** Reads the current session and its CSRF token (at boot, and after logout). */
    session: () => fetchSession(false),
    setHandlers(next: ApiHandlers) {
      handlers = next;
    },
    get csrfToken() {
      return csrfToken;
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app's client. Tests build their own with `createApiClient({ fetch })`. */
export const api = createApiClient();

/** Encodes one path segment (ids are UUIDs, but never trust that in a URL). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
