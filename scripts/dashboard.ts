// Writes functions/health-api/grafana-dashboard.json from the metric names (`npm run dashboard`).
import './local/text-modules';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDashboard } from '../functions/health-api/grafana-dashboard';

const file = path.join(__dirname, '..', 'functions', 'health-api', 'grafana-dashboard.json');
writeFileSync(file, `${JSON.stringify(buildDashboard(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
