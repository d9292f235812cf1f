/// The errors of one read, capped at `VisaLimits.errorsMax`.
struct VisaErrorLog {
    private(set) var errors: [VisaFileError] = []
    private(set) var limitReached = false

    var isEmpty: Bool { errors.isEmpty }

    mutating func add(_ error: VisaFileError) {
        guard errors.count < VisaLimits.errorsMax else { limitReached = true; return }
        errors.append(error)
        if errors.count == VisaLimits.errorsMax { limitReached = true }
    }

    mutating func add(contentsOf more: [VisaFileError]) {
        for error in more { add(error) }
    }

    mutating func add(record: Int, positions: String, field: String, message: String) {
        add(VisaFileError(record: record, positions: positions, field: field, message: message))
    }
}
