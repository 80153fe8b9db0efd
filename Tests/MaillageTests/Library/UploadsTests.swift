import Foundation
import MaillageCore
import Testing
import Vapor
@testable import Maillage

/// The shared upload steps: check (type from the bytes, size, count, name), put all or none,
/// discard, the download headers, and the store's write through a temporary file + rename.
@Suite("Uploads")
struct UploadsTests {
    /// A store that fails its `failAt`-th put (1-based) and otherwise writes to a directory.
    final class FailingStore: FileStore, @unchecked Sendable {
        let inner: DirectoryFileStore
        let failAt: Int
        private let lock = NSLock()
        private var puts = 0

        init(_ directory: String, failAt: Int) {
            inner = DirectoryFileStore(directory: directory)
            self.failAt = failAt
        }

        func put(_ data: Data, key: FileKey) throws {
            let n = lock.withLock { puts += 1; return puts }
            if n == failAt { throw CocoaError(.fileWriteOutOfSpace) }
            try inner.put(data, key: key)
        }
        func get(_ key: FileKey) throws -> Data? { try inner.get(key) }
        func delete(_ key: FileKey) throws { try inner.delete(key) }
    }

    private func scratch() -> String {
        NSTemporaryDirectory() + "uploads-tests-" + UUID().uuidString
    }

    private func entries(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    @Test("check: the kind comes from the bytes, every refused file gets its own French sentence")
    func checkEachFile() throws {
        let files = [UploadedFile(name: "guide.pdf", data: UploadKit.pdf()),
                     UploadedFile(name: "photo.png", data: UploadKit.pdf()),
                     UploadedFile(name: "rapport.pdf", data: UploadKit.elf),
                     UploadedFile(name: "coupé.pdf", data: UploadKit.truncatedPDF)]
        guard case .failure(let refusal) = StoredFiles.check(files, max: 5, limit: 10_000) else {
            Issue.record("three bad files accepted"); return
        }
        #expect(refusal.messages.count == 3)
        #expect(refusal.messages[0] == "« photo.png » est un PDF, pas une image PNG : renommez-le ou choisissez le bon fichier.")
        #expect(refusal.messages[1].hasPrefix("« rapport.pdf » n'est ni un PDF"))
        #expect(refusal.messages[2] == "« coupé.pdf » est un PDF incomplet ou abîmé : enregistrez-le à nouveau puis réessayez.")
        let good = try StoredFiles.check([files[0], UploadedFile(name: "Image été.PNG", data: UploadKit.png)], max: 5, limit: 10_000).get()
        #expect(good.map(\.kind) == [.pdf, .png])
        #expect(good.map(\.name) == ["guide.pdf", "Image été.PNG"])
    }

    @Test("check: too many files, too large, a name with a control character")
    func checkLimits() {
        let six = (1...6).map { UploadedFile(name: "f\($0).pdf", data: UploadKit.pdf()) }
        #expect(StoredFiles.check(six, max: 5, limit: 10_000) == .failure(UploadRefusal(messages: ["5 fichiers au plus : retirez-en 1."])))
        guard case .failure(let big) = StoredFiles.check([UploadedFile(name: "gros.pdf", data: UploadKit.pdf())], max: 1, limit: 100) else {
            Issue.record("a file over the limit accepted"); return
        }
        #expect(big.message == "« gros.pdf » dépasse 100 octets, la taille maximale : réduisez-le ou choisissez un autre fichier.")
        // A path or a control character in the name: refused, named by its safe part.
        for name in ["../../etc/contrat.pdf", "..\\..\\contrat.pdf", "con\u{0}trat.pdf", "contrat\r\n.pdf"] {
            #expect(StoredFiles.check([UploadedFile(name: name, data: UploadKit.pdf())], max: 1, limit: 10_000)
                == .failure(UploadRefusal(messages: ["Le nom du fichier « contrat.pdf » contient un chemin ou des caractères de contrôle : renommez le fichier puis réessayez."])),
                "\(name)")
        }
        guard case .failure(let unnamed) = StoredFiles.check([UploadedFile(name: "\u{0}\u{1}", data: UploadKit.pdf())], max: 1, limit: 10_000) else {
            Issue.record("a file without a usable name accepted"); return
        }
        #expect(unnamed.message.contains("Le nom du fichier n'est pas utilisable"))
    }

