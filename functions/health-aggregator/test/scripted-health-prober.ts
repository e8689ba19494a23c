import type { ServiceDefinition } from '@backbone/shared/health';
import type { HealthProber, ProbeObservation } from '../health-prober';

/** A prober that answers what the test scripted per service id, and records what it was asked. */
export class ScriptedHealthProber implements HealthProber {
  readonly asked: string[] = [];
  private readonly script = new Map<string, ProbeObservation>();
  set(serviceId: string, observation: ProbeObservation): void {
    this.script.set(serviceId, observation);
  }
  async probe(service: ServiceDefinition): Promise<ProbeObservation> {
    this.asked.push(service.id);
    return this.script.get(service.id) ?? { httpStatus: 200, latencyMs: 10 };
  }
}
