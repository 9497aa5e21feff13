/// Where a file offset lay in the crashed process, as far as the dump's layout tells.
public struct DumpLocation: Sendable, Hashable, Codable {
    /// The kind of memory region.
    public enum Region: String, Sendable, Codable {
        case stack, module, heap, `private`, mapped, image, unknown
    }

    public var virtualAddress: UInt64?
    public var region: Region
    /// Module (or mapped file) the address lies in.
    public var module: String?
    /// Thread whose stack holds the address.
    public var threadID: UInt64?
    /// Memory protection, e.g. `rw-`, when the dump records it.
    public var protection: String?

    public init(virtualAddress: UInt64?, region: Region, module: String? = nil,
                threadID: UInt64? = nil, protection: String? = nil) {
        self.virtualAddress = virtualAddress
        self.region = region
        self.module = module
        self.threadID = threadID
        self.protection = protection
    }
}
