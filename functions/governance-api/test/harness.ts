// governance-api's handler over in-memory doubles, for its unit tests: one place that wires it.
import { ApiKeys, type Caller } from '@backbone/shared/core';
import { declaredRoutes } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import {
  captureLogs,
  invokeHttp,
  ManualClock,
  MemoryApiKeyStore,
  MemoryAuditLog,
  MemoryIdempotentResponses,
  MemoryRegistryStore,
  MemoryTrialStore,
  StaticAuthenticator,
} from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';
import { MemoryMembershipStore, MemoryUserDirectory } from '../members/memory';

/** The handler and every double behind it; `as(who, ...)` calls it with `who`'s bearer token. */
export function governanceHarness(callers: Record<string, Caller>, now = new Date('2026-11-23T10:00:00Z')) {
  const clock = new ManualClock(now);
  const registry = new MemoryRegistryStore();
  const trials = new MemoryTrialStore();
  const keyStore = new MemoryApiKeyStore();
  const apiKeys = new ApiKeys(keyStore, clock, 'test');
  const audit = new MemoryAuditLog();
  const directory = new MemoryUserDirectory();
  const memberships = new MemoryMembershipStore(new Set(['acme', 'globex']));
  const handler = makeHandler(
    {
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      registry,
      trials,
      apiKeys,
      audit,
      directory,
      memberships,
      clock,
      source: 'backbone/governance-api',
      logger: captureLogs().logger,
    },
    {
      declared: declaredRoutes(manifest),
      authenticator: new StaticAuthenticator(callers),
      idempotency: new MemoryIdempotentResponses(),
    },
  );
  const as = (who: string | undefined, method: string, path: string, body?: object, extra = {}) =>
    invokeHttp(handler, {
      method,
      path,
      headers: { ...(who ? { authorization: `Bearer ${who}` } : {}), ...extra },
      ...(body !== undefined ? { body } : {}),
    });
  return { handler, clock, registry, trials, keyStore, apiKeys, audit, directory, memberships, as };
}
