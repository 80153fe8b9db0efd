import Foundation
import MaillageCore

/// Draws the demo structures and their membership periods (not yet saved).
enum DemoStructures {
    struct Planned {
        let structure: Structure
        var memberships: [Membership]
    }
    struct Plan {
        var structures: [Planned]
        var managedGES: Planned
    }

    /// About 60 % AI, as in the federation; the rest by their usual weight.
    static let typeMix: [(StructureType, Int)] = [
        (.ai, 600), (.aci, 140), (.ei, 90), (.etti, 60), (.proxim, 30), (.ebe, 15), (.of, 10), (.ettEss, 10), (.eiti, 10), (.other, 15),
    ]
    static let prefixes: [StructureType: [String]] = [
        .ai: ["Relais Emploi", "Tremplin Services", "Entraide Travail", "Solidarité Emploi", "Main Forte", "Partage Activités", "Trait d'Union"],
        .aci: ["Chantier Nature", "Jardins Solidaires", "Atelier Bois et Vie", "Recyclerie du Lien", "Chantier des Rives"],
        .ei: ["Bâtir Ensemble", "Nettoyage Solidaire", "Cuisine Partagée", "Atelier Textile"],
        .etti: ["Intérim Insertion", "Tempo Emploi", "Passerelle Intérim"],
        .proxim: ["Services à Domicile", "Aide et Présence"],
        .ebe: ["Territoire Zéro Chômeur"], .of: ["Formation Solidaire"], .ettEss: ["Intérim Solidaire"],
        .eiti: ["Indépendants Solidaires"], .other: ["Collectif Inclusion"], .ges: ["Groupe Solidaire"],
    ]
    static let reasons = ["Cessation d'activité", "Fusion avec une autre structure", "Non-renouvellement de l'adhésion", "Liquidation judiciaire"]

    static func generate(map: NetworkMap, rng: inout DemoRandom) -> Plan {
        var out: [Planned] = []
        var names = Set<String>()
        var sirens = Set<String>()
        func make(_ types: [StructureType], department: String, parent: Structure? = nil) -> Planned {
            let commune = rng.pick(DemoCommunes.of(department))
            var name = "\(rng.pick(prefixes[types[0]] ?? ["Structure"])) \(commune)"
            var n = 2
            while names.contains(name) { name = "\(rng.pick(prefixes[types[0]] ?? ["Structure"])) \(commune) \(n)"; n += 1 }
            names.insert(name)
            var siren: String
            repeat { siren = String(format: "%09d", Int.random(in: 100_000_000...899_999_999, using: &rng)) } while sirens.contains(siren)
            sirens.insert(siren)
            let s = Structure()
            s.siret = SIRET.makeValid(siren9: siren, nic4: "0001").digits
            s.name = name
            s.types = types
            s.commune = commune
            s.departmentCode = department
            s.postalCode = postalCode(department)
            s.address = "\(Int.random(in: 1...120, using: &rng)) \(rng.pick(["rue de la Gare", "avenue de la République", "rue des Ateliers", "place du Marché", "chemin des Prés"]))"
            s.website = rng.chance(0.6) ? "https://\(slug(name)).exemple.org" : nil
            s.status = DirectoryStatus.none.rawValue
            s.$gesParent.id = parent?.id
            s.id = UUID()
            s.refreshSearchText()
            let year = Int.random(in: 1992...2025, using: &rng)
            let joined = String(format: "%04d-%02d-01", year, rng.chance(0.7) ? 1 : Int.random(in: 2...12, using: &rng))
            let m = Membership()
            m.status = rng.chance(0.06) ? MembershipStatus.associate.rawValue : MembershipStatus.active.rawValue
            m.joinedOn = joined
            if rng.chance(0.06), year < 2024 {
                m.leftOn = String(format: "%04d-12-31", Int.random(in: year...2024, using: &rng))
                m.leaveReason = rng.pick(reasons)
            }
            let planned = Planned(structure: s, memberships: [m])
            out.append(planned)
            return planned
        }

        let gesCount = 8
        var gesList: [Planned] = []
        for (code, weight) in DemoNetwork.weights {
            guard let delegation = map.delegation(code: code) else { continue }
            // GES (and their 2 or 3 entities) in the larger delegations, counted in their weight.
            var remaining = weight
            if weight >= 45, gesList.count < gesCount {
                let dep = delegation.departments[0]
                let ges = make([.ges], department: dep)
                ges.memberships[0].leftOn = nil
                ges.memberships[0].leaveReason = nil
                ges.memberships[0].status = MembershipStatus.active.rawValue
                gesList.append(ges)
                remaining -= 1
                for entityType in [StructureType.ai, .etti, .aci].prefix(weight >= 55 ? 3 : 2) {
                    let entity = make([entityType], department: dep, parent: ges.structure)
                    entity.memberships[0].leftOn = nil
                    entity.memberships[0].leaveReason = nil
                    remaining -= 1
                }
            }
            for _ in 0..<remaining {
                var types = [weightedType(&rng)]
                if types[0] == .ai, rng.chance(0.1) { types.append(.aci) }
                _ = make(types, department: rng.pick(delegation.departments))
            }
        }
        let pdlGES = gesList.first { map.delegation(ofDepartment: $0.structure.departmentCode)?.code == "PDL" } ?? gesList[0]
        return Plan(structures: out, managedGES: pdlGES)
    }

    private static func weightedType(_ rng: inout DemoRandom) -> StructureType {
        let sum = typeMix.reduce(0) { $0 + $1.1 }
        var r = Int.random(in: 0..<sum, using: &rng)
        for (t, w) in typeMix { if r < w { return t }; r -= w }
        return .ai
    }

    private static func postalCode(_ dep: String) -> String {
        switch dep {
        case "2A": "20000"
        case "2B": "20200"
        default: dep.count == 3 ? dep + "00" : dep + "000"
        }
    }

    static func slug(_ s: String) -> String {
        Structure.searchKey(s).map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
    }
}
