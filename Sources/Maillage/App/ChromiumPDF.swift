import Foundation

/// Headless Chromium as a PDF printer: `chromium --headless=new --print-to-pdf=… file://…`,
/// run as a child process (Foundation `Process`, awaited without holding an event loop) with
/// a timeout, in a throwaway profile so that runs never share state.
struct ChromiumPDF: Sendable {
    let path: String
    var timeout: Duration = .seconds(60)

    init(config: AppConfig) { path = config.chromiumPath }

    var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    enum Failure: Error, CustomStringConvertible {
        case timedOut, exited(Int32), notAPDF

        var description: String {
            switch self {
            case .timedOut: "Chromium n'a pas fini dans le délai imparti"
            case .exited(let status): "Chromium s'est arrêté avec le code \(status)"
            case .notAPDF: "Chromium n'a pas produit de PDF"
            }
        }
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("maillage-pdf-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return dir
    }

    /// Prints the HTML file `html` to a PDF in `directory` and returns its bytes.
    func print(_ html: URL, into directory: URL) async throws -> Data {
        let output = directory.appendingPathComponent("rapport.pdf")
        let status = try await run([
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-extensions", "--disable-background-networking", "--no-pdf-header-footer",
            "--user-data-dir=" + directory.appendingPathComponent("profile").path,
            "--print-to-pdf=" + output.path, html.absoluteString,
        ])
        guard status == 0 else { throw Failure.exited(status) }
        let bytes = try Data(contentsOf: output)
        guard bytes.starts(with: Data("%PDF".utf8)) else { throw Failure.notAPDF }
        return bytes
    }

    /// Runs Chromium and waits for it to exit, killing it after `timeout`.
    private func run(_ arguments: [String]) async throws -> Int32 {
        let process = ProcessBox(path: path, arguments: arguments)
        let watchdog = Task { [timeout] in
            try await Task.sleep(for: timeout)
            process.stop()
        }
        defer { watchdog.cancel() }
        let status = try await process.run()
        if process.wasStopped { throw Failure.timedOut }
        return status
    }
}

/// One child process, shared between its waiter and its watchdog.
private final class ProcessBox: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var stopped = false

    init(path: String, arguments: [String]) {
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
    }

    var wasStopped: Bool { lock.withLock { stopped } }

    func run() async throws -> Int32 {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { done.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                done.resume(throwing: error)
            }
        }
    }

    func stop() {
        lock.withLock {
            guard process.isRunning else { return }
            stopped = true
            process.terminate()
        }
    }
}
