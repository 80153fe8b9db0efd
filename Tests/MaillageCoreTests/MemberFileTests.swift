import MaillageCore
import Testing

@Suite struct MemberFileTests {
    @Test func columnsAreTheSharedContract() {
        #expect(MemberFile.columns == ["siret", "nom", "types", "adresse", "code_postal", "commune",
                                       "departement", "site_web", "statut", "date_adhesion", "siret_ges"])
    }

    @Test func exportWritesTheFileForm() {
        let row = MemberRow(line: 2, siret: SIRET("73282932000074")!, name: "Relais", types: [.ai, .ettEss],
                            commune: "Caen", department: "14", status: .associate, joinedOn: "2024-02-01")
        #expect(MemberFile.exportRows([row]) == [
            MemberFile.columns,
            ["73282932000074", "Relais", "AI,ETT_ESS", "", "", "Caen", "14", "", "associe", "01/02/2024", ""],
        ])
    }

    @Test func exportThenParseRoundTrips() {
        // setup
        let rows = [
            MemberRow(line: 2, siret: SIRET.makeValid(siren9: "123456789", nic4: "0001"),
                      name: "Le « Relais » ; \"Nord\"", types: [.ai, .aci, .proxim], address: "3 rue de la Paix",
                      postalCode: "59000", commune: "Lille", department: "59", website: "https://relais.example",
                      status: .active, joinedOn: "2019-12-31", gesParentSiret: SIRET("35600000000048")),
            MemberRow(line: 3, siret: SIRET("35600000049837")!, name: "Élan Corse", types: [.other],
                      commune: "Ajaccio", department: "2A", status: .associate),
        ]
        // MUT
        let text = FrenchCSV.write(MemberFile.exportRows(rows))
        let result = MemberFile.parse(FrenchCSV.parse(text))
        // validate
        #expect(result.errors.isEmpty && result.fileErrors.isEmpty)
        #expect(result.rows == rows)
    }
}
