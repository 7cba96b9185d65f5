import type { Workspace } from '@leeway/core';

/**
 * A tiny API client for browser tests: sets up data the way the web app would (cookies and
 * the CSRF header), so each test spends its browser time on what it is about.
 */
export class ApiUser {
  cookies = new Map<string, string>();
  csrf = '';
  userId = '';

  constructor(private readonly base: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.csrf && method !== 'GET') {
      const s = await this.call<{ csrfToken: string }>('GET', '/api/v1/auth/session');
      this.csrf = s.csrfToken;
    }
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        cookie: this.cookieHeader(),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    const data: unknown = text ? JSON.parse(text) : undefined;
    const session = data as { csrfToken?: unknown; user?: { id: string } | null } | undefined;
    if (session && typeof session.csrfToken === 'string') {
      this.csrf = session.csrfToken;
      if (session.user) this.userId = session.user.id;
    }
    return data as T;
  }

  static async signUp(
    base: string,
    name: string,
    email: string,
    locale: 'en' | 'de' = 'en',
  ): Promise<ApiUser> {
    const user = new ApiUser(base);
    await user.call('POST', '/api/v1/auth/signup', {
      name,
      email,
      password: 'a long enough password',
      locale,
      timeZone: 'Europe/Berlin',
    });
    return user;
  }

  /** The session cookie for a browser context on `base`. */
  browserCookies() {
    const url = new URL(this.base);
    return [...this.cookies].map(([name, value]) => ({ name, value, domain: url.hostname, path: '/' }));
  }
}

/**
 * The cast most browser tests start from: Olivia owns the "Bakery" workspace and Amira (who
 * reads German) has joined it as an assistant through an invitation.
 */
export async function bakeryWithAssistant(base: string) {
  const owner = await ApiUser.signUp(base, 'Olivia Owner', 'olivia@example.com');
  const workspace = await owner.call<Workspace>('POST', '/api/v1/workspaces', { name: 'Bakery' });
  const invite = await owner.call<{ url: string }>('POST', `/api/v1/workspaces/${workspace.id}/invitations`, {
    role: 'assistant',
  });
  const assistant = await ApiUser.signUp(base, 'Amira Assist', 'amira@example.com', 'de');
  await assistant.call('POST', '/api/v1/invitations/accept', { token: invite.url.split('#')[1] });
  return { owner, assistant, workspace };
}
