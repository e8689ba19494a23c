import path from 'node:path';

/** Where the integration run's recorded query shapes go (one file per jest worker). */
export const QUERY_LOG_DIR = path.resolve(__dirname, '..', '..', '..', '..', '.backbone', 'query-log');
