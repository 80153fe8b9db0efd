/// The delegation maps in force over the years. A structure's delegation for a
/// year comes from its department and that year's map (SPEC §2).
public enum DelegationMaps {
    /// Every entry of every map, the current map first.
    public static let all: [DelegationRef] = current + before2016

    /// The delegation a department belonged to in `year`, or nil (Grand Est and
    /// Martinique have no delegation).
    public static func delegation(ofDepartment code: String, year: Int) -> DelegationRef? {
        let code = Departments.normalize(code) ?? code
        return map(forYear: year).first { $0.departments.contains(code) }
    }

    /// The delegations in force during `year`, in the map's order.
    public static func map(forYear year: Int) -> [DelegationRef] {
        all.filter { $0.isValid(in: year) }
    }

    // The 2016 regional reform merged the two Normandies; the rest did not move.
    private static let current = drawMap(from: 2016, to: nil, normandy: [
        ("NOR", "Normandie", ["14", "27", "50", "61", "76"]),
    ])

    private static let before2016 = drawMap(from: 2000, to: 2015, normandy: [
        ("BNO", "Basse-Normandie", ["14", "50", "61"]),
        ("HNO", "Haute-Normandie", ["27", "76"]),
    ])

    /// One map: the delegations drawn identically on both, with its own Normandy.
    private static func drawMap(from: Int, to: Int?,
                                normandy: [(code: String, name: String, departments: [String])]) -> [DelegationRef] {
        func ref(_ code: String, _ name: String, _ departments: [String],
                 _ commissions: [CommissionRef] = []) -> DelegationRef {
            DelegationRef(code: code, name: name, validFrom: from, validTo: to,
                          departments: departments, commissions: commissions)
        }
        return [
            ref("ARA", "Auvergne-Rhône-Alpes",
                ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]),
            ref("BFC", "Bourgogne-Franche-Comté", ["21", "25", "39", "58", "70", "71", "89", "90"]),
            ref("BRE", "Bretagne", ["22", "29", "35", "56"]),
            ref("CVL", "Centre-Val de Loire", ["18", "28", "36", "37", "41", "45"]),
            ref("HDF", "Hauts-de-France", ["02", "59", "60", "62", "80"]),
            ref("IDF", "Île-de-France", ["75", "77", "78", "91", "92", "93", "94", "95"]),
        ] + normandy.map { ref($0.code, $0.name, $0.departments) } + [
            ref("NAQ", "Nouvelle-Aquitaine",
                ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"]),
            ref("OCC", "Occitanie",
                ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]),
            ref("PDL", "Pays de la Loire", ["44", "49", "53", "72", "85"], [
                CommissionRef(name: "Commission Loire-Atlantique, Maine-et-Loire, Mayenne, Sarthe",
                              departments: ["44", "49", "53", "72"]),
                CommissionRef(name: "Commission Vendée", departments: ["85"]),
            ]),
            ref("PAC", "Provence-Alpes-Côte d'Azur & Corse",
                ["04", "05", "06", "13", "83", "84", "2A", "2B"]),
            ref("GUA", "Guadeloupe", ["971"]),
            ref("GUY", "Guyane", ["973"]),
            ref("OIN", "Océan Indien", ["974", "976"]),
        ]
    }
}
