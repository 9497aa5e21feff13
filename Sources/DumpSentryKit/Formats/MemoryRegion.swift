/// What a dump says about one range of the crashed process's address space: its kind, the file
/// or module it maps (basename), and its protection (`rw-`).
struct MemoryRegion: Sendable, Hashable {
    var kind: DumpLocation.Region
    var name: String?
    var protection: String?

    /// The kind of anonymous memory with this protection. Writable anonymous memory is reported
    /// as `heap` because that is where malloc'd data lives (brk heap, mmap'd arenas, Windows
    /// private commits); thread stacks are recognised before this is consulted. Everything else
    /// anonymous (guard pages, read-only or executable private memory) is `private`.
    static func anonymousKind(protection: String?) -> DumpLocation.Region {
        guard let protection, protection.utf8.count >= 2 else { return .private }
        return protection.utf8.dropFirst().first == UInt8(ascii: "w") ? .heap : .private
    }

    /// `rwx`-style protection from three flags.
    static func protection(read: Bool, write: Bool, execute: Bool) -> String {
        (read ? "r" : "-") + (write ? "w" : "-") + (execute ? "x" : "-")
    }
}
