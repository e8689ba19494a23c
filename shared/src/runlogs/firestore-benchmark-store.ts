import type { Firestore } from '@google-cloud/firestore';
import { fromFirestore } from '../gcp/firestore-documents';
import type { BenchmarkStore, PeerBenchmark } from './peer-benchmarks';

/** `agent_benchmarks/{specialty}`: written once an hour by agent-benchmarks (far under a write a second). */
export class FirestoreBenchmarkStore implements BenchmarkStore {
  constructor(private readonly db: Firestore) {}

  async get(specialty: string): Promise<PeerBenchmark | undefined> {
    const snap = await this.db.collection('agent_benchmarks').doc(specialty).get();
    return snap.exists ? (fromFirestore(snap.data()) as PeerBenchmark) : undefined;
  }

  async put(benchmarks: PeerBenchmark[]): Promise<void> {
    const batch = this.db.batch();
    for (const b of benchmarks) batch.set(this.db.collection('agent_benchmarks').doc(b.specialty), b);
    await batch.commit();
  }
}
