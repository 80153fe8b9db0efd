import Fluent
import Foundation
import MaillageCore

/// A posted pack: code, title, description, visibility, active, and its course codes in order
/// (one per line), resolved against the catalogue.
struct PackInput: Sendable {
    static let maxCourses = 20

    var code: String
    var title: String
    var description: String
    var visibility: CourseVisibility
    var active: Bool
    var courseIDs: [UUID]

    static let fields = ["pack_code", "pack_title", "pack_description", "pack_visibility", "pack_active", "pack_courses"]

    static func resolve(_ v: [String: String], on db: any Database) async throws -> Result<PackInput, FormRefusal> {
        var errors = FieldErrors()
        let code = v["pack_code", default: ""].trimmingCharacters(in: .whitespaces).uppercased()
        if code.isEmpty { errors.add("pack_code", "Indiquez le code du parcours (par exemple PACK-ETI).") }
        else if let refusal = MemberFields.controlRefusal(code, label: "Le code") { errors.add("pack_code", refusal.message) }
        else if code.count > CourseInput.maxCode || !code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            errors.add("pack_code", "Le code fait au plus \(CourseInput.maxCode) caractères : lettres A à Z, chiffres et tirets.")
        }
        let title = CourseInput.text(v, "pack_title", label: "L'intitulé", max: CourseInput.maxTitle, required: "Indiquez l'intitulé du parcours.", errors: &errors)
        let description = CourseInput.text(v, "pack_description", label: "La description", max: CourseInput.maxText, required: nil, errors: &errors)
        let visibility = CourseVisibility(rawValue: v["pack_visibility", default: ""])
        if visibility == nil { errors.add("pack_visibility", "Choisissez qui voit ce parcours.") }
        // Course codes, one per line (commas and semicolons accepted too), in order.
        let codes = v["pack_courses", default: ""].uppercased()
            .components(separatedBy: CharacterSet(charactersIn: "\n\r,;"))
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var courseIDs: [UUID] = []
        // A control character never reaches the catalogue query (PostgreSQL refuses a NUL).
        if let refusal = MemberFields.controlRefusal(v["pack_courses", default: ""], label: "La liste des codes") {
            errors.add("pack_courses", refusal.message)
        } else if codes.isEmpty { errors.add("pack_courses", "Indiquez au moins un code de cours.") }
        else if codes.count > maxCourses { errors.add("pack_courses", "Un parcours compte au plus \(maxCourses) cours.") }
        else {
            let found = try await TrainingCourse.query(on: db).filter(\.$code ~~ codes).all()
            let byCode = Dictionary(found.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let unknown = codes.filter { byCode[$0] == nil }
            var seen = Set<String>()
            let repeated = codes.filter { !seen.insert($0).inserted }
            if !unknown.isEmpty {
                errors.add("pack_courses", "Code\(unknown.count > 1 ? "s" : "") inconnu\(unknown.count > 1 ? "s" : "") au catalogue : \(unknown.joined(separator: ", ")).")
            }
            if !repeated.isEmpty { errors.add("pack_courses", "Un cours ne figure qu'une fois : \(Set(repeated).sorted().joined(separator: ", ")).") }
            courseIDs = codes.compactMap { byCode[$0]?.id }
        }
        guard errors.isEmpty, let visibility else { return .failure(FormRefusal(errors: errors)) }
        return .success(PackInput(code: code, title: title, description: description, visibility: visibility,
                                  active: CourseInput.checked(v["pack_active"]), courseIDs: courseIDs))
    }

    static func values(of p: TrainingPack, codes: [String]) -> [String: String] {
        ["pack_code": p.code, "pack_title": p.title, "pack_description": p.description, "pack_visibility": p.visibility,
         "pack_active": p.active ? "1" : "", "pack_courses": codes.joined(separator: "\n")]
    }
}

/// Writes packs and their ordered courses, with the audit entry, in one transaction.
enum PackService {
    static func save(_ id: UUID?, _ input: PackInput, by actor: CurrentUser, on db: any Database) async throws -> Result<TrainingPack, FormRefusal> {
        try await db.writeTransaction { tx in
            let taken = try await TrainingPack.query(on: tx).filter(\.$code == input.code).all()
            if taken.contains(where: { $0.id != id }) { return .failure(.init("pack_code", "Ce code est déjà celui d'un autre parcours.")) }
            let pack: TrainingPack
            if let id {
                guard let found = try await TrainingPack.find(id, on: tx) else { return .failure(.init("pack_code", "Ce parcours n'existe plus.")) }
                pack = found
            } else {
                pack = TrainingPack()
            }
            let before = id == nil ? nil : try await snapshot(pack, on: tx)
            pack.code = input.code
            pack.title = input.title
            pack.description = input.description
            pack.visibility = input.visibility.rawValue
            pack.active = input.active
            try await pack.save(on: tx)
            let packID = try pack.requireID()
            try await TrainingPackCourse.query(on: tx).filter(\.$pack.$id == packID).delete()
            for (i, courseID) in input.courseIDs.enumerated() {
                try await TrainingPackCourse(packID: packID, courseID: courseID, position: i + 1).create(on: tx)
            }
            try await Audit.record(id == nil ? .create : .update, id == nil ? "training.pack.create" : "training.pack.update",
                                   id: packID.uuidString,
                                   summary: "Parcours \(pack.code) « \(pack.title) » \(id == nil ? "créé" : "modifié")",
                                   before: before, after: try await snapshot(pack, on: tx), actor: actor, on: tx)
            return .success(pack)
        }
    }

    /// The pack's course codes in order.
    static func codes(of packID: UUID, on db: any Database) async throws -> [String] {
        let links = try await TrainingPackCourse.query(on: db).filter(\.$pack.$id == packID).all().sorted { $0.position < $1.position }
        let courses = try await TrainingCourse.query(on: db).filter(\.$id ~~ links.map(\.$course.id)).all()
        let byID = Dictionary(uniqueKeysWithValues: courses.map { ($0.id!, $0.code) })
        return links.compactMap { byID[$0.$course.id] }
    }

    static func snapshot(_ p: TrainingPack, on db: any Database) async throws -> [String: String] {
        ["code": p.code, "titre": p.title, "description": p.description, "visibilite": p.visibility, "actif": p.active ? "oui" : "non",
         "cours": try await codes(of: p.requireID(), on: db).joined(separator: ", ")]
    }
}
