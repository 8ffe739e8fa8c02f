import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('LOG_LEVEL', () => {
  it('is info by default and takes any of pino’s levels, in any case', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: '' }).logLevel).toBe('info');
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
    expect(loadConfig({ LOG_LEVEL: ' Debug ' }).logLevel).toBe('debug');
  });

  it('stops the start naming the variable for anything else', () => {
    for (const bad of ['verbose', 'warning', '30', 'info,debug']) {
      expect(() => loadConfig({ LOG_LEVEL: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ LOG_LEVEL: bad })).toThrow(/^LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/);
    }
  });
});
