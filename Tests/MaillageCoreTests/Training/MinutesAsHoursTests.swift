import Testing
@testable import MaillageCore

@Suite("Minutes shown as hours")
struct MinutesAsHoursTests {
    @Test("up to two decimals, trailing zeros dropped, U+202F before h and between thousands", arguments: [
        (210, "3,5\u{202F}h"), (180, "3\u{202F}h"), (22_000 * 60, "22\u{202F}000\u{202F}h"), (45, "0,75\u{202F}h"),
        (0, "0\u{202F}h"), (1, "0,02\u{202F}h"), (50, "0,83\u{202F}h"), (20, "0,33\u{202F}h"), (40, "0,67\u{202F}h"),
        (63, "1,05\u{202F}h"), (66, "1,1\u{202F}h"), (1_234_567 * 60 + 30, "1\u{202F}234\u{202F}567,5\u{202F}h"),
        (-90, "-1,5\u{202F}h"), (-2_310, "-38,5\u{202F}h"),
    ])
    func hours(minutes: Int, expected: String) {
        #expect(FrenchFormat.minutesAsHours(minutes) == expected)
    }

    @Test("categories and fundings: stored values and French labels")
    func labels() {
        #expect(TraineeCategory.allCases.map(\.rawValue) == ["private_employee", "jobseeker", "other"])
        #expect(TraineeCategory.allCases.map(\.label) == ["Salariés d'employeurs privés", "Demandeurs d'emploi", "Autres stagiaires"])
        #expect(TrainingFunding.allCases.map(\.rawValue) == ["opco", "employer", "other"])
        #expect(TrainingFunding.allCases.map(\.label) == ["Opérateur de compétences (OPCO)", "Employeur", "Autres financements"])
    }
}
