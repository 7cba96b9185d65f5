import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const CWD = path.resolve('/srv/leeway');

/** The ConfigError a bad environment throws, or a failure when it throws nothing or something else. */
function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, CWD);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({}, CWD);
    expect(config).toEqual({
      port: 3000,
      host: 'localhost',
      dataDir: path.join(CWD, 'data'),
      databaseUrl: null,
      baseUrl: 'http://localhost:3000',
      smtpUrl: null,
      mailFrom: 'Leeway <leeway@localhost>',
      logLevel: 'info',
      trustProxy: false,
      sessionDays: 30,
      authRateLimit: 10,
      bodyLimitBytes: 1024 * 1024,
      attachmentMaxBytes: 25 * 1024 * 1024,
      scryptLog2N: 15,
      webDir: path.join(CWD, 'web/dist'),
    });
  });

  it('treats empty strings like unset variables', () => {
    const config = loadConfig(
      { PORT: '', BASE_URL: '', DATABASE_URL: '', SMTP_URL: '', LOG_LEVEL: '', TRUST_PROXY: '' },
      CWD,
    );
    expect(config).toMatchObject({
      port: 3000,
      baseUrl: 'http://localhost:3000',
      databaseUrl: null,
      smtpUrl: null,
    });
  });

  it('resolves DATA_DIR and WEB_DIR against the working directory; an empty WEB_DIR serves the API only', () => {
    expect(loadConfig({ DATA_DIR: 'var/lib' }, CWD).dataDir).toBe(path.join(CWD, 'var/lib'));
    expect(loadConfig({ DATA_DIR: '/abs/data' }, CWD).dataDir).toBe(path.resolve('/abs/data'));
    expect(loadConfig({ WEB_DIR: 'public' }, CWD).webDir).toBe(path.join(CWD, 'public'));
    expect(loadConfig({ WEB_DIR: '' }, CWD).webDir).toBeNull();
  });

  it('derives the base URL from the port and strips trailing slashes from BASE_URL', () => {
    expect(loadConfig({ PORT: '8080' }, CWD).baseUrl).toBe('http://localhost:8080');
    expect(loadConfig({ BASE_URL: 'https://leeway.example.com/' }, CWD).baseUrl).toBe(
      'https://leeway.example.com',
    );
    expect(loadConfig({ BASE_URL: 'https://example.com/leeway//' }, CWD).baseUrl).toBe(
      'https://example.com/leeway',
    );
  });

  it('accepts good values of every kind', () => {
    const config = loadConfig(
      {
        PORT: '0',
        DATABASE_URL: 'postgresql://u:p@db:5432/leeway',
        SMTP_URL: 'smtps://u:p@mail.example.com:465',
        LOG_LEVEL: 'debug',
        TRUST_PROXY: 'YES',
        SESSION_DAYS: '7',
        MAIL_FROM: 'Team <team@example.com>',
      },
      CWD,
    );
    expect(config).toMatchObject({
      port: 0,
      databaseUrl: 'postgresql://u:p@db:5432/leeway',
      smtpUrl: 'smtps://u:p@mail.example.com:465',
      logLevel: 'debug',
      trustProxy: true,
      sessionDays: 7,
      mailFrom: 'Team <team@example.com>',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', TRUST_PROXY: '0' }, CWD)).toMatchObject({
      databaseUrl: 'postgres://x/y',
      trustProxy: false,
    });
    expect(loadConfig({ TRUST_PROXY: 'true' }, CWD).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'no' }, CWD).trustProxy).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '3000.5'],
    ['PORT', '1e3'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'not a url'],
    ['BASE_URL', 'notaurl'],
    ['BASE_URL', 'ftp://example.com'],
    ['BASE_URL', 'javascript:alert(1)'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_LEVEL', 'INFO'],
    ['TRUST_PROXY', 'maybe'],
    ['SMTP_URL', 'http://x'],
    ['SMTP_URL', 'mail.example.com'],
    ['SESSION_DAYS', '0'],
    ['SESSION_DAYS', '366'],
    ['AUTH_RATE_LIMIT', '0'],
    ['BODY_LIMIT_BYTES', '10'],
    ['SCRYPT_LOG2N', '9'],
    ['SCRYPT_LOG2N', '21'],
    ['MAIL_FROM', 'no address here'],
    ['MAIL_FROM', 'a@b\r\nBcc: victim@example.com'],
  ])('refuses %s=%j with a ConfigError naming the variable', (variable, value) => {
    const err = configErrorOf({ [variable]: value });
    expect(err.name).toBe('ConfigError');
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable}: `)).toBe(true);
  });

  // A query or fragment would end up in the middle of every mailed link ("https://x/#a/invite#inv_…"
  // hides the token behind the first "#"), and user:password would be mailed to every invitee.
  it.each([
    ['https://leeway.example.com/?x=1'],
    ['https://leeway.example.com/#top'],
    ['https://admin:secret@leeway.example.com'],
  ])('refuses BASE_URL=%j, which would break or leak every mailed link', (value) => {
    expect(configErrorOf({ BASE_URL: value }).variable).toBe('BASE_URL');
  });

  it('does not echo a rejected URL, which may carry a password, beyond the variable name', () => {
    const err = configErrorOf({ DATABASE_URL: 'mysql://admin:s3cret@db/leeway' });
    expect(err.message).not.toContain('s3cret');
  });
});
