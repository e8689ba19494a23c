import { Construct } from 'constructs';
import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeRegionNetworkEndpointGroup } from '@cdktf/provider-google/lib/compute-region-network-endpoint-group';
import type { FunctionManifest } from '@backbone/shared/core';
import { BackboneFunction, type SharedInfra } from './backbone-function';

export interface HttpFunctionProps {
  manifest: FunctionManifest & { trigger: { kind: 'http' } };
  shared: SharedInfra;
  /** The Cloud Armor policy every request passes before reaching the function. */
  securityPolicyId: string;
}

/**
 * An HTTP function reachable only through the external load balancer: ingress admits internal
 * and Cloud Load Balancing traffic only, a serverless NEG and a backend service (with Cloud
 * Armor) put it behind the load balancer. The LB cannot present an identity, so run.invoker is
 * granted to allUsers: ingress is the gate, and callers authenticate to the function itself.
 */
export class HttpFunction extends Construct {
  readonly function: BackboneFunction;
  readonly backend: ComputeBackendService;

  constructor(scope: Construct, id: string, props: HttpFunctionProps) {
    super(scope, id);
    const { manifest, shared } = props;
    this.function = new BackboneFunction(this, 'fn', {
      manifest,
      shared,
      ingress: 'ALLOW_INTERNAL_AND_GCLB',
    });
    this.function.allowInvoker('invoker-lb', 'allUsers');
    const neg = new ComputeRegionNetworkEndpointGroup(this, 'neg', {
      name: `${manifest.name}-neg`,
      region: shared.env.region,
      networkEndpointType: 'SERVERLESS',
      cloudRun: { service: this.function.fn.serviceConfig.service },
    });
    this.backend = new ComputeBackendService(this, 'backend', {
      name: `${manifest.name}-backend`,
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      protocol: 'HTTPS',
      securityPolicy: props.securityPolicyId,
      backend: [{ group: neg.id }],
      logConfig: { enable: true, sampleRate: 1 },
    });
  }
}
