import Foundation
import Testing
@testable import Maillage

/// Migrations live in one folder, one file each, in the one ordered list (STYLE.md).
@Suite("Migration list")
struct MigrationListTests {
    @Test("every migration is declared in Migrations/NNN_Name.swift, under the name its file gives, listed in order")
    func oneFolderOneList() throws {
        // setup
        let sources = URL(fileURLWithPath: TestPaths.root + "Sources/Maillage")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        // MUT
        let declaring = try files.filter { file in
            try String(contentsOf: file, encoding: .utf8).range(of: #":\s*(Async)?Migration\s*\{"#, options: .regularExpression) != nil
        }
        let outside = declaring.filter { $0.deletingLastPathComponent().lastPathComponent != "Migrations" }
        let names = Migrations.all.map(\.name)
        // validate
        #expect(outside.isEmpty, "move these migrations to Migrations/: \(outside.map(\.lastPathComponent))")
        #expect(Set(declaring.map { $0.deletingPathExtension().lastPathComponent }) == Set(names))
        #expect(names == names.sorted())
        #expect(names.contains("006_CreateSessions"))  // the name recorded by databases migrated before the move
    }
}
