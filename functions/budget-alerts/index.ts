import { serveSchedule } from '@backbone/shared/gcp';
import { FirestoreBudgetStore, FirestoreRunStats } from '@backbone/shared/runlogs/gcp';
import { WebhookBudgetNotifier } from './adapters/webhook-budget-notifier';
import manifest from './function';
import { makeHandler } from './handler';
import { BudgetAlertsConfigSchema } from './schema';

serveSchedule(manifest, BudgetAlertsConfigSchema, ({ config, logger, db, clock, security, publisher, source }) =>
  makeHandler(
    {
      budgets: new FirestoreBudgetStore(db),
      stats: new FirestoreRunStats(db),
      notifier: new WebhookBudgetNotifier(config.BUDGET_WEBHOOK_SECRET, config.BUDGET_WEBHOOK_TIMEOUT_MS),
      publisher,
      source,
      clock,
      logger,
    },
    security,
  ),
);
