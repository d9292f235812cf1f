public enum TradeLedgerVersion {
    public static let string = "0.1.0"
}
