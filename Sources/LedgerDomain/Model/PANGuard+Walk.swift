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

    static func find(inObject object: Int, of document: JSONDocument, exempt: [OwnFormatField]) -> Hit? {
        for (offset, member) in document.children(object).enumerated() {
            var segment: Hit.Segment { .member(key: document.key(member), position: offset + 1) }
            if document.withKeyUTF8(member, isForbiddenFieldName(utf8:)) { return Hit(kind: .forbiddenFieldName, segments: [segment]) }
            if document.withKeyUTF8(member, PANDetector.containsCardNumber(utf8:)) { return Hit(kind: .key, segments: [segment]) }
            if !exempt.isEmpty, document.kind(member) == .string,
               exempt.contains(where: { document.key(member, is: $0.key) && $0.hasShape(document.string(member)) }) {
                continue
            }
            if var hit = find(member, of: document) {
                hit.segments.append(segment)
                return hit
            }
        }
        return nil
    }

    static func find(_ node: Int, of document: JSONDocument) -> Hit? {
        switch document.kind(node) {
        case .string, .number:
            return document.withUTF8(node, PANDetector.containsCardNumber(utf8:)) ? Hit(kind: .value, segments: []) : nil
        case .object:
            return find(inObject: node, of: document, exempt: [])
        case .array:
            for (index, element) in document.children(node).enumerated() {
                if var hit = find(element, of: document) {
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
