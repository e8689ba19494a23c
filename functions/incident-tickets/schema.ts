import { BaseConfigSchema } from '@backbone/shared/core';
import { healthEvents, healthEventTypes } from '@backbone/shared/health';

export const IncidentTicketsConfigSchema = BaseConfigSchema;

/** The events this function consumes, each with its data schema; other health events are ignored. */
export const consumedEvents = healthEvents.consume(
  healthEventTypes.incidentOpened,
  healthEventTypes.incidentUpdated,
  healthEventTypes.incidentResolved,
);
