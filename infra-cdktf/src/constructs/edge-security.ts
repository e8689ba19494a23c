import { Construct } from 'constructs';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeGlobalForwardingRule } from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
import {
  ComputeSecurityPolicy,
  type ComputeSecurityPolicyRule,
} from '@cdktf/provider-google/lib/compute-security-policy';
import { ComputeTargetHttpsProxy } from '@cdktf/provider-google/lib/compute-target-https-proxy';
import { ComputeUrlMap } from '@cdktf/provider-google/lib/compute-url-map';
import type { Environment } from '../../environments';
import type { RouteMatch } from '../backbone-stack';
import { labelsFor } from '../labels';

/** OWASP rule sets of Cloud Armor's preconfigured WAF (004§3). */
export const WAF_RULE_SETS = ['sqli', 'xss', 'lfi', 'rfi', 'rce', 'scannerdetection', 'protocolattack'] as const;

/**
 * Stripe's published webhook source addresses (https://stripe.com/files/ips/ips_webhooks.txt,
 * announced seven days before a change). Their deliveries are allowed before the WAF and the
 * per-IP ban: a JSON body with customer text must never be refused as an injection, nor a burst of
 * events banned. The webhook still verifies every signature.
 */
export const STRIPE_WEBHOOK_IPS = [
  '3.18.12.63',
  '3.69.109.8',
  '3.120.168.93',
  '3.130.192.231',
  '13.235.14.237',
  '13.235.122.149',
  '18.211.135.69',
  '35.154.171.200',
  '35.157.207.129',
  '52.15.183.38',
  '54.88.130.119',
  '54.88.130.237',
  '54.187.174.169',
  '54.187.205.235',
  '54.187.216.72',
];
/** Cloud Armor takes at most 10 ranges in one rule's source match. */
const MAX_RANGES_PER_RULE = 10;

function trustedSourceRules(ranges: string[], firstPriority: number, description: string): ComputeSecurityPolicyRule[] {
  const rules: ComputeSecurityPolicyRule[] = [];
  for (let i = 0; i < ranges.length; i += MAX_RANGES_PER_RULE)
    rules.push({
      priority: firstPriority + rules.length,
      action: 'allow',
      description,
      match: {
        versionedExpr: 'SRC_IPS_V1',
        config: { srcIpRanges: ranges.slice(i, i + MAX_RANGES_PER_RULE) },
      },
    });
  return rules;
}

/** The Cloud Armor policy: OWASP WAF, a per-IP rate-based ban, a per-API-key throttle, adaptive protection. */
export class ArmorPolicy extends Construct {
  readonly policy: ComputeSecurityPolicy;

