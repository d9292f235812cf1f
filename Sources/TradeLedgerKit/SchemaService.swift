import EventStore
import LibPQ

/// `tradeledger db migrate` / `db status`.
public struct SchemaService {
    public let config: DatabaseConfig
    public let schemaDirectory: String

    public init(config: DatabaseConfig, schemaDirectory: String = Migrator.defaultDirectory()) {
        self.config = config
        self.schemaDirectory = schemaDirectory
    }

    public func migrate() throws -> [String] {
        let migrator = try Migrator(directory: schemaDirectory)
        let c = try config.connect()
        return try migrator.migrate(c)
    }

    public func status() throws -> [Migrator.Status] {
        let migrator = try Migrator(directory: schemaDirectory)
        return try migrator.status(try config.connect())
    }
}

extension SchemaService {
    public static var defaultDirectory: String { Migrator.defaultDirectory() }
}
