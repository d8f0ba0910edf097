// Whose address a request is: the socket's, and X-Forwarded-For only as far as
// TRUST_PROXY says — read from the right, where the trusted proxies wrote.
import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, parseTrustProxy } from "~/http/client-address.server";

const request = (xff?: string) => new Request("http://localhost/login", { headers: xff ? { "X-Forwarded-For": xff } : {} });

afterEach(() => {
  delete process.env.TRUST_PROXY;
});

describe("clientAddress", () => {
  it("without TRUST_PROXY is the socket's address, whatever X-Forwarded-For says", () => {
    expect(clientAddress(request("192.0.2.1"), { clientAddress: "203.0.113.5" })).toBe("203.0.113.5");
    expect(clientAddress(request(), { clientAddress: "::ffff:198.51.100.7" })).toBe("198.51.100.7");
    expect(clientAddress(request(), { clientAddress: "2001:db8::1" })).toBe("2001:db8::1");
    // No socket address from the server (remix-serve): one "unknown", never the header.
    expect(clientAddress(request("192.0.2.1"), {})).toBe("unknown");
    expect(clientAddress(request("192.0.2.1"))).toBe("unknown");
  });

  it.each([
    // [TRUST_PROXY, socket, X-Forwarded-For, client]
    ["1", "10.0.0.2", "203.0.113.9", "203.0.113.9"],
    ["1", "10.0.0.2", "192.0.2.66, 203.0.113.9", "203.0.113.9"],
    ["2", "10.0.0.2", "192.0.2.66, 203.0.113.9, 10.0.0.3", "203.0.113.9"],
    ["1", "10.0.0.2", undefined, "10.0.0.2"],
    ["3", "10.0.0.2", "203.0.113.9", "203.0.113.9"],
    ["10.0.0.0/8", "10.0.0.2", "192.0.2.66, 203.0.113.9", "203.0.113.9"],
    ["10.0.0.0/8", "10.0.0.2", "192.0.2.66, 203.0.113.9, 10.1.1.1", "203.0.113.9"],
    ["10.0.0.0/8", "198.51.100.4", "203.0.113.9", "198.51.100.4"],
    ["loopback, 10.0.0.0/8", "127.0.0.1", "198.51.100.8", "198.51.100.8"],
    ["::1", "::1", "2001:db8::7", "2001:db8::7"],
  ])("TRUST_PROXY=%s, socket %s, X-Forwarded-For %s → %s", (trust, socket, xff, expected) => {
    process.env.TRUST_PROXY = trust;
    expect(clientAddress(request(xff), { clientAddress: socket })).toBe(expected);
  });

  it("with a list of proxies and no socket address, believes no header", () => {
    process.env.TRUST_PROXY = "10.0.0.0/8";
    expect(clientAddress(request("203.0.113.9"), {})).toBe("unknown");
  });
});

describe("TRUST_PROXY", () => {
  it("is off when unset, empty, false or 0", () => {
    for (const value of [undefined, "", "false", "0", " "]) expect(parseTrustProxy(value)).toEqual({ kind: "none" });
  });

  it("refuses true (it would believe any header) and values that are not addresses", () => {
    expect(() => parseTrustProxy("true")).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy("proxy.example")).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/TRUST_PROXY/);
  });
});
