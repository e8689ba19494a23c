import type { BenchmarkStore, PeerBenchmark } from './peer-benchmarks';

/** The BenchmarkStore contract in memory. */
export class MemoryBenchmarkStore implements BenchmarkStore {
  readonly benchmarks = new Map<string, PeerBenchmark>();
  async get(specialty: string) {
    return structuredClone(this.benchmarks.get(specialty));
  }
  async put(benchmarks: PeerBenchmark[]) {
    for (const b of benchmarks) this.benchmarks.set(b.specialty, structuredClone(b));
  }
}
