import "server-only";
// Which IP addresses the alert webhook may connect to: public unicast only. The URL is operator
// configuration, but a request from inside the portal's network to the cloud's metadata service,
// a database on a private subnet or the portal's own loopback would hand that network to whoever
// controls the URL (or its DNS). Matching is Node's net.BlockList; the ranges below are the IANA
// special-purpose address registries (IPv4 and IPv6) plus the cloud metadata addresses.
//
// Each family has its own lists because a BlockList matches an IPv4 address against IPv6 rules
// through its IPv4-mapped form: the IPv6 rule ::/3 would otherwise refuse every IPv4 address.
// The other way round is what we want: IPv4 rules also catch ::ffff:a.b.c.d.
import { BlockList, isIP } from "node:net";

export type RefusedAddressKind = "metadata" | "loopback" | "link-local" | "private" | "special";

type Category = { kind: RefusedAddressKind; v4: BlockList; v6: BlockList };

function category(kind: RefusedAddressKind, ranges: { v4?: string[]; v6?: string[] }): Category {
  const v4 = new BlockList();
  const v6 = new BlockList();
  const add = (list: BlockList, family: "ipv4" | "ipv6", range: string) => {
    const [network, prefix] = range.split("/");
    list.addSubnet(network!, Number(prefix ?? (family === "ipv4" ? 32 : 128)), family);
  };
  for (const range of ranges.v4 ?? []) add(v4, "ipv4", range);
  for (const range of ranges.v6 ?? []) add(v6, "ipv6", range);
  return { kind, v4, v6 };
}

// The first match names the refusal, so the narrow categories come first.
const CATEGORIES: Category[] = [
  // AWS/GCP/Azure IMDS, AWS's IPv6 IMDS, Azure's WireServer (a public address that only the host
  // answers, holding the VM's certificates and extensions), Alibaba's metadata service.
  category("metadata", { v4: ["169.254.169.254", "168.63.129.16", "100.100.100.200"], v6: ["fd00:ec2::254"] }),
  category("loopback", { v4: ["127.0.0.0/8"], v6: ["::1/128"] }),
  category("link-local", { v4: ["169.254.0.0/16"], v6: ["fe80::/10"] }),
  category("private", { v4: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"], v6: ["fc00::/7"] }),
  category("special", {
    v4: [
      "0.0.0.0/8", // "this network", and 0.0.0.0 reaches the local host on Linux
      "192.0.0.0/24",
      "192.0.2.0/24",
      "192.88.99.0/24",
      "198.18.0.0/15",
      "198.51.100.0/24",
      "203.0.113.0/24",
      "224.0.0.0/4",
      "240.0.0.0/4", // reserved, and 255.255.255.255
    ],
    // Global unicast is 2000::/3: everything outside it (unspecified, IPv4-mapped and -compatible,
    // NAT64, discard, site-local, multicast) is refused, and inside it Teredo and the other IETF
    // assignments, documentation prefixes and 6to4, which all tunnel to an IPv4 address.
    v6: ["::/3", "4000::/2", "8000::/1", "2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20"],
  }),
];

/** Why the portal must not connect to this IP address, or null when it is public unicast. */
export function refusedAddressKind(address: string): RefusedAddressKind | null {
  const family = isIP(address);
  if (family === 0) throw new TypeError(`not an IP address: ${address}`);
  for (const { kind, v4, v6 } of CATEGORIES) {
    if (family === 4 ? v4.check(address, "ipv4") : v4.check(address, "ipv6") || v6.check(address, "ipv6")) return kind;
  }
  return null;
}

export type AddressPolicy = { allowLoopback: boolean };

const described: Record<RefusedAddressKind, string> = {
  metadata: "a cloud metadata endpoint",
  loopback: "loopback: this machine",
  "link-local": "link-local",
  private: "a private network",
  special: "not a public unicast address",
};

export const PUBLIC_ONLY = "alerts are only sent to public addresses";

/** The address and why it is refused under the policy ("10.0.0.1 (a private network)"), else null. */
export function addressProblem(address: string, policy: AddressPolicy): string | null {
  const kind = refusedAddressKind(address);
  if (kind === null || (kind === "loopback" && policy.allowLoopback)) return null;
  return `${address} (${described[kind]})`;
}
