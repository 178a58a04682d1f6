import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * SSRF guard for webhook endpoints. Outside the local stage an endpoint must be https and every
 * address its host resolves to must be public; the sender then connects to the address it checked
 * (never resolving again), so a DNS answer that changes between check and connect (rebinding)
 * cannot point it inward. The local stage also allows loopback (http or https): the tests run their
 * receivers on 127.0.0.1.
 */

/** Address ranges that are not the public internet (IANA special-purpose registries, RFC 6890 and successors). */
const NOT_PUBLIC: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local, incl. the cloud metadata service 169.254.169.254
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.0.2.0', 24, 'ipv4'], // documentation
  ['192.88.99.0', 24, 'ipv4'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'], // documentation
  ['203.0.113.0', 24, 'ipv4'], // documentation
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, incl. broadcast
  ['::', 128, 'ipv6'], // unspecified
  ['::1', 128, 'ipv6'], // loopback
  ['::ffff:0:0', 96, 'ipv6'], // IPv4-mapped: a public host publishes its IPv4 address as an A record
  ['64:ff9b::', 96, 'ipv6'], // NAT64 (may embed a private IPv4)
  ['64:ff9b:1::', 48, 'ipv6'], // local-use NAT64
  ['100::', 64, 'ipv6'], // discard
  ['2001::', 23, 'ipv6'], // IETF protocol assignments (Teredo, ORCHID…)
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['2002::', 16, 'ipv6'], // 6to4 (embeds any IPv4)
  ['fc00::', 7, 'ipv6'], // unique local (ULA)
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'], // multicast
];

// One list per family: a BlockList checks an IPv4 address against its IPv6 rules as IPv4-mapped, so
// the ::ffff:0:0/96 rule would otherwise refuse every IPv4 address.
const notPublic = { ipv4: new BlockList(), ipv6: new BlockList() };
for (const [network, prefix, type] of NOT_PUBLIC) notPublic[type].addSubnet(network, prefix, type);

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const family = (address: string): 'ipv4' | 'ipv6' | undefined => ({ 4: 'ipv4', 6: 'ipv6' }) [isIP(address) as 4 | 6] as 'ipv4' | 'ipv6' | undefined;

/** Whether an IP address is on the public internet (false for anything that is not an IP address). */
export function isPublicAddress(address: string): boolean {
  const kind = family(address);
  return kind !== undefined && !notPublic[kind].check(address, kind);
}

export function isLoopbackAddress(address: string): boolean {
  const kind = family(address);
  return kind !== undefined && loopback.check(address, kind);
}

export interface GuardOptions {
  /** The local stage: loopback receivers (http too) are allowed. */
  allowLoopback: boolean;
  /** Test seam: the resolver (default: the system's, every address). */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

/** Why an endpoint may not be called; the message names the rule, never an address we resolved. */
export class EndpointRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointRefused';
  }
}

export interface CheckedEndpoint {
  url: URL;
  /** The address to connect to: one the check passed. */
  address: string;
  family: 4 | 6;
}

const systemResolve = (host: string) => lookup(host, { all: true, verbatim: true });

/**
 * The endpoint's URL checked and resolved: https (http only to loopback in the local stage), and
 * every address of its host public (or loopback in the local stage). Throws EndpointRefused.
 */
export async function checkEndpoint(raw: string, options: GuardOptions): Promise<CheckedEndpoint> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EndpointRefused('not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EndpointRefused('the URL must be https');
  if (url.username || url.password) throw new EndpointRefused('the URL must not carry a user name or password');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await (options.resolve ?? systemResolve)(host);
    } catch {
      throw new EndpointRefused('the host does not resolve');
    }
  }
  if (addresses.length === 0) throw new EndpointRefused('the host does not resolve');
  const allowed = (address: string) => isPublicAddress(address) || (options.allowLoopback && isLoopbackAddress(address));
  if (!addresses.every((a) => allowed(a.address))) {
    throw new EndpointRefused(options.allowLoopback ? 'the host must resolve to public or loopback addresses only' : 'the host must resolve to public addresses only');
  }
  if (url.protocol === 'http:' && !(options.allowLoopback && addresses.every((a) => isLoopbackAddress(a.address)))) {
    throw new EndpointRefused('the URL must be https');
  }
  const chosen = addresses[0];
  return { url, address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}
