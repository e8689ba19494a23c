import { BaseConfigSchema } from '@backbone/shared/core';
import { pepViolations } from '@backbone/shared/policy';

export const AgentViolationsConfigSchema = BaseConfigSchema;

/** The events this function handles, with the catalog's schemas; other types are acknowledged and ignored. */
export const consumedEvents = pepViolations.consume('pep.constitutional_violation');
