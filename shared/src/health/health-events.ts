import { defineTopic } from '../core/events/topic';
import { healthEventTypes, IncidentEventSchema, ServiceStatusChangedSchema } from './health-schemas';

/** `health-events`: status changes and incidents from the aggregator, ordered per service. */
export const healthEvents = defineTopic('health-events', {
  ordered: true,
  events: {
    [healthEventTypes.statusChanged]: ServiceStatusChangedSchema,
    [healthEventTypes.incidentOpened]: IncidentEventSchema,
    [healthEventTypes.incidentUpdated]: IncidentEventSchema,
    [healthEventTypes.incidentResolved]: IncidentEventSchema,
  },
});
