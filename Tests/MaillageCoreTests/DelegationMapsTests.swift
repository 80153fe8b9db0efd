import MaillageCore
import Testing

@Suite struct DelegationMapsTests {
    @Test func the2025MapHasTheFourteenDelegationsOfTheSpec() {
        let codes = DelegationMaps.map(forYear: 2025).map(\.code)
        #expect(codes == ["ARA", "BFC", "BRE", "CVL", "HDF", "IDF", "NOR", "NAQ", "OCC", "PDL", "PAC", "GUA", "GUY", "OIN"])
        #expect(DelegationMaps.map(forYear: 2025).allSatisfy { $0.validFrom == 2016 && $0.validTo == nil })
    }

    @Test(arguments: [2000, 2013, 2015, 2016, 2025, 2040])
    func everyDepartmentBelongsToAtMostOneDelegation(year: Int) {
        let listed = DelegationMaps.map(forYear: year).flatMap(\.departments)
        #expect(listed.count == Set(listed).count)
        // Grand Est's 10 departments and Martinique have no delegation.
        #expect(listed.count == 90)
        #expect(Set(listed).isSubset(of: Set(Departments.all.map(\.code))))
    }

    @Test func normandyWasSplitUntil2015() {
        #expect(DelegationMaps.delegation(ofDepartment: "14", year: 2015)?.code == "BNO")
        #expect(DelegationMaps.delegation(ofDepartment: "14", year: 2016)?.code == "NOR")
        #expect(DelegationMaps.delegation(ofDepartment: "76", year: 2015)?.name == "Haute-Normandie")
        #expect(DelegationMaps.map(forYear: 2015).count == 15)
    }

    @Test func departmentsOutsideAnyDelegation() {
        #expect(DelegationMaps.delegation(ofDepartment: "67", year: 2025) == nil)
        #expect(DelegationMaps.delegation(ofDepartment: "972", year: 2025) == nil)
        #expect(DelegationMaps.delegation(ofDepartment: "44", year: 1999) == nil)
    }

    @Test func lookupNormalizesTheCode() {
        #expect(DelegationMaps.delegation(ofDepartment: "1", year: 2025)?.code == "ARA")
        #expect(DelegationMaps.delegation(ofDepartment: "2a", year: 2025)?.name == "Provence-Alpes-Côte d'Azur & Corse")
        #expect(DelegationMaps.delegation(ofDepartment: "976", year: 2025)?.code == "OIN")
    }

    @Test func paysDeLaLoireCommissions() throws {
        let pdl = try #require(DelegationMaps.delegation(ofDepartment: "85", year: 2025))
        #expect(pdl.commissions == [
            CommissionRef(name: "Commission Loire-Atlantique, Maine-et-Loire, Mayenne, Sarthe",
                          departments: ["44", "49", "53", "72"]),
            CommissionRef(name: "Commission Vendée", departments: ["85"]),
        ])
        #expect(Set(pdl.commissions.flatMap(\.departments)) == Set(pdl.departments))
        #expect(DelegationMaps.delegation(ofDepartment: "85", year: 2010)?.commissions.count == 2)
    }

    @Test func eachPeriodHasItsOwnEntries() {
        #expect(DelegationMaps.all.count == 14 + 15)
        #expect(DelegationMaps.all.filter { $0.code == "ARA" }.map(\.validTo) == [nil, 2015])
    }
}
