import { describe, expect, it } from "vitest";
import { addressProblem, refusedAddressKind } from "./webhook-address";

describe("refusedAddressKind", () => {
  it.each([
    ["169.254.169.254", "metadata"],
    ["168.63.129.16", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["100.100.100.200", "metadata"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["169.254.10.1", "link-local"],
    ["fe80::1", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["10.0.0.5", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["100.127.255.254", "private"],
    ["fc00::1", "private"],
    ["fdff:ffff::1", "private"],
    ["::ffff:10.1.2.3", "private"],
    ["0.0.0.0", "special"],
    ["::", "special"],
    ["224.0.0.1", "special"],
    ["255.255.255.255", "special"],
    ["192.0.2.1", "special"],
    ["::ffff:8.8.8.8", "special"], // an IPv4-mapped form is never needed to reach a public host
    ["64:ff9b::a00:1", "special"], // NAT64 to 10.0.0.1
    ["2002:a00:1::", "special"], // 6to4 around 10.0.0.1
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "special"], // Teredo
    ["ff02::1", "special"],
  ])("refuses %s as %s", (address, kind) => {
    expect(refusedAddressKind(address)).toBe(kind);
  });

  it.each(["8.8.8.8", "1.1.1.1", "20.190.160.1", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888", "2620:1ec:c11::200"])("accepts the public address %s", (address) => {
    expect(refusedAddressKind(address)).toBeNull();
  });

  it("is not given host names", () => {
    expect(() => refusedAddressKind("localhost")).toThrow(/not an IP address/);
  });
});

describe("addressProblem", () => {
  it("opens loopback alone when the policy allows loopback", () => {
    const optedIn = { allowLoopback: true };
    expect(addressProblem("127.0.0.1", optedIn)).toBeNull();
    expect(addressProblem("::1", optedIn)).toBeNull();
    expect(addressProblem("127.0.0.1", { allowLoopback: false })).toBe("127.0.0.1 (loopback: this machine)");
    expect(addressProblem("169.254.169.254", optedIn)).toMatch(/metadata/);
    expect(addressProblem("10.0.0.1", optedIn)).toBe("10.0.0.1 (a private network)");
    expect(addressProblem("fe80::1", optedIn)).toMatch(/link-local/);
    expect(addressProblem("0.0.0.0", optedIn)).toMatch(/not a public/);
  });
});
