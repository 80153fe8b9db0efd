import NIOCore

/// A server reply: its code and its text lines (`250-a`, `250 b` → 250, ["a", "b"]).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let lines: [String]

    public var isPositive: Bool { (200..<400).contains(code) }
    /// The answer as the server wrote it, lines joined: what the outbox page shows.
    public var description: String { lines.map { "\(code) \($0)" }.joined(separator: " / ") }

    /// EHLO keywords (`STARTTLS`, `AUTH PLAIN LOGIN`), upper-cased.
    public var extensions: [String] { lines.dropFirst().map { $0.uppercased() } }

    func offers(_ keyword: String) -> Bool {
        extensions.contains { $0 == keyword || $0.hasPrefix(keyword + " ") }
    }

    /// The mechanisms listed after `AUTH`.
    var authMechanisms: [String] {
        extensions.filter { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }.flatMap { $0.dropFirst(5).split(separator: " ").map(String.init) }
    }
}

/// Groups reply lines into replies, bounded: at most `maxLines` lines per reply.
struct SMTPReplyParser {
    let maxLines: Int
    private var code: Int?
    private var lines: [String] = []

    init(maxLines: Int = 100) { self.maxLines = maxLines }

    /// A complete reply when `line` is its last line, nil when more lines follow.
    mutating func feed(_ line: String) throws(SMTPError) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (48...57).contains($0) }), let code = Int(String(line.prefix(3))),
              (200...599).contains(code), bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
        else { throw .transient("réponse du serveur SMTP illisible : « \(line.prefix(100)) »") }
        if let current = self.code, current != code { throw .transient("réponse du serveur SMTP incohérente : « \(line.prefix(100)) »") }
        self.code = code
        lines.append(bytes.count > 4 ? String(line.dropFirst(4)) : "")
        guard lines.count <= maxLines else { throw .transient("réponse du serveur SMTP trop longue") }
        if bytes.count > 3 && bytes[3] == UInt8(ascii: "-") { return nil }
        defer { self.code = nil; lines = [] }
        return SMTPReply(code: code, lines: lines)
    }
}

/// Bytes → replies: lines ended by LF (CR dropped), each at most `maxLineLength` bytes.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    var maxLineLength = 2048
    var parser = SMTPReplyParser()

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maxLineLength { throw SMTPError.transient("ligne de réponse du serveur SMTP trop longue") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        if length > maxLineLength { throw SMTPError.transient("ligne de réponse du serveur SMTP trop longue") }
        var bytes = buffer.readBytes(length: length)!
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        if let reply = try parser.feed(String(decoding: bytes, as: UTF8.self)) {
            context.fireChannelRead(wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
