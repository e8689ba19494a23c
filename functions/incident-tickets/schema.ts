import { BaseConfigSchema } from '@backbone/shared/core';
import { healthEventTypes, IncidentEventSchema } from '@backbone/shared/health';

export const IncidentTicketsConfigSchema = BaseConfigSchema;

/** The events this function consumes, each with its data schema; other health events are ignored. */
export const consumedEvents = {
  [healthEventTypes.incidentOpened]: IncidentEventSchema,
  [healthEventTypes.incidentUpdated]: IncidentEventSchema,
  [healthEventTypes.incidentResolved]: IncidentEventSchema,
};
