import Fluent
import Foundation

/// An uploaded member file kept between its preview and its application.
final class ImportBatch: ImportBatchRecord, @unchecked Sendable {
    static let schema = "import_batches"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "filename") var filename: String
    @Field(key: "content") var content: String
    @OptionalField(key: "applied_at") var appliedAt: Date?

    init() {}
    init(userID: UUID?, filename: String, content: String) {
        self.userID = userID
        self.filename = filename
        self.content = content
    }
}
