/// How a payment reached the platform.
public enum PaymentMethod: String, Sendable, Hashable {
    case card
    case bankTransfer = "bank_transfer"
}
