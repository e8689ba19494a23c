import { defineFunction } from '@backbone/shared/core';
import { agentEvents, GENESIS_SIGNING_SECRET } from '@backbone/shared/agents';

export default defineFunction({
  name: 'agent-certification',
  description:
    "Asks Genesis to certify each submitted agent version (000#2): a signed, schema-checked request with a timeout, retried by Pub/Sub while Genesis is unavailable; Genesis answers through the agents function's signed callback.",
  trigger: { kind: 'pubsub', topic: agentEvents, ordering: true },
  env: {
    GENESIS_URL: { description: "Genesis's base URL (the environment's genesisUrl)." },
    GENESIS_CALLBACK_URL: {
      description: "Where Genesis sends progress and verdicts: the agents function's /v1/genesis/callbacks.",
    },
    GENESIS_TIMEOUT_MS: { description: 'How long one request to Genesis may take.', default: '10000' },
  },
  secrets: [GENESIS_SIGNING_SECRET],
  touches: { collections: { read: ['agents'], write: ['dead_letters'] } },
});
