import ipaddr from 'ipaddr.js';

/** Host names that reach the metadata server or this machine, whatever they resolve to. */
const BLOCKED_NAMES = new Set(['metadata.google.internal', 'metadata', 'localhost']);

/**
 * Only global unicast addresses are public. Everything else (private, loopback, link-local with
 * 169.254.169.254, carrier-grade NAT, unique-local, multicast, reserved, unspecified, and IPv4
 * mapped or IPv4-compatible in IPv6, NAT64, 6to4, Teredo) is refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  // IPv4-compatible IPv6 (::a.b.c.d, deprecated): ipaddr.js calls it unicast, but stacks that still
  // honour it reach the embedded IPv4 address (::a9fe:a9fe is 169.254.169.254).
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return false;
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

export function isBlockedHostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return BLOCKED_NAMES.has(name) || name.endsWith('.localhost') || name.endsWith('.internal');
}
