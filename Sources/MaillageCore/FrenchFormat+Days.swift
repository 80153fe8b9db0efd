extension FrenchFormat {
    public static let monthNames = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                                    "octobre", "novembre", "décembre"]
    /// Monday first, as `Day.weekday` (1 = Monday … 7 = Sunday).
    public static let weekdayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// « 1er mars 2027 », « 18 décembre 2026 ».
    public static func longDate(_ d: Day) -> String {
        "\(d.day == 1 ? "1er" : String(d.day)) \(monthNames[d.month - 1]) \(d.year)"
    }

    /// « lundi 1er mars 2027 ».
    public static func longDay(_ d: Day) -> String { weekdayNames[d.weekday - 1] + " " + longDate(d) }

    /// « mars 2027 ».
    public static func month(year: Int, month: Int) -> String { "\(monthNames[month - 1]) \(year)" }
}
