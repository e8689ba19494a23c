// The scraping domain's Google adapters.
export { FirestoreScrapeStore } from './firestore-scrape-store';
