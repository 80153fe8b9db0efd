import Foundation
import Testing
import Vapor
@testable import Maillage

/// `req.clientAddress`: `X-Forwarded-For` is believed only from `MAILLAGE_TRUSTED_PROXIES`.
@Suite("Login: client address behind trusted proxies")
struct LoginClientAddressTests {
    @Test("the trusted-proxies setting takes addresses and CIDR ranges, and reports the rest")
    func setting() {
        // MUT
        let proxies = TrustedProxies("127.0.0.1, 10.0.0.0/8 ,::1, fd00::/8, nonsense, 10.0.0.0/33, 1.2.3.4/x,")
        // validate
        #expect(proxies.ranges.count == 4)
        #expect(proxies.rejected == ["nonsense", "10.0.0.0/33", "1.2.3.4/x"])
        #expect(TrustedProxies("").ranges.isEmpty)
    }

    @Test("a range holds its addresses and no others, IPv4 and IPv6")
    func ranges() {
        // setup
        let proxies = TrustedProxies("172.16.0.0/12, fd00::/8, 192.0.2.7")
        func has(_ s: String) -> Bool { proxies.contains(IPAddress(s)!) }
        // validate
        #expect(has("172.16.0.1") && has("172.31.255.255"))
        #expect(!has("172.32.0.0") && !has("172.15.255.255"))
        #expect(has("fd12:3456::1") && !has("fe80::1"))
        #expect(has("192.0.2.7") && !has("192.0.2.8"))
        #expect(has("::ffff:192.0.2.7"))  // a dual-stack listener's view of an IPv4 peer
        #expect(TrustedProxies("0.0.0.0/0").contains(IPAddress("203.0.113.9")!))
        #expect(!TrustedProxies("0.0.0.0/0").contains(IPAddress("2001:db8::1")!))
    }

    @Test("X-Forwarded-For: right-most address that is not a trusted proxy, and only from a trusted peer",
          arguments: [
            // (peer, X-Forwarded-For headers, expected client)
            ("203.0.113.50", ["198.51.100.7"], "203.0.113.50"),            // untrusted peer: header ignored (forged)
            ("10.0.0.1", [], "10.0.0.1"),                                  // trusted peer without header: the peer
            ("10.0.0.1", ["203.0.113.9"], "203.0.113.9"),
            ("10.0.0.1", ["1.1.1.1, 203.0.113.9"], "203.0.113.9"),         // the client cannot choose by prepending
            ("10.0.0.1", ["6.6.6.6, 203.0.113.9, 10.0.0.2"], "203.0.113.9"), // two proxies
            ("10.0.0.1", ["6.6.6.6", "203.0.113.9"], "203.0.113.9"),       // the header repeated
            ("10.0.0.1", ["10.0.0.3"], "10.0.0.3"),                        // only proxies: the furthest one
            ("10.0.0.1", ["1.1.1.1, unknown"], "10.0.0.1"),                 // not an address: stop at the last sound hop
            ("10.0.0.1", ["203.0.113.9:5555"], "203.0.113.9"),
            ("10.0.0.1", ["[2001:DB8::1]:443"], "2001:db8::1"),
            ("10.0.0.1", ["2001:db8:0:0::1"], "2001:db8::1"),              // one address, one text
            ("::ffff:10.0.0.1", ["203.0.113.9"], "203.0.113.9"),
            ("fd00::1", ["203.0.113.9"], "203.0.113.9"),
          ])
    func resolve(peer: String, forwardedFor: [String], expected: String) {
        // setup
        let trusted = TrustedProxies("10.0.0.0/8, fd00::/8")
        // MUT
        let client = ClientAddress.resolve(peer: peer, forwardedFor: forwardedFor, trusted: trusted)
        // validate
        #expect(client == expected)
    }

    @Test("no peer (a Unix socket, in-memory tests): no address")
    func noPeer() {
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["203.0.113.9"], trusted: TrustedProxies("0.0.0.0/0")) == nil)
    }
}
