import MaillageCore
import Testing

@Suite struct DepartmentsTests {
    @Test func all101DepartmentsWithUniqueCodes() {
        #expect(Departments.all.count == 101)
        #expect(Set(Departments.all.map(\.code)).count == 101)
        #expect(Departments.all.first == Department(code: "01", name: "Ain"))
        #expect(Departments.all.last == Department(code: "976", name: "Mayotte"))
        #expect(!Departments.all.map(\.code).contains("20"))
        #expect(!Departments.all.map(\.code).contains("975"))
    }

    @Test func namesCarryTheirAccents() {
        #expect(Departments.named("2A")?.name == "Corse-du-Sud")
        #expect(Departments.named("2B")?.name == "Haute-Corse")
        #expect(Departments.named("22")?.name == "Côtes-d'Armor")
        #expect(Departments.named("974")?.name == "La Réunion")
        #expect(Departments.named("90")?.name == "Territoire de Belfort")
        #expect(Departments.named("1")?.name == "Ain")
    }

    @Test(arguments: [("1", "01"), (" 44 ", "44"), ("2a", "2A"), ("2B", "2B"), ("971", "971"), ("09", "09")])
    func normalizes(raw: String, code: String) {
        #expect(Departments.normalize(raw) == code)
    }

    @Test(arguments: ["20", "99", "0", "", "975", "001", "2C"])
    func rejectsUnknownCodes(raw: String) {
        #expect(Departments.normalize(raw) == nil)
        #expect(Departments.named(raw) == nil)
    }
}
