import MaillageCore
import Testing

@Suite struct MembershipStatusTests {
    @Test(arguments: [("actif", MembershipStatus.active), ("Actif", .active), (" ACTIVE ", .active),
                      ("associé", .associate), ("associe", .associate), ("ASSOCIÉ", .associate), ("Associée", .associate)])
    func parses(text: String, status: MembershipStatus) {
        #expect(MembershipStatus.parse(text) == status)
    }

    @Test func rejectsEmptyAndUnknown() {
        #expect(MembershipStatus.parse("") == nil)
        #expect(MembershipStatus.parse("radié") == nil)
    }

    @Test func labelsAndCodes() {
        #expect(MembershipStatus.allCases.map(\.label) == ["Actif", "Associé"])
        #expect(MembershipStatus.allCases.map(\.rawValue) == ["actif", "associe"])
    }
}
