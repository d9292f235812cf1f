import ArgumentParser
import TradeLedgerKit

// The values the CLI parses by their cases: ArgumentParser refuses any other, naming the valid
// ones (TradeLedgerKit does not depend on ArgumentParser, so the conformances live here).

extension ProjectionService.Name: ExpressibleByArgument {}

extension ProjectionService.InvoiceStatus: ExpressibleByArgument {}
