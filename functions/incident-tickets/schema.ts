import { BaseConfigSchema, healthEventTypes, IncidentEventSchema } from '@backbone/shared';

export const IncidentTicketsConfigSchema = BaseConfigSchema;

/** The events this function consumes, each with its data schema; other health events are ignored. */
export const consumedEvents = {
  [healthEventTypes.incidentOpened]: IncidentEventSchema,
  [healthEventTypes.incidentUpdated]: IncidentEventSchema,
  [healthEventTypes.incidentResolved]: IncidentEventSchema,
};
