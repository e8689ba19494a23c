import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { AddressInfo } from 'node:net';

/** Serves an HTTP handler through the real Functions Framework (its body parsing included) on a free port. */
export async function serveHttp(
  name: string,
  handler: functions.HttpFunction,
): Promise<{ base: string; close(): Promise<void> }> {
  functions.http(name, handler);
  const server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