  constructor(scope: Construct, id: string, env: Environment) {
    super(scope, id);
    const waf: ComputeSecurityPolicyRule[] = WAF_RULE_SETS.map((set, i) => ({
      priority: 1000 + i,
      action: 'deny(403)',
      description: `OWASP ${set}`,
      match: { expr: { expression: `evaluatePreconfiguredWaf('${set}-v33-stable', {'sensitivity': 1})` } },
    }));
    this.policy = new ComputeSecurityPolicy(this, 'policy', {
      name: `backbone-${env.name}-armor`,
      description: 'Backbone edge: OWASP WAF, per-IP ban, per-API-key throttle (000#11, 004§3)',
      type: 'CLOUD_ARMOR',
      adaptiveProtectionConfig: { layer7DdosDefenseConfig: { enable: true, ruleVisibility: 'STANDARD' } },
      rule: [
        ...trustedSourceRules(
          STRIPE_WEBHOOK_IPS.map((ip) => `${ip}/32`),
          100,
          "Stripe's webhook deliveries (signature-verified by stripe-webhook)",
        ),
        ...trustedSourceRules(env.serviceEgressRanges, 200, 'Platform services (OIDC-verified by every function)'),
        ...waf,
        {
          priority: 2000,
          action: 'throttle',
          description: 'Throttle per API key (x-api-key)',
          match: { expr: { expression: "has(request.headers['x-api-key'])" } },
          rateLimitOptions: {
            conformAction: 'allow',
            exceedAction: 'deny(429)',
            enforceOnKey: 'HTTP_HEADER',
            enforceOnKeyName: 'x-api-key',
            rateLimitThreshold: { count: env.rateLimitPerApiKeyPerMinute, intervalSec: 60 },
          },
        },
        {
          // The same key presented as a bearer token gets the same throttle (keyed on the header's value).
          priority: 2001,
          action: 'throttle',
          description: 'Throttle per API key (Authorization: Bearer bb_...)',
          match: {
            expr: {
              expression:
                "has(request.headers['authorization']) && request.headers['authorization'].startsWith('Bearer bb_')",
            },
          },
          rateLimitOptions: {
            conformAction: 'allow',
            exceedAction: 'deny(429)',
            enforceOnKey: 'HTTP_HEADER',
            enforceOnKeyName: 'authorization',
            rateLimitThreshold: { count: env.rateLimitPerApiKeyPerMinute, intervalSec: 60 },
          },
        },
        {
          priority: 3000,
          action: 'rate_based_ban',
          description: 'Ban a client IP that exceeds its rate for 10 minutes',
          match: { versionedExpr: 'SRC_IPS_V1', config: { srcIpRanges: ['*'] } },
          rateLimitOptions: {
            conformAction: 'allow',
            exceedAction: 'deny(429)',
            enforceOnKey: 'IP',
            rateLimitThreshold: { count: env.rateLimitPerIpPerMinute, intervalSec: 60 },
            banDurationSec: 600,
          },
        },
        {
          priority: 2147483647,
          action: 'allow',
          description: 'Default: allow what no rule above stopped',
          match: { versionedExpr: 'SRC_IPS_V1', config: { srcIpRanges: ['*'] } },
        },
      ],
    });
  }
}

export interface EdgeProps {
  env: Environment;
  /** Each function's route matches (exact paths, path templates) and its backend service. */
  routes: { matches: RouteMatch[]; backendId: string }[];
  defaultBackendId: string;
}

/** The external HTTPS load balancer in front of the public HTTP functions. */
export class ExternalLoadBalancer extends Construct {
  readonly address: ComputeGlobalAddress;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const { env } = props;
    this.address = new ComputeGlobalAddress(this, 'address', {
      name: `backbone-${env.name}-ip`,
      labels: labelsFor(env, 'edge'),
    });
    const urlMap = new ComputeUrlMap(this, 'url-map', {
      name: `backbone-${env.name}-urls`,
      defaultService: props.defaultBackendId,
      hostRule: [{ hosts: [env.domain], pathMatcher: 'functions' }],
      pathMatcher: [
        {
          name: 'functions',
          defaultService: props.defaultBackendId,
          // One route rule per path; exact paths first. A path matcher cannot mix path rules and route rules.
          routeRules: routeRulesOf(props.routes),
        },
      ],
    });
    const certificate = new ComputeManagedSslCertificate(this, 'certificate', {
      name: `backbone-${env.name}-cert`,
      managed: { domains: [env.domain] },
    });
    const proxy = new ComputeTargetHttpsProxy(this, 'https-proxy', {
      name: `backbone-${env.name}-https`,
      urlMap: urlMap.id,
      sslCertificates: [certificate.id],
    });
    new ComputeGlobalForwardingRule(this, 'https', {
      name: `backbone-${env.name}-https`,
      target: proxy.id,
      ipAddress: this.address.address,
      portRange: '443',
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      labels: labelsFor(env, 'edge'),
    });
  }
}

/** Route rules with unique priorities: full-path matches before templates, each in path order. */
function routeRulesOf(routes: EdgeProps['routes']) {
  const all = routes.flatMap((r) => r.matches.map((match) => ({ match, service: r.backendId })));
  const key = (m: RouteMatch) => ('fullPathMatch' in m ? `0${m.fullPathMatch}` : `1${m.pathTemplateMatch}`);
  all.sort((a, b) => key(a.match).localeCompare(key(b.match)));
  return all.map((r, i) => ({ priority: i + 1, service: r.service, matchRules: [r.match] }));
}
