/// Why a message did not leave. `transient`: try again later (4xx, connection, timeout, TLS);
/// `permanent`: the server refused it for good (5xx), with its answer.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    case transient(String)
    case permanent(code: Int, String)

    public var description: String {
        switch self {
        case .transient(let s): s
        case .permanent(_, let s): s
        }
    }

    /// The class of a negative reply: 5xx permanent, anything else transient.
    static func from(_ reply: SMTPReply, during step: String) -> SMTPError {
        (500...599).contains(reply.code) ? .permanent(code: reply.code, reply.description)
                                         : .transient("\(step) : \(reply.description)")
    }
}
