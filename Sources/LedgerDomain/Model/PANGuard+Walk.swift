/// The walk over a command's JSON: keys and values in document order, the first hit wins.
extension PANGuard {
    /// Where something was found; the path is collected on the way back up (innermost first), so
    /// nothing is allocated while the command is clean.
    struct Hit {
        enum Kind { case value, key, forbiddenFieldName }
        enum Segment {
            case member(key: String, position: Int)
            case index(Int)
        }
        var kind: Kind
        var segments: [Segment]
    }

    static func find(inObject members: [JSONMember], exempt: [OwnFormatField]) -> Hit? {
        for (offset, member) in members.enumerated() {
            let segment = Hit.Segment.member(key: member.key, position: offset + 1)
            if isForbiddenFieldName(member.key) { return Hit(kind: .forbiddenFieldName, segments: [segment]) }
            if PANDetector.containsCardNumber(member.key) { return Hit(kind: .key, segments: [segment]) }
            if !exempt.isEmpty, case .string(let text) = member.value,
               exempt.contains(where: { $0.key == member.key && $0.hasShape(text) }) {
                continue
            }
            if var hit = find(in: member.value) {
                hit.segments.append(segment)
                return hit
            }
        }
        return nil
    }

    static func find(in value: JSONValue) -> Hit? {
        switch value {
        case .string(let text):
            return PANDetector.containsCardNumber(text) ? Hit(kind: .value, segments: []) : nil
        case .number(let number):
            return PANDetector.containsCardNumber(number.text) ? Hit(kind: .value, segments: []) : nil
        case .object(let members):
            return find(inObject: members, exempt: [])
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if var hit = find(in: element) {
                    hit.segments.append(.index(index))
                    return hit
                }
            }
            return nil
        case .null, .bool:
            return nil
        }
    }
}

extension PANGuard.Hit {
    /// The path of the object holding the innermost segment, and that segment's own text.
    func rejection() -> CommandRejection {
        var parent = ""
        for segment in segments.reversed().dropLast() { parent = Self.append(segment, to: parent) }
        let field: String
        let message: String
        switch (kind, segments.first) {
        case (.key, .member(_, let position)?):
            field = FieldPath.appending(FieldPath.withheldKey(position: position), to: parent)
            message = "\(FieldPath.describeWithheldKey(position: position, in: parent)) looks like a card number; "
                + "card numbers must never be sent to the ledger: bind the card as a network token (BindCard) instead"
        case (.forbiddenFieldName, let last?):
            field = Self.append(last, to: parent)
            message = "\(field): card numbers must not be sent to the ledger; bind the card as a network token (BindCard) instead"
        default:
            field = segments.first.map { Self.append($0, to: parent) } ?? parent
            message = "\(field) looks like it holds a card number (13–19 digits with a card network's prefix "
                + "that pass the Luhn check); remove it: card numbers must never be sent to the ledger"
        }
        return CommandRejection(code: CommandRejection.panDetected, field: field, message: message)
    }

    static func append(_ segment: Segment, to path: String) -> String {
        switch segment {
        case .member(let key, let position): return FieldPath.appending(FieldPath.segment(key: key, position: position), to: path)
        case .index(let index): return path + "[\(index)]"
        }
    }
}
