#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import NIOConcurrencyHelpers
import Vapor

/// How log lines are written: Vapor's console lines (default) or, with `LOG_FORMAT=json`, one
/// JSON object per line on stderr for a log collector (journald, Loki, Elasticsearch…).
enum LogFormat: String, Sendable {
    case console, json

    static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> LogFormat {
        env["LOG_FORMAT"].flatMap { LogFormat(rawValue: $0.lowercased()) } ?? .console
    }
}

/// One JSON object per line: `time` (ISO 8601, UTC, milliseconds), `level`, `label`, `message`,
/// then the metadata flattened at the top level (`request-id`, …; nested values as
/// `parent.child`; a key that would hide one of the fixed ones is written `meta.<key>`), then
/// `source`, `file` and `line`.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private let write: @Sendable (String) -> Void

    static let fixedKeys: Set<String> = ["time", "level", "label", "message", "source", "file", "line"]

    init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil,
         write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
             source: String, file: String, function: String, line: UInt) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit { merged.merge(explicit) { _, new in new } }
        write(Self.line(time: Date(), level: level, label: label, message: message.description,
                        metadata: merged, source: source, file: file, line: line))
    }

    /// The JSON text of one entry, without its newline.
    static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
                     source: String, file: String, line: UInt) -> String {
        var out = "{"
        func field(_ key: String, _ rawJSON: String) {
            if out.count > 1 { out += "," }
            out += quoted(key) + ":" + rawJSON
        }
        field("time", quoted(timestamp(time)))
        field("level", quoted(level.rawValue))
        field("label", quoted(label))
        field("message", quoted(message))
        var flat: [(String, String)] = []
        flatten(metadata, prefix: "", into: &flat)
        for (key, value) in flat.sorted(by: { $0.0 < $1.0 }) {
            field(fixedKeys.contains(key) ? "meta." + key : key, value)
        }
        field("source", quoted(source))
        field("file", quoted(file))
        field("line", String(line))
        return out + "}"
    }

    private static func flatten(_ metadata: Logger.Metadata, prefix: String, into out: inout [(String, String)]) {
        for (key, value) in metadata {
            let name = prefix + key
            switch value {
            case .string(let s): out.append((name, quoted(s)))
            case .stringConvertible(let c): out.append((name, number(c) ?? quoted(c.description)))
            case .dictionary(let d): flatten(d, prefix: name + ".", into: &out)
            case .array(let a): out.append((name, "[" + a.map { quoted($0.description) }.joined(separator: ",") + "]"))
            }
        }
    }

    /// Integers, finite doubles and booleans stay JSON numbers and booleans.
    private static func number(_ value: any CustomStringConvertible & Sendable) -> String? {
        switch value {
        case is Int, is Int64, is Int32, is UInt, is UInt64, is UInt32, is Bool: value.description
        case let d as Double where d.isFinite: value.description
        default: nil
        }
    }

    /// `2026-12-06T04:03:41.123Z`.
    static func timestamp(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        let millis = min(999, Int(((interval - interval.rounded(.down)) * 1000).rounded(.down)))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: Int32, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Whole lines under a lock: lines from many threads never interleave.
    @Sendable static func standardError(_ line: String) {
        let data = Data((line + "\n").utf8)
        stderrLock.withLock { FileHandle.standardError.write(data) }
    }

    private static let stderrLock = NIOLock()
}

enum Observability {
    /// Bootstraps logging once, before anything logs: the level from `--log` / `LOG_LEVEL`
    /// (Vapor's rules), the format from `LOG_FORMAT`.
    static func bootstrapLogging(from env: inout Environment, format: LogFormat = .fromEnvironment()) throws {
        switch format {
        case .console:
            try LoggingSystem.bootstrap(from: &env)
        case .json:
            try LoggingSystem.bootstrap(from: &env) { level in
                { label in JSONLogHandler(label: label, level: level) }
            }
        }
    }
}
