import { SecurityConfigSchema } from '@backbone/shared/core';
import { z } from 'zod';

export const ScrapingSchedulerConfigSchema = SecurityConfigSchema;

/** Cloud Scheduler's header naming the scheduled time: retries of one firing share it (and its run). */
export const ScheduleTimeHeaderSchema = z.iso.datetime({ offset: true }).optional();
