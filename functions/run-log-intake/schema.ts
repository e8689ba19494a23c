import { BaseConfigSchema } from '@backbone/shared/core';
import { runSteps } from '@backbone/shared/runlogs';

export const RunLogIntakeConfigSchema = BaseConfigSchema;

/** The events this function handles, with the catalog's schemas; other types are acknowledged and ignored. */
export const consumedEvents = runSteps.consume('run.step_recorded');
