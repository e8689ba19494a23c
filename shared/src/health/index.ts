// The health domain: its rules, schemas and ports (no Google SDK; adapters are in ./gcp).
export {
  ErrorClassSchema,
  HealthSampleSchema,
  healthEventTypes,
  IncidentEventSchema,
  IncidentSchema,
  PlatformSnapshotSchema,
  PlatformStatusSchema,
  ServiceDefinitionSchema,
  ServiceStateSchema,
  ServiceStatusChangedSchema,
  ServiceStatusSchema,
  type ErrorClass,
  type HealthSample,
  type Incident,
  type IncidentEvent,
  type PlatformSnapshot,
  type PlatformStatus,
  type ServiceDefinition,
  type ServiceDefinitionInput,
  type ServiceState,
  type ServiceStatus,
} from './health-schemas';
export type { HealthStore, SampleWriter, ServiceChange } from './health-store';
export { HEALTH_ORDERING_KEYS, healthEvents, healthOrderingKey } from './health-events';
export { HISTORY_DAYS, hourOf, hoursBetween, summarize, type HourHistory } from './history';
