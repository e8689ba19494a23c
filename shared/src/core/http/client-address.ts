/**
 * Google's external Application Load Balancer appends `<client address>,<load balancer address>`
 * to whatever X-Forwarded-For the client sent, so the first entries are the client's to choose.
 * The client is the entry `trustedHops` from the end (2 behind the load balancer); with fewer
 * entries than that the request did not come through the trusted proxies and has no known address.
 */
export function clientAddress(forwardedFor: string | undefined, trustedHops: number): string | undefined {
  if (!forwardedFor || trustedHops < 1) return undefined;
  const entries = forwardedFor.split(',').map((e) => e.trim());
  const entry = entries[entries.length - trustedHops];
  // An address is short and plain (IPv4, IPv6); anything else is not one the proxy wrote.
  return entry && /^[0-9A-Fa-f.:]{2,45}$/.test(entry) ? entry : undefined;
}
