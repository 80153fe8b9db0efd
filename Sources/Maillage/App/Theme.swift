import Foundation
import MaillageCore
import Vapor

/// The federation's visual identity, from the settings (`AppConfig`: name, short name, logo,
/// colours, contact). Read and checked once at start: a bad value stops the server with its
/// French reason (`ThemeController.stylesheet(for:)`), never a broken page later.
struct Theme: Sendable, Equatable {
    let federationName: String
    let shortName: String
    /// What the header's `<img src>` takes: a path of `Public/img/` or a `data:` URI.
    let logo: String?
    let primary: Color
    let accent: Color
    let contact: Contact?

    /// The demo's fictional federation (its logo is drawn for the demo, `Public/img/logo-demo.svg`).
    static let demoLogo = "img/logo-demo.svg"
    static let demoContact = "contact@demo.maillage.test"
    static let defaultPrimary = "#0b5c7a"
    static let defaultAccent = "#e07a1f"
    /// A logo under `Public/img/` is served as a file; one elsewhere is put in every page.
    static let maxServedLogo = 512 * 1024
    static let maxEmbeddedLogo = 48 * 1024
    static let logoTypes = ["svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
                            "webp": "image/webp", "gif": "image/gif"]

    struct Contact: Sendable, Equatable {
        let href: String
        let label: String
    }

    /// Checks every setting and reports all the bad ones at once.
    init(config: AppConfig) throws(ThemeError) {
        var problems: [String] = []
        let name = config.federationName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 120 { problems.append("MAILLAGE_FEDERATION_NAME : indiquez le nom de la fédération (120 caractères au plus).") }
        let short = (config.federationShortName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if short.count > 30 { problems.append("MAILLAGE_FEDERATION_SHORT_NAME : 30 caractères au plus (« \(short.prefix(30))… »).") }
        let primary = Self.color(config.primaryColor, default: Self.defaultPrimary, setting: "MAILLAGE_COLOR_PRIMARY", &problems)
        let accent = Self.color(config.accentColor, default: Self.defaultAccent, setting: "MAILLAGE_COLOR_ACCENT", &problems)
        if let primary, primary.contrast(with: .white) < 4.5 {
            problems.append("MAILLAGE_COLOR_PRIMARY : la couleur \(primary.hex) est trop claire, le texte blanc posé dessus serait illisible "
                + "(contraste \(primary.contrastText(with: .white)), il faut au moins 4,5:1). Choisissez une teinte plus foncée.")
        }
        let logo = Self.logo(config, &problems)
        let contact = Self.contact(config.contact, &problems)
        guard problems.isEmpty, let primary, let accent else { throw ThemeError(problems: problems) }
        self.federationName = name
        self.shortName = short.isEmpty ? name : short
        self.logo = logo
        self.primary = primary
        self.accent = accent
        self.contact = contact
    }

    /// The colours as CSS custom properties, read by `Public/css/app.css`.
    var stylesheet: String {
        """
        /* The federation's colours (MAILLAGE_COLOR_PRIMARY, MAILLAGE_COLOR_ACCENT). */
        :root { --brand: \(primary.hex); --brand-dark: \(primary.darker(percent: 30).hex); --accent: \(accent.hex); }

        """
    }

    private static func color(_ value: String?, default fallback: String, setting: String, _ problems: inout [String]) -> Color? {
        let text = (value ?? "").trimmingCharacters(in: .whitespaces)
        if let color = Color(hex: text.isEmpty ? fallback : text) { return color }
        problems.append("\(setting) : « \(text.prefix(20)) » n'est pas une couleur au format #RRGGBB (par exemple #0b5c7a).")
        return nil
    }

    /// A path under `Public/img/` ("img/logo.svg"), served by the asset middleware, or a file
    /// elsewhere (an absolute path), read now and put in the page as a `data:` URI (the
    /// Content-Security-Policy allows `img-src data:`). Nil: no logo, the name alone.
    private static func logo(_ config: AppConfig, _ problems: inout [String]) -> String? {
        let setting = "MAILLAGE_LOGO"
        let raw = (config.logo ?? "").trimmingCharacters(in: .whitespaces)
        if raw.isEmpty || raw == "aucun" { return nil }
        let ext = (raw as NSString).pathExtension.lowercased()
        guard let type = logoTypes[ext] else {
            problems.append("\(setting) : le logo doit être une image SVG, PNG, JPEG, WebP ou GIF (« \(raw.suffix(40)) »).")
            return nil
        }
        let publicDir = config.rootDirectory + "Public/"
        let relative = raw.hasPrefix("/img/") ? String(raw.dropFirst()) : raw
        if relative.hasPrefix("img/") {
            guard !relative.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else {
                problems.append("\(setting) : le chemin du logo ne doit pas remonter hors de Public/img/ (« \(raw.suffix(40)) »).")
                return nil
            }
            guard let size = fileSize(publicDir + relative) else {
                problems.append("\(setting) : fichier introuvable, \(publicDir)\(relative).")
                return nil
            }
            guard size <= maxServedLogo else {
                problems.append("\(setting) : le logo pèse \(size / 1024) Kio, \(maxServedLogo / 1024) Kio au plus.")
                return nil
            }
            return "/" + relative
        }
        guard raw.hasPrefix("/") else {
            problems.append("\(setting) : indiquez un chemin sous Public/img/ (img/logo.svg) ou le chemin absolu d'un fichier (« \(raw.suffix(40)) »).")
            return nil
        }
        guard let size = fileSize(raw), let data = FileManager.default.contents(atPath: raw) else {
            problems.append("\(setting) : fichier introuvable ou illisible, \(raw.suffix(80)).")
            return nil
        }
        guard size <= maxEmbeddedLogo else {
            problems.append("\(setting) : un logo hors de Public/img/ est inclus dans chaque page : \(maxEmbeddedLogo / 1024) Kio au plus "
                + "(il pèse \(size / 1024) Kio). Placez-le dans Public/img/ ou allégez-le.")
            return nil
        }
        return "data:\(type);base64," + data.base64EncodedString()
    }

    private static func fileSize(_ path: String) -> Int? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return (attributes[.size] as? NSNumber)?.intValue
    }

