import { FieldColorModeId, MappingType, ThresholdsMode, type Dashboard, type Panel } from '@grafana/schema';
import { metricNames } from './metrics';

/**
 * The Grafana dashboard, built from the same metric names /metrics exposes, typed by Grafana's own
 * dashboard schema (`@grafana/schema`, generated from Grafana's CUE schema): a field the schema does
 * not know, or of the wrong shape, fails the typecheck.
 */
export function buildDashboard(): Dashboard {
  const panel = (
    id: number,
    title: string,
    type: string,
    expr: string,
    legend: string,
    grid: { x: number; y: number; w: number; h: number },
    extra: Partial<Panel> = {},
  ): Panel => ({
    id,
    title,
    type,
    datasource: { type: 'prometheus', uid: '${datasource}' },
    gridPos: grid,
    targets: [{ refId: 'A', expr, legendFormat: legend }],
    ...extra,
  });
  return {
    title: 'Backbone platform health',
    uid: 'backbone-health',
    schemaVersion: 39,
    version: 1,
    editable: true,
    time: { from: 'now-24h', to: 'now' },
    refresh: '1m',
    tags: ['backbone', 'health'],
    templating: {
      list: [
        { name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Prometheus' },
        {
          name: 'service',
          type: 'query',
          datasource: { type: 'prometheus', uid: '${datasource}' },
          query: `label_values(${metricNames.serviceUp}, service)`,
          multi: true,
          includeAll: true,
        },
      ],
    },
    panels: [
      panel(1, 'Platform status', 'stat', `max by (status) (${metricNames.platformStatus}) == 1`, '{{status}}', {
        x: 0,
        y: 0,
        w: 6,
        h: 4,
      }),
      panel(2, 'Open incidents', 'stat', `sum by (severity) (${metricNames.openIncidents})`, '{{severity}}', {
        x: 6,
        y: 0,
        w: 6,
        h: 4,
      }),
      panel(
        3,
        'Services up',
        'stat',
        `sum(${metricNames.serviceUp}) / count(${metricNames.serviceUp})`,
        'share up',
        { x: 12, y: 0, w: 6, h: 4 },
        { fieldConfig: { defaults: { unit: 'percentunit' }, overrides: [] } },
      ),
      panel(
        4,
        'Seconds since last round',
        'stat',
        `time() - ${metricNames.lastRound}`,
        'age',
        { x: 18, y: 0, w: 6, h: 4 },
        { fieldConfig: { defaults: { unit: 's' }, overrides: [] } },
      ),
      panel(
        5,
        'Service up (1) / down (0)',
        'state-timeline',
        `${metricNames.serviceUp}{service=~"$service"}`,
        '{{service}}',
        { x: 0, y: 4, w: 24, h: 10 },
        // States in words and colours, not 0 and 1.
        {
          fieldConfig: {
            defaults: {
              mappings: [
                {
                  type: MappingType.ValueToText,
                  options: {
                    '0': { text: 'down', color: 'red', index: 0 },
                    '1': { text: 'up', color: 'green', index: 1 },
                  },
                },
              ],
              color: { mode: FieldColorModeId.Thresholds },
              thresholds: {
                mode: ThresholdsMode.Absolute,
                steps: [
                  { color: 'red', value: null },
                  { color: 'green', value: 1 },
                ],
              },
            },
            overrides: [],
          },
        },
      ),
      panel(
        6,
        'Probe latency',
        'timeseries',
        `${metricNames.serviceLatency}{service=~"$service"}`,
        '{{service}}',
        { x: 0, y: 14, w: 12, h: 8 },
        { fieldConfig: { defaults: { unit: 's' }, overrides: [] } },
      ),
      panel(7, 'Services by status', 'timeseries', `sum by (status) (${metricNames.serviceStatus})`, '{{status}}', {
        x: 12,
        y: 14,
        w: 12,
        h: 8,
      }),
      panel(
        8,
        'Aggregation round duration',
        'timeseries',
        metricNames.roundDuration,
        'round',
        { x: 0, y: 22, w: 12, h: 6 },
        { fieldConfig: { defaults: { unit: 's' }, overrides: [] } },
      ),
    ],
  };
}
