import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A small SMTP client (RFC 5321): one connection per message, STARTTLS or implicit TLS,
/// AUTH PLAIN (LOGIN when PLAIN is not offered) only over TLS, every read bounded in size and time.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    let eventLoopGroup: any EventLoopGroup

    public init(configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends `message` to every recipient, or throws `SMTPError` (a refusal of any recipient
    /// refuses the message: nothing is sent).
    public func send(_ message: MailMessage) async throws(SMTPError) {
        let connection: SMTPConnection
        do { connection = try await SMTPConnection.open(configuration, on: eventLoopGroup) }
        catch let e as SMTPError { throw e }
        catch { throw .transient("connexion au serveur SMTP \(configuration.host):\(configuration.port) impossible : \(Self.describe(error))") }
        do {
            try await conversation(message, connection)
            await connection.close()
        } catch {
            await connection.close()
            if let e = error as? SMTPError { throw e }
            // A write on a closed channel says less than what closed it (a TLS refusal, say).
            throw .transient("échange avec le serveur SMTP interrompu : \(Self.describe(connection.failure.error ?? error))")
        }
    }

    private func conversation(_ message: MailMessage, _ c: SMTPConnection) async throws {
        try await c.expect(c.reply(), 220, during: "accueil")
        var ehlo = try await c.expect(c.command("EHLO \(configuration.heloName)"), 250, during: "EHLO")
        if configuration.security == .startTLS {
            guard ehlo.offers("STARTTLS") else {
                throw SMTPError.transient("le serveur SMTP ne propose pas STARTTLS : envoi refusé sans chiffrement (utilisez smtps:// si le serveur chiffre d'emblée)")
            }
            try await c.expect(c.command("STARTTLS"), 220, during: "STARTTLS")
            try await c.startTLS()
            ehlo = try await c.expect(c.command("EHLO \(configuration.heloName)"), 250, during: "EHLO")
        }
        if let user = configuration.username {
            try await authenticate(user, configuration.password ?? "", offered: ehlo.authMechanisms, c)
        }
        try await c.expect(c.command("MAIL FROM:<\(message.from.address)>"), 250, during: "MAIL FROM")
        for to in message.to {
            try await c.expect(c.command("RCPT TO:<\(to.address)>"), 250, 251, during: "RCPT TO")
        }
        try await c.expect(c.command("DATA"), 354, during: "DATA")
        try await c.expect(c.write(Self.dotStuffed(message.rendered()) + Array(".\r\n".utf8)), 250, during: "fin du message")
        _ = try? await c.command("QUIT")
    }

    private func authenticate(_ user: String, _ password: String, offered: [String], _ c: SMTPConnection) async throws {
        guard c.isEncrypted else { throw SMTPError.transient("identifiants refusés sans chiffrement") }
        if offered.contains("PLAIN") || !offered.contains("LOGIN") {
            let token = Data(([0] + Array(user.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            try await c.expect(c.command("AUTH PLAIN \(token)", secret: true), 235, during: "authentification")
        } else {
            try await c.expect(c.command("AUTH LOGIN"), 334, during: "authentification")
            try await c.expect(c.command(Data(user.utf8).base64EncodedString(), secret: true), 334, during: "authentification")
            try await c.expect(c.command(Data(password.utf8).base64EncodedString(), secret: true), 235, during: "authentification")
        }
    }

    /// The DATA payload: CRLF line ends, a `.` doubled at the start of a line, a final CRLF.
    static func dotStuffed(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var atLineStart = true
        for (i, b) in bytes.enumerated() {
            if b == UInt8(ascii: "\n") && (i == 0 || bytes[i - 1] != UInt8(ascii: "\r")) { out.append(UInt8(ascii: "\r")) }
            if atLineStart && b == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            out.append(b)
            atLineStart = b == UInt8(ascii: "\n")
        }
        if !atLineStart { out += [13, 10] }
        return out
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? NIOSSLError { return "TLS : \(e)" }
        if let e = error as? BoringSSLError { return "TLS : \(e)" }
        if error is ChannelError { return "\(error)" }
        return String(describing: error)
    }
}

/// One open connection: writes commands, reads replies with a timeout.
final class SMTPConnection: @unchecked Sendable {
    // @unchecked: used by one task at a time (the conversation), the channel and stream are Sendable.
    let channel: any Channel
    let configuration: SMTPConfiguration
    private var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    private let timedOut = Flag()
    /// The first error the pipeline saw (TLS handshake, decoding).
    let failure: ErrorBox
    private(set) var isEncrypted: Bool

    private init(channel: any Channel, configuration: SMTPConfiguration, replies: AsyncThrowingStream<SMTPReply, any Error>, encrypted: Bool,
                 failure: ErrorBox) {
        self.failure = failure
        self.channel = channel
        self.configuration = configuration
        self.replies = replies.makeAsyncIterator()
        isEncrypted = encrypted
    }

    static func open(_ config: SMTPConfiguration, on group: any EventLoopGroup) async throws -> SMTPConnection {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: SMTPReply.self, throwing: (any Error).self,
                                                                    bufferingPolicy: .bufferingNewest(16))
        let tls = config.security == .implicitTLS ? try tlsContext(config) : nil
        let failure = ErrorBox()
        let host = config.host
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(Int64(config.connectTimeout * 1000)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(try Self.tlsHandler(tls, host: host)) }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try channel.pipeline.syncOperations.addHandler(ReplyForwarder(continuation, failure: failure))
                }
            }
            .connect(host: config.host, port: config.port).get()
        return SMTPConnection(channel: channel, configuration: config, replies: stream, encrypted: tls != nil, failure: failure)
    }

    static func tlsContext(_ config: SMTPConfiguration) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let ca = config.caFile { tls.additionalTrustRoots = [.file(ca)] }
        return try NIOSSLContext(configuration: tls)
    }

    /// SNI and name check on a host name; an IP address is checked against the certificate's IP entries.
    static func tlsHandler(_ context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        let isIP = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isIP ? nil : host)
    }

    /// After the server's 220 to STARTTLS: TLS first in the pipeline, then the next reply is encrypted.
    func startTLS() async throws {
        let context = try Self.tlsContext(configuration)
        let host = configuration.host
        let channel = self.channel
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(try Self.tlsHandler(context, host: host), position: .first)
        }.get()
        isEncrypted = true
    }

    func write(_ bytes: [UInt8]) async throws -> SMTPReply {
        try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
        return try await reply()
    }

    func command(_ line: String, secret: Bool = false) async throws -> SMTPReply {
        guard !line.contains("\r") && !line.contains("\n") else { throw SMTPError.transient("commande SMTP invalide") }
        return try await write(Array((line + "\r\n").utf8))
    }

    /// The next reply, or a transient error after `replyTimeout` (the connection is closed then).
    func reply() async throws -> SMTPReply {
        let channel = self.channel, flag = timedOut
        let timer = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(configuration.replyTimeout * 1000))) {
            flag.set()
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            if let reply = try await replies.next() { return reply }
        } catch let e as SMTPError { throw e }
        catch {
            if timedOut.isSet { throw SMTPError.transient("le serveur SMTP n'a pas répondu à temps") }
            throw SMTPError.transient("échange avec le serveur SMTP interrompu : \(SMTPClient.describe(error))")
        }
        if timedOut.isSet { throw SMTPError.transient("le serveur SMTP n'a pas répondu à temps") }
        throw SMTPError.transient("le serveur SMTP a fermé la connexion")
    }

    @discardableResult
    func expect(_ reply: SMTPReply, _ codes: Int..., during step: String) throws -> SMTPReply {
        guard codes.contains(reply.code) else { throw SMTPError.from(reply, during: step) }
        return reply
    }

    func close() async {
        try? await channel.close()
    }
}

/// Hands each reply to the waiting conversation; errors and the end of the connection end the stream.
final class ReplyForwarder: ChannelInboundHandler, Sendable {
    typealias InboundIn = SMTPReply
    let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    let failure: ErrorBox

    init(_ continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation, failure: ErrorBox) {
        self.continuation = continuation
        self.failure = failure
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failure.record(error)
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }
}

/// Set once by the reply timer, read by the conversation.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

/// The first error seen by the pipeline, kept for the message.
final class ErrorBox: Sendable {
    private let value = Mutex<(any Error)?>(nil)
    func record(_ error: any Error) { value.withLock { if $0 == nil { $0 = error } } }
    var error: (any Error)? { value.withLock { $0 } }
}