    /// An e-mail address (a `mailto:` link) or an http(s) address.
    private static func contact(_ value: String?, _ problems: inout [String]) -> Contact? {
        let text = (value ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        let safe = text.count <= 200 && !text.contains(where: { $0.isWhitespace || "<>\"'`".contains($0) })
        if safe, text.range(of: #"^[^@/:]+@[^@/:]+\.[A-Za-z]{2,}$"#, options: .regularExpression) != nil {
            return Contact(href: "mailto:" + text, label: text)
        }
        if safe, text.lowercased().hasPrefix("https://") || text.lowercased().hasPrefix("http://"), let link = WebAddress.link(text) {
            return Contact(href: link, label: link.replacingOccurrences(of: #"^https?://"#, with: "", options: .regularExpression))
        }
        problems.append("MAILLAGE_CONTACT : indiquez une adresse électronique ou une adresse web en https:// (« \(text.prefix(40)) »).")
        return nil
    }
}

/// Why the server refuses to start: every bad setting, in French (the console prints `description`).
struct ThemeError: Error, CustomStringConvertible, Equatable {
    let problems: [String]
    var description: String {
        "Réglages de l'identité visuelle refusés, le serveur ne démarre pas :\n- " + problems.joined(separator: "\n- ")
    }
}

/// An sRGB colour written #RRGGBB.
struct Color: Sendable, Equatable {
    let red: Int, green: Int, blue: Int

    static let white = Color(red: 255, green: 255, blue: 255)

    init(red: Int, green: Int, blue: Int) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Exactly "#" and six hexadecimal digits (either case).
    init?(hex: String) {
        guard hex.count == 7, hex.first == "#", hex.dropFirst().allSatisfy(\.isHexDigit),
              let value = Int(hex.dropFirst(), radix: 16) else { return nil }
        self.init(red: value >> 16 & 0xFF, green: value >> 8 & 0xFF, blue: value & 0xFF)
    }

    var hex: String { "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }

    /// WCAG 2 relative luminance.
    var luminance: Double {
        func channel(_ c: Int) -> Double {
            let s = Double(c) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    func contrast(with other: Color) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// "3,2:1".
    func contrastText(with other: Color) -> String {
        (String(format: "%.1f", contrast(with: other)).replacingOccurrences(of: ".", with: ",")) + ":1"
    }

    /// The colour mixed with black: `percent` 30 keeps 70 % of each channel (integer
    /// arithmetic, rounded half up: channels are 0…255, nothing can overflow).
    func darker(percent: Int) -> Color {
        let keep = 100 - min(max(percent, 0), 100)
        func scale(_ c: Int) -> Int { (c * keep + 50) / 100 }
        return Color(red: scale(red), green: scale(green), blue: scale(blue))
    }
}

extension Application {
    private struct ThemeKey: StorageKey { typealias Value = Theme }
    /// Set once at start by `ThemeController.stylesheet(for:)`; nil only in an application
    /// configured without routes (page snapshots), whose layout then shows the name alone.
    var theme: Theme? {
        get { storage[ThemeKey.self] }
        set { storage[ThemeKey.self] = newValue }
    }
}
