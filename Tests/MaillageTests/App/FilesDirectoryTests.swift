import Testing
@testable import Maillage

@Suite("Files directory setting")
struct FilesDirectoryTests {
    @Test("MAILLAGE_FILES wins; else files/ beside the SQLite file; var/files in memory")
    func filesDirectory() {
        #expect(AppConfig.filesDirectory(setting: "/srv/maillage/fichiers", databasePath: "var/maillage.sqlite") == "/srv/maillage/fichiers")
        #expect(AppConfig.filesDirectory(setting: nil, databasePath: "var/maillage.sqlite") == "var/files")
        #expect(AppConfig.filesDirectory(setting: "", databasePath: "/tmp/e2e-1/e2e.sqlite") == "/tmp/e2e-1/files")
        #expect(AppConfig.filesDirectory(setting: nil, databasePath: "demo.sqlite") == "files")
        #expect(AppConfig.filesDirectory(setting: nil, databasePath: ":memory:") == "var/files")
    }
}
