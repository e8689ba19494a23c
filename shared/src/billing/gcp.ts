// The billing domain's Google adapters.
export { billingCollections, FirestoreBillingStore, STRIPE_EVENT_WRITES } from './firestore-billing-store';
export {
  createStripeClient,
  STRIPE_API_KEY_SECRET,
  STRIPE_API_VERSION,
  STRIPE_MANIFEST_ENV,
  StripeApiGateway,
  StripeConfigShape,
} from './stripe-api-gateway';
