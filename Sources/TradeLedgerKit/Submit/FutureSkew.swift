import Foundation

/// `submit`'s future skew: how far a command's `at` may lie ahead of the database clock.
/// `--future-skew-seconds`, else `TRADELEDGER_FUTURE_SKEW_SECONDS`, else 300 (5 minutes);
/// 0 to `SubmitService.futureSkewSecondsMax` (7 days). Errors never echo the value given.
public enum FutureSkew {
    public static let environmentVariable = "TRADELEDGER_FUTURE_SKEW_SECONDS"

    public static func resolve(option: Int64?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(AppError) -> Int64 {
        let range = 0...SubmitService.futureSkewSecondsMax
        if let option {
            guard range.contains(option) else { throw AppError.usage("--future-skew-seconds: expected whole seconds 0–\(range.upperBound)") }
            return option
        }
        guard let text = environment[environmentVariable], !text.isEmpty else { return SubmitService.futureSkewSecondsDefault }
        guard let value = Int64(text), range.contains(value) else {
            throw AppError.usage("\(environmentVariable): expected whole seconds 0–\(range.upperBound)")
        }
        return value
    }
}
