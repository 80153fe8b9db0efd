extension SIRET {
    /// La Poste's SIREN: its establishments are numbered past what the Luhn key
    /// allows, so INSEE checks them with a digit sum that is a multiple of 5.
    static let laPosteSiren = "356000000"

    /// Luhn key, or La Poste's own rule for its establishments. The head office
    /// (35600000000048) only satisfies Luhn, so either rule is accepted there.
    static func hasValidKey(_ digits: String) -> Bool {
        let values = digits.utf8.map { Int($0) - 48 }
        if luhnSum(values) % 10 == 0 { return true }
        return digits.hasPrefix(laPosteSiren) && values.reduce(0, +) % 5 == 0
    }

    /// Builds a valid SIRET from a SIREN and a 4-digit NIC prefix by choosing the
    /// last digit so the Luhn key holds (used by the demo data generator).
    public static func makeValid(siren9: String, nic4: String) -> SIRET {
        let head = siren9 + nic4
        precondition(siren9.utf8.count == 9 && nic4.utf8.count == 4 && head.utf8.allSatisfy { (48...57).contains($0) },
                     "makeValid needs a 9-digit SIREN and a 4-digit NIC prefix")
        let values = head.utf8.map { Int($0) - 48 } + [0]
        let check = (10 - luhnSum(values) % 10) % 10
        return SIRET(head + String(check))!
    }

    /// Luhn sum: every second digit from the right (the key itself excluded) is doubled.
    private static func luhnSum(_ values: [Int]) -> Int {
        var sum = 0
        for (offset, value) in values.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = value * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += value
            }
        }
        return sum
    }
}