    @Test("an empty file input (no name, no bytes) is not a file; a named empty file is refused")
    func emptyInput() {
        #expect(UploadedFile(File(data: ByteBuffer(), filename: "")) == nil)
        let named = UploadedFile(File(data: ByteBuffer(), filename: "vide.pdf"))
        #expect(named?.name == "vide.pdf")
        #expect(StoredFiles.check([named!], max: 1, limit: 100) == .failure(UploadRefusal(messages: ["« vide.pdf » est vide : choisissez un autre fichier."])))
    }

    @Test("put stores each file under a new opaque key with its size and SHA-256; all or none")
    func putAllOrNone() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let checked = try StoredFiles.check([UploadedFile(name: "a.pdf", data: UploadKit.pdf("a")),
                                             UploadedFile(name: "b.png", data: UploadKit.png),
                                             UploadedFile(name: "c.pdf", data: UploadKit.pdf("c"))], max: 5, limit: 10_000).get()
        // A failure at the third file deletes the first two.
        #expect(throws: CocoaError.self) { try StoredFiles.put(checked, into: FailingStore(dir, failAt: 3)) }
        #expect(entries(dir).isEmpty)
        // Then a store that works keeps all three.
        let store = DirectoryFileStore(directory: dir)
        let stored = try StoredFiles.put(checked, into: store)
        #expect(stored.count == 3 && Set(stored.map(\.key)).count == 3)
        #expect(entries(dir) == stored.map(\.key.value).sorted())
        #expect(stored[1].contentType == "image/png" && stored[1].size == UploadKit.png.count && stored[1].name == "b.png")
        // SHA-256 of the bytes, lowercase hex (the empty input's known digest checks the encoding).
        #expect(StoredFiles.sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(stored[0].sha256 == StoredFiles.sha256Hex(UploadKit.pdf("a")))
        #expect(try store.get(stored[2].key) == UploadKit.pdf("c"))
        StoredFiles.discard(stored, from: store)
        #expect(entries(dir).isEmpty)
    }

    @Test("the directory store writes through a hidden temporary file renamed in place, and leaves none behind")
    func atomicWrite() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = DirectoryFileStore(directory: dir)
        let key = FileKey.make()
        try store.put(Data("one".utf8), key: key)
        try store.put(Data("two".utf8), key: key)  // replaced whole
        #expect(try store.get(key) == Data("two".utf8))
        #expect(entries(dir) == [key.value])
        // A key can never name a path: the temporary names (`.tmp-…`) and `..` are not keys.
        #expect(FileKey("../etc/passwd") == nil && FileKey(".tmp-x") == nil && FileKey("a/b") == nil)
        // A write that cannot happen (the target is a directory) leaves no temporary file.
        let blocked = FileKey.make()
        try FileManager.default.createDirectory(atPath: dir + "/" + blocked.value + "/x", withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try store.put(Data("three".utf8), key: blocked) }
        #expect(entries(dir).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test("downloads: attachment with an ASCII fallback and the UTF-8 name, nosniff, no cache, the stored type")
    func downloadHeaders() {
        let res = FileDownload.response(data: Data("x".utf8), name: "Modèle \"œuvre\" 2026.pdf", contentType: "application/pdf")
        #expect(res.headers.first(name: .contentType) == "application/pdf")
        #expect(res.headers.first(name: .contentDisposition)
            == "attachment; filename=\"Modele _oeuvre_ 2026.pdf\"; filename*=UTF-8''Mod%C3%A8le%20_%C5%93uvre_%202026.pdf")
        #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
        #expect(res.headers.first(name: .cacheControl) == "private, no-store")
        // A name with a path and control characters keeps only its safe base name.
        #expect(FileDownload.contentDisposition("../../etc/pa\u{0}sswd\r\n.pdf")
            == "attachment; filename=\"passwd.pdf\"; filename*=UTF-8''passwd.pdf")
    }
}
