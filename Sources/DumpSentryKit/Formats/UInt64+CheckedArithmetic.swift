/// Overflow-checked arithmetic for sizes and offsets read from hostile headers.
extension UInt64 {
    /// `self + other`, or nil on overflow: every header sum goes through this.
    func addingChecked(_ other: UInt64) -> UInt64? {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? nil : sum
    }

    /// `self * other`, or nil on overflow.
    func multipliedChecked(by other: UInt64) -> UInt64? {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? nil : product
    }
}
