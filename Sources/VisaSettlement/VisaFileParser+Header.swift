extension VisaFileParser {
    /// TC 90. The processing date's century is taken as 20YY.
    mutating func decodeHeader(_ fields: inout VisaFieldReader) {
        let bin = fields.digits(3, 8, "processingBIN")
        var date = Self.fallbackProcessingDate
        if let yyddd = fields.number(9, 13, "processingDate") {
            if let parsed = VisaDate(year: 2000 + Int(yyddd / 1000), dayOfYear: Int(yyddd % 1000)) {
                date = parsed
            } else {
                fields.fail(9, 13, "processingDate", "a date YYDDD")
            }
        }
        let isTest = fields.matches(30, "TEST")
        if !isTest, !fields.matches(30, "    ") {
            fields.fail(30, 33, "testIndicator", "\"TEST\" or blank")
        }
        let fileId = fields.digits(77, 79, "fileId")
        guard fields.ok else { return }
        let header = VisaHeader(record: fields.record, processingBIN: bin, processingDate: date, isTest: isTest,
                                fileId: fileId)
        self.header = header
        reference = date
        visitor.visit(header: header)
    }
}
