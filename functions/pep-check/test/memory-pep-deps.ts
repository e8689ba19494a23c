import { uuidGenerator, type Clock, type EventPublisher, type Logger } from '@backbone/shared/core';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import type { AuditLog } from '@backbone/shared/audit';
import type { ApprovalStore, BreakGlassStore } from '@backbone/shared/approvals';
import type { RegistryStore } from '@backbone/shared/governance';
import {
  captureLogs,
  MemoryAgentStore,
  MemoryApprovalStore,
  MemoryAuditLog,
  MemoryBreakGlassStore,
  MemoryRegistryStore,
  MemoryTrialStore,
  RecordingEventPublisher,
} from '@backbone/shared/testing';
import { ContextResolver, type GovernanceLookups } from '../context';

/**
 * The PEP's deps over memory stores, the shipped policies and the given clock; a test passes the
 * parts it looks at (its audit log, its agent registry, a shared publisher, ...).
 */
export function memoryPepDeps(parts: {
  clock: Clock;
  holder?: PolicyHolder;
  publisher?: EventPublisher;
  audit?: AuditLog;
  trials?: MemoryTrialStore;
  registry?: RegistryStore;
  agents?: GovernanceLookups['agents'];
  approvals?: ApprovalStore;
  breakGlass?: BreakGlassStore;
  logger?: Logger;
}) {
  const { clock } = parts;
  const trials = parts.trials ?? new MemoryTrialStore();
  return {
    holder: parts.holder ?? new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
    publisher: parts.publisher ?? new RecordingEventPublisher(),
    resolver: new ContextResolver({
      trials,
      registry: parts.registry ?? new MemoryRegistryStore(),
      agents: parts.agents ?? new MemoryAgentStore(),
      clock,
    }),
    trials,
    audit: parts.audit ?? new MemoryAuditLog(),
    clock,
    source: 'backbone/pep-check',
    approvals: parts.approvals ?? new MemoryApprovalStore(),
    breakGlass: parts.breakGlass ?? new MemoryBreakGlassStore(),
    ids: uuidGenerator,
    logger: parts.logger ?? captureLogs('pep-check').logger,
  };
}
