import { z } from 'zod';
import { BaseConfigSchema, ConfigError, LOCAL_ONLY_VARIABLES, loadConfig } from '@backbone/shared/core';

const Schema = BaseConfigSchema.extend({
  POOL: z.coerce.number().int().positive(),
  MODE: z.enum(['a', 'b']),
});

describe('loadConfig', () => {
  it('parses, coerces and applies defaults; takes the project from GCLOUD_PROJECT', () => {
    expect(loadConfig(Schema, { GCLOUD_PROJECT: 'demo-x', BACKBONE_ENV: 'local', POOL: '5', MODE: 'a' })).toEqual({
      GOOGLE_CLOUD_PROJECT: 'demo-x',
      BACKBONE_ENV: 'local',
      LOG_LEVEL: 'INFO',
      TRACE_EXPORTER: 'cloud-trace',
      TRACE_SAMPLE_RATIO: 0.1,
      POOL: 5,
      MODE: 'a',
    });
  });

  it('fails listing every problem, not only the first', () => {
    let error: unknown;
    try {
      loadConfig(Schema, { POOL: '-1', MODE: 'c', LOG_LEVEL: 'LOUD' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).extensions.problems as string[];
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'BACKBONE_ENV',
      'GOOGLE_CLOUD_PROJECT',
      'LOG_LEVEL',
      'MODE',
      'POOL',
    ]);
  });

  it('refuses to start without an explicit BACKBONE_ENV', () => {
    expect(() => loadConfig(Schema, { GCLOUD_PROJECT: 'p', POOL: '1', MODE: 'a' })).toThrow(ConfigError);
  });

  it.each(['dev', 'staging', 'prod'])('refuses emulator hosts and the local OIDC key in %s', (name) => {
    const base = { GOOGLE_CLOUD_PROJECT: 'p', BACKBONE_ENV: name, POOL: '1', MODE: 'a' };
    expect(() => loadConfig(Schema, base)).not.toThrow();
    for (const variable of LOCAL_ONLY_VARIABLES) {
      let error: unknown;
      try {
        loadConfig(Schema, { ...base, [variable]: '127.0.0.1:9099' });
      } catch (e) {
        error = e;
      }
      expect((error as ConfigError).extensions.problems).toEqual([
        `${variable}: local development only, refused in ${name}`,
      ]);
    }
  });

  it('accepts the emulators locally and in tests', () => {
    for (const name of ['local', 'test'])
      expect(
        loadConfig(Schema, {
          GOOGLE_CLOUD_PROJECT: 'p',
          BACKBONE_ENV: name,
          POOL: '1',
          MODE: 'a',
          FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099',
        }).BACKBONE_ENV,
      ).toBe(name);
  });
});
