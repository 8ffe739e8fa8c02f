import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultBaseUrl, loadConfig, serverSecret } from './config.ts';

describe('TRUST_PROXY', () => {
  it('is off by default: forwarded headers are nobody’s word', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('takes a number of proxy hops', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('takes a comma-separated list of addresses, CIDR ranges and named ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: ' 127.0.0.1, 10.0.0.0/8 ,::1, fd00::/8,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(loadConfig({ TRUST_PROXY: 'uniquelocal,linklocal' }).trustProxy).toEqual(['uniquelocal', 'linklocal']);
  });

  it('stops the start naming the variable for anything else, trusting everyone included', () => {
    for (const bad of ['true', 'yes', 'banana', '10.0.0.0/33', '999.1.1.1', '::1/129', '127.0.0.1,', '-1', '1.5', '100', 'example.com']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/^TRUST_PROXY: /);
    }
  });
});

describe('SECRET_KEY', () => {
  const key = 'k'.repeat(32);
  it('is required in production, at least 32 characters, and stops the start naming it otherwise', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/^SECRET_KEY: .*required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'short' })).toThrow(/^SECRET_KEY: /);
    expect(() => loadConfig({ SECRET_KEY: `${'k'.repeat(31)}` })).toThrow(ConfigError);
    expect(() => loadConfig({ SECRET_KEY: `${'k'.repeat(20)} ${'k'.repeat(20)}` })).toThrow(/^SECRET_KEY: /);
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY: key }).secretKey).toBe(key);
    expect(serverSecret(loadConfig({ NODE_ENV: 'production', SECRET_KEY: key }))).toBe(key);
  });

  it('in development is made once and kept in DATA_DIR/secret-key (only its owner reads it)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-secret-'));
    const config = loadConfig({ DATA_DIR: path.join(dir, 'data') });
    expect(config.secretKey).toBeNull();
    const first = serverSecret(config);
    expect(first).toMatch(/^[\w-]{43}$/);
    const file = path.join(dir, 'data', 'secret-key');
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    // A restart reads the same key; another data directory has its own.
    expect(serverSecret(loadConfig({ DATA_DIR: path.join(dir, 'data') }))).toBe(first);
    expect(serverSecret(loadConfig({ DATA_DIR: path.join(dir, 'other') }))).not.toBe(first);
    // SECRET_KEY wins over the kept one; production never falls back to a file.
    expect(serverSecret(loadConfig({ DATA_DIR: path.join(dir, 'data'), SECRET_KEY: key }))).toBe(key);
    expect(() => serverSecret({ ...config, production: true })).toThrow(/^SECRET_KEY: /);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('BASE_URL', () => {
  it('defaults to the address the server listens on (HOST 127.0.0.1 by default), not localhost', () => {
    expect(loadConfig({}).baseUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ PORT: '8080' }).baseUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ HOST: '192.168.1.20', PORT: '4000' }).baseUrl).toBe('http://192.168.1.20:4000');
    expect(loadConfig({ HOST: 'kafiil.lan' }).baseUrl).toBe('http://kafiil.lan:3000');
    expect(loadConfig({ HOST: '::1' }).baseUrl).toBe('http://[::1]:3000');
  });

  it('is localhost for a wildcard bind (0.0.0.0, ::), which names no address to open', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).baseUrl).toBe('http://localhost:3000');
    expect(loadConfig({ HOST: '::', PORT: '3100' }).baseUrl).toBe('http://localhost:3100');
    expect(defaultBaseUrl('[::]', 80)).toBe('http://localhost:80');
  });

  it('is what BASE_URL says when it is set (without a trailing slash), and a bad one stops the start', () => {
    expect(loadConfig({ BASE_URL: 'https://kafiil.example/', HOST: '0.0.0.0' }).baseUrl).toBe('https://kafiil.example');
    expect(() => loadConfig({ BASE_URL: 'ftp://kafiil.example' })).toThrow(/^BASE_URL: /);
    expect(() => loadConfig({ BASE_URL: 'not a url' })).toThrow(ConfigError);
  });
});

describe('OIDC_*', () => {
  const all = { OIDC_ISSUER: 'https://accounts.google.com/', OIDC_CLIENT_ID: 'kafiil.apps', OIDC_CLIENT_SECRET: 's3cret' };
  const refusal = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env);
    } catch (err) {
      return err instanceof ConfigError ? err.message : String(err);
    }
    return null;
  };

  it('is off without its settings, and on with all three (the button named by OIDC_NAME)', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig(all).oidc).toEqual({
      issuer: 'https://accounts.google.com',
      clientId: 'kafiil.apps',
      clientSecret: 's3cret',
      name: 'OpenID',
    });
    expect(loadConfig({ ...all, OIDC_NAME: 'Google' }).oidc?.name).toBe('Google');
  });

  it('refuses a part of them, naming what is missing', () => {
    expect(refusal({ OIDC_ISSUER: all.OIDC_ISSUER })).toMatch(/^OIDC_CLIENT_ID: is required when OIDC_ISSUER is set/);
    expect(refusal({ OIDC_ISSUER: all.OIDC_ISSUER, OIDC_CLIENT_ID: 'x' })).toMatch(/^OIDC_CLIENT_SECRET: is required/);
    expect(refusal({ OIDC_CLIENT_SECRET: 'x', OIDC_CLIENT_ID: 'y' })).toMatch(/^OIDC_ISSUER: is required/);
    expect(refusal({ OIDC_NAME: 'Google' })).toMatch(/^OIDC_NAME: is set but/);
  });

  it('refuses a bad issuer, a client id with spaces, a long name, and a plain-HTTP issuer in production', () => {
    expect(refusal({ ...all, OIDC_ISSUER: 'not a url' })).toMatch(/^OIDC_ISSUER: is not a valid URL/);
    expect(refusal({ ...all, OIDC_ISSUER: 'ftp://x.example' })).toMatch(/^OIDC_ISSUER: must use http: or https:/);
    expect(refusal({ ...all, OIDC_CLIENT_ID: 'a b' })).toMatch(/^OIDC_CLIENT_ID: must not contain spaces/);
    expect(refusal({ ...all, OIDC_NAME: 'x'.repeat(41) })).toMatch(/^OIDC_NAME: must be at most 40/);
    const prod = { NODE_ENV: 'production', SECRET_KEY: 'k'.repeat(40) };
    expect(refusal({ ...prod, ...all, OIDC_ISSUER: 'http://idp.example' })).toMatch(/^OIDC_ISSUER: must use https:/);
    expect(refusal({ ...prod, ...all })).toBeNull();
  });
});
