/// The address space a dump describes, as sorted range tables: which file bytes held which
/// virtual addresses, and what lay at each address. Built once per file; every lookup is a few
/// binary searches.
struct AddressSpace: Sendable {
    /// File offset range → virtual address of the range's origin (`RangeTable.Entry.origin`).
    var memory = RangeTable<UInt64>()
    /// Virtual address range → id of the thread whose stack it is.
    var stacks = RangeTable<UInt64>()
    /// Virtual address range → module basename (nil when the dump's name for it was unreadable).
    var modules = RangeTable<String?>()
    /// Virtual address range → region kind, mapped file and protection.
    var regions = RangeTable<MemoryRegion>()

    /// Where `fileOffset` lay: nil unless a memory range covers it. Precedence, most specific
    /// first: a thread's stack, a module, then the region the dump's memory map records.
    func location(ofFileOffset fileOffset: UInt64) -> DumpLocation? {
        guard let range = memory.entry(containing: fileOffset),
              let address = range.value.addingChecked(fileOffset - range.origin)
        else { return nil }
        let region = regions.entry(containing: address)?.value
        var location = DumpLocation(virtualAddress: address, region: .unknown, protection: region?.protection)
        if let stack = stacks.entry(containing: address) {
            location.region = .stack
            location.threadID = stack.value
        } else if let module = modules.entry(containing: address) {
            location.region = .module
            location.module = module.value
        } else if let region {
            location.region = region.kind
            location.module = region.name
        }
        return location
    }
}
