import { formatLogLine } from '../local/log-lines';

describe("npm start's readable log lines", () => {
  it('prints a request record as one line: time, severity, function, message, the request, its fields', () => {
    const line = JSON.stringify({
      requestId: 'req-7',
      httpRequest: { requestMethod: 'GET', requestUrl: '/v1/health/summary', status: 200, latency: '0.003120s' },
      severity: 'INFO',
      message: 'request served',
      time: '2026-12-07T12:04:05.123Z',
      'logging.googleapis.com/labels': { service: 'health-api' },
      'logging.googleapis.com/trace': 'projects/p/traces/abc',
    });
    expect(formatLogLine('health-api', line)).toBe(
      '12:04:05.123 INFO    [health-api] request served GET /v1/health/summary 200 3.1ms requestId=req-7',
    );
  });

  it('puts an error stack under its line, and leaves text that is not a record as it is', () => {
    const line = JSON.stringify({
      severity: 'ERROR',
      message: 'request failed',
      time: '2026-12-07T12:04:05.123Z',
      code: 'SYS-500',
      stack_trace: 'Error: boom\n    at x (y.ts:1:1)',
      serviceContext: { service: 'x' },
      '@type': 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent',
    });
    expect(formatLogLine('x', line)).toBe(
      '12:04:05.123 ERROR   [x] request failed code=SYS-500\nError: boom\n    at x (y.ts:1:1)',
    );
    expect(formatLogLine('x', 'Serving function...')).toBe('[x] Serving function...');
  });
});
