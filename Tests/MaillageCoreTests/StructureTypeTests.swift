import MaillageCore
import Testing

@Suite struct StructureTypeTests {
    @Test func codesAreTheSharedContract() {
        #expect(StructureType.allCases.map(\.rawValue)
            == ["AI", "ACI", "EI", "ETTI", "ETT_ESS", "EITI", "GES", "EBE", "PROXIM", "OF", "OTHER"])
    }

    @Test func labels() {
        #expect(StructureType.aci.label == "Atelier et chantier d'insertion")
        #expect(StructureType.ebe.label == "Entreprise à but d'emploi")
        #expect(StructureType.ettEss.shortLabel == "ETT-ESS")
        #expect(StructureType.proxim.shortLabel == "Proxim'")
        #expect(StructureType.other.shortLabel == "Autre")
    }

    @Test func sortsInDeclarationOrder() {
        #expect([StructureType.other, .ai, .ges, .aci].sorted() == [.ai, .aci, .ges, .other])
        #expect(StructureType.ei < .etti)
    }

    @Test(arguments: [
        ("AI", StructureType.ai), ("  aci ", .aci), ("ETT-ESS", .ettEss), ("ett_ess", .ettEss),
        ("Ett Ess", .ettEss), ("Proxim'Services", .proxim), ("PROXIM", .proxim), ("proxim'", .proxim),
        ("Entreprise d'insertion", .ei), ("OTHER", .other), ("autre", .other),
    ])
    func parsesCodesAndLabels(input: String, expected: StructureType) {
        #expect(StructureType.parse(input) == expected)
    }

    @Test func rejectsUnknownOrEmpty() {
        #expect(StructureType.parse("") == nil)
        #expect(StructureType.parse("XYZ") == nil)
        #expect(StructureType.parse("A I C") == nil)
    }

    @Test func parseListSplitsDeduplicatesAndSorts() {
        let result = StructureType.parseList("ACI & AI, ai + EI | ETTI / GES et EBE")
        #expect(result.types == [.ai, .aci, .ei, .etti, .ges, .ebe])
        #expect(result.unknown.isEmpty)
    }

    @Test func parseListKeepsTheAciLabelWhole() {
        let result = StructureType.parseList("Atelier et chantier d'insertion, AI ET EI")
        #expect(result.types == [.ai, .aci, .ei])
        #expect(result.unknown.isEmpty)
    }

    @Test func parseListReportsUnknownTokensOnce() {
        let result = StructureType.parseList("AI, XYZ, , foo et XYZ")
        #expect(result.types == [.ai])
        #expect(result.unknown == ["XYZ", "foo"])
        #expect(StructureType.parseList("  ") == ([], []))
    }
}
