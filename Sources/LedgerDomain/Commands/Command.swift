/// Every command of DOMAIN.md's table, one case each.
public enum Command: Sendable, Hashable {
    case registerParty(RegisterParty)
    case bindCard(BindCard)
    case launchSubsidyProgram(LaunchSubsidyProgram)
    case recordFxRate(RecordFxRate)
    case issueInvoice(IssueInvoice)
    case captureCardPayment(CaptureCardPayment)
    case recordBankTransfer(RecordBankTransfer)
    case refundCardPayment(RefundCardPayment)
    case issueCreditNote(IssueCreditNote)
    case resolveException(ResolveException)
    case holdPayouts(HoldPayouts)
    case releasePayouts(ReleasePayouts)
    case recordPayoutReturned(RecordPayoutReturned)

    /// The `"type"` of the command's JSON form, e.g. "CaptureCardPayment".
    public var typeName: String {
        switch self {
        case .registerParty: return RegisterParty.typeName
        case .bindCard: return BindCard.typeName
        case .launchSubsidyProgram: return LaunchSubsidyProgram.typeName
        case .recordFxRate: return RecordFxRate.typeName
        case .issueInvoice: return IssueInvoice.typeName
        case .captureCardPayment: return CaptureCardPayment.typeName
        case .recordBankTransfer: return RecordBankTransfer.typeName
        case .refundCardPayment: return RefundCardPayment.typeName
        case .issueCreditNote: return IssueCreditNote.typeName
        case .resolveException: return ResolveException.typeName
        case .holdPayouts: return HoldPayouts.typeName
        case .releasePayouts: return ReleasePayouts.typeName
        case .recordPayoutReturned: return RecordPayoutReturned.typeName
        }
    }

    static let typeNames: [String] = [
        RegisterParty.typeName, BindCard.typeName, LaunchSubsidyProgram.typeName, RecordFxRate.typeName,
        IssueInvoice.typeName, CaptureCardPayment.typeName, RecordBankTransfer.typeName,
        RefundCardPayment.typeName, IssueCreditNote.typeName, ResolveException.typeName,
        HoldPayouts.typeName, ReleasePayouts.typeName, RecordPayoutReturned.typeName,
    ]

    static func read(typeName: String, from reader: inout FieldReader) throws(FieldProblem) -> Command? {
        switch typeName {
        case RegisterParty.typeName: return .registerParty(try RegisterParty(from: &reader))
        case BindCard.typeName: return .bindCard(try BindCard(from: &reader))
        case LaunchSubsidyProgram.typeName: return .launchSubsidyProgram(try LaunchSubsidyProgram(from: &reader))
        case RecordFxRate.typeName: return .recordFxRate(try RecordFxRate(from: &reader))
        case IssueInvoice.typeName: return .issueInvoice(try IssueInvoice(from: &reader))
        case CaptureCardPayment.typeName: return .captureCardPayment(try CaptureCardPayment(from: &reader))
        case RecordBankTransfer.typeName: return .recordBankTransfer(try RecordBankTransfer(from: &reader))
        case RefundCardPayment.typeName: return .refundCardPayment(try RefundCardPayment(from: &reader))
        case IssueCreditNote.typeName: return .issueCreditNote(try IssueCreditNote(from: &reader))
        case ResolveException.typeName: return .resolveException(try ResolveException(from: &reader))
        case HoldPayouts.typeName: return .holdPayouts(try HoldPayouts(from: &reader))
        case ReleasePayouts.typeName: return .releasePayouts(try ReleasePayouts(from: &reader))
        case RecordPayoutReturned.typeName: return .recordPayoutReturned(try RecordPayoutReturned(from: &reader))
        default: return nil
        }
    }

    /// The command's own fields (not type, commandId, at). A BindCard's token is given as its
    /// tokenRef (`tokenRef` must be non-nil for BindCard).
    func addMembers(to builder: inout JSONObjectBuilder, tokenRef: String?) {
        switch self {
        case .registerParty(let command): command.addMembers(to: &builder)
        case .bindCard(let command):
            guard let tokenRef else { preconditionFailure("BindCard needs its tokenRef to be encoded") }
            command.addMembers(to: &builder, tokenRef: tokenRef)
        case .launchSubsidyProgram(let command): command.addMembers(to: &builder)
        case .recordFxRate(let command): command.addMembers(to: &builder)
        case .issueInvoice(let command): command.addMembers(to: &builder)
        case .captureCardPayment(let command): command.addMembers(to: &builder)
        case .recordBankTransfer(let command): command.addMembers(to: &builder)
        case .refundCardPayment(let command): command.addMembers(to: &builder)
        case .issueCreditNote(let command): command.addMembers(to: &builder)
        case .resolveException(let command): command.addMembers(to: &builder)
        case .holdPayouts(let command): command.addMembers(to: &builder)
        case .releasePayouts(let command): command.addMembers(to: &builder)
        case .recordPayoutReturned(let command): command.addMembers(to: &builder)
        }
    }
}
