import { z } from 'zod';
import { BaseConfigSchema, ConfigError, loadConfig } from '../src';

const Schema = BaseConfigSchema.extend({
  POOL: z.coerce.number().int().positive(),
  MODE: z.enum(['a', 'b']),
});

describe('loadConfig', () => {
  it('parses, coerces and applies defaults; takes the project from GCLOUD_PROJECT', () => {
    expect(loadConfig(Schema, { GCLOUD_PROJECT: 'demo-x', POOL: '5', MODE: 'a' })).toEqual({
      GOOGLE_CLOUD_PROJECT: 'demo-x',
      BACKBONE_ENV: 'local',
      LOG_LEVEL: 'INFO',
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
      'GOOGLE_CLOUD_PROJECT',
      'LOG_LEVEL',
      'MODE',
      'POOL',
    ]);
  });
});
