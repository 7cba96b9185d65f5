import path from 'node:path';

/**
 * Runtime configuration, read once from the environment and validated before anything
 * starts: a bad value stops the server with a message naming the variable, instead of a
 * half-working app that fails on the first request that needs it.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… when set; otherwise SQLite at `<dataDir>/leeway.sqlite`. */
  databaseUrl: string | null;
  baseUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  sessionDays: number;
  /** Requests per minute and client address on sign-up, log-in and password reset. */
  authRateLimit: number;
  bodyLimitBytes: number;
  /** Largest attachment accepted. */
  attachmentMaxBytes: number;
  /** scrypt cost as log2(N); 15 (32 MiB) in production, lowered only by tests. */
  scryptLog2N: number;
  /** Where the built web app lives; null serves the API only. */
  webDir: string | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

/**
 * The public address goes into every mailed link: a query or fragment would swallow the
 * token behind it, and credentials in it would be mailed to every invitee.
 */
function baseUrlOf(env: Env, port: number): string {
  const raw = url(env, 'BASE_URL', ['http:', 'https:']);
  if (raw === null) return `http://localhost:${port}`;
  const parsed = new URL(raw);
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new ConfigError(
      'BASE_URL',
      'must be a plain address such as https://leeway.example.com (no query, fragment or credentials)',
    );
  }
  return raw.replace(/\/+$/, '');
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const dataDir = path.resolve(cwd, env.DATA_DIR || 'data');
  const baseUrl = baseUrlOf(env, port);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${logLevels.join(', ')}`);
  }
  const mailFrom = env.MAIL_FROM || 'Leeway <leeway@localhost>';
  if (!/^[^\r\n]{3,200}$/.test(mailFrom) || !mailFrom.includes('@')) {
    throw new ConfigError('MAIL_FROM', 'must be an address such as "Leeway <leeway@example.com>"');
  }
  return {
    port,
    host: env.HOST || 'localhost',
    dataDir,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    baseUrl,
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom,
    logLevel: logLevel as Config['logLevel'],
    trustProxy: bool(env, 'TRUST_PROXY', false),
    sessionDays: int(env, 'SESSION_DAYS', 30, 1, 365),
    authRateLimit: int(env, 'AUTH_RATE_LIMIT', 10, 1, 100000),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    attachmentMaxBytes: int(env, 'ATTACHMENT_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    scryptLog2N: int(env, 'SCRYPT_LOG2N', 15, 10, 20),
    webDir: env.WEB_DIR === '' ? null : path.resolve(cwd, env.WEB_DIR || 'web/dist'),
  };
}
