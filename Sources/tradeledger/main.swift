import ArgumentParser
import TradeLedgerKit

TradeLedgerCommand.main()
