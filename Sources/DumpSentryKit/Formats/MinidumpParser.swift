/// Reads a minidump's header, stream directory and the streams that tell where memory lay, into
/// the candidate ranges of an `AddressSpace` and a set of facts.
///
/// Only the header and directory are essential: a broken stream is noted in `problems` and the
/// other streams are still read. Every count is capped by the bytes its stream holds and by
/// `RangeTable.maximumCount`; every offset and size is checked before it is read.
/// Structures follow Microsoft's `minidumpapiset.h` and Breakpad's `minidump_format.h`.
struct MinidumpParser {
    /// `MDMP` read as a little-endian `UInt32`.
    static let signature: UInt32 = 0x504d_444d
    /// Low 16 bits of `MINIDUMP_HEADER.Version`.
    static let version: UInt32 = 0xa793

    /// One entry of the stream directory, already clipped to the file.
    struct Stream {
        var type: UInt32
        var offset: UInt64
        var size: UInt64
    }

    /// A thread's stack as the thread list records it: where it lay and where its bytes are.
    private struct ThreadStack {
        var threadID: UInt64
        var address: UInt64
        var fileOffset: UInt64
        var size: UInt64
    }

    private let reader: ByteReader
    private(set) var problems = FormatProblems()
    private(set) var facts: [String: String] = [:]
    private var streams: [Stream] = []

    private var memory: [(range: Range<UInt64>, value: UInt64)] = []
    private var threadStacks: [ThreadStack] = []
    private var modules: [(range: Range<UInt64>, value: String?)] = []
    private var memoryInfo: [(range: Range<UInt64>, value: MemoryRegion)] = []
    private var linuxMaps: [(range: Range<UInt64>, value: MemoryRegion)] = []
    private var firstModuleName: String?
    /// Module-name bytes still to decode. Real lists hold well under a MiB of names; a hostile
    /// list of a million entries sharing one long name must not cost gigabytes of decoding.
    private var nameBudget: UInt64 = 16 << 20
    private var commandName: String?
    private var statusName: String?

    /// Reads the header and stream directory; throws if they are not a minidump's.
    init(_ reader: ByteReader) throws(FormatError) {
        self.reader = reader
        let signature = try reader.u32(at: 0, "minidump header")
        guard signature == Self.signature else {
            throw .invalid(structure: "minidump header", reason: "signature is not MDMP")
        }
        let version = try reader.u32(at: 4, "minidump header")
        if version & 0xffff != Self.version {
            problems.note(.invalid(structure: "minidump header", reason: "unknown version \(version & 0xffff)"))
        }
        let streamCount = UInt64(try reader.u32(at: 8, "minidump header"))
        let directoryOffset = UInt64(try reader.u32(at: 12, "minidump header"))
        _ = try reader.u32(at: 28, "minidump header")  // the header is 32 bytes; demand all of it
        guard streamCount > 0 else { return }
        let fitting = reader.available(from: directoryOffset) / 12
        guard fitting > 0 else {
            throw .outOfBounds(structure: "stream directory", offset: directoryOffset,
                               length: streamCount * 12)
        }
        if streamCount > fitting {
            problems.note(.truncated(structure: "stream directory", offset: directoryOffset))
        }
        // Writers emit a few dozen streams; a directory claiming millions would make parsing read
        // the whole file.
        let maximumStreams: UInt64 = 1 << 16
        if min(streamCount, fitting) > maximumStreams {
            problems.note(.tooMany(structure: "stream directory", count: min(streamCount, fitting)))
        }
        var seen = Set<UInt32>()
        for index in 0..<min(streamCount, fitting, maximumStreams) {
            let entry = directoryOffset + index * 12  // cannot overflow: it lies inside the file
            let type = try reader.u32(at: entry, "stream directory")
            let size = UInt64(try reader.u32(at: entry + 4, "stream directory"))
            let offset = UInt64(try reader.u32(at: entry + 8, "stream directory"))
            guard type != 0, size > 0 else { continue }  // UnusedStream
            guard seen.insert(type).inserted else {
                problems.note(.invalid(structure: "stream directory", reason: "stream type \(type) appears twice"))
                continue
            }
            guard offset < reader.count else {
                problems.note(.outOfBounds(structure: Self.streamName(type), offset: offset, length: size))
                continue
            }
            let available = reader.available(from: offset)
            if size > available {
                problems.note(.outOfBounds(structure: Self.streamName(type), offset: offset, length: size))
            }
            streams.append(Stream(type: type, offset: offset, size: min(size, available)))
        }
    }

    /// Reads every stream the layout uses and returns the built address space.
    mutating func parse() -> AddressSpace {
        for stream in streams {
            do throws(FormatError) {
                try parse(stream)
            } catch {
                problems.note(error)
            }
        }
        return buildAddressSpace()
    }

    // MARK: - Streams

    private mutating func parse(_ stream: Stream) throws(FormatError) {
        switch stream.type {
        case 3: try parseThreads(stream, entrySize: 48)
        case 4: try parseModules(stream)
        case 5: try parseMemoryList(stream)
        case 7: try parseSystemInfo(stream)
        case 8: try parseThreads(stream, entrySize: 64)
        case 9: try parseMemory64List(stream)
        case 15: try parseMiscInfo(stream)
        case 16: try parseMemoryInfoList(stream)
        case 0x4767_0004: parseLinuxProcStatus(stream)
        case 0x4767_0005: parseLinuxRelease(stream)
        case 0x4767_0006: parseLinuxCommandLine(stream)
        case 0x4767_0007: parseLinuxEnvironment(stream)
        case 0x4767_0009: parseLinuxMaps(stream)
        default: break
        }
    }

    /// How many fixed-size entries a list stream holds: its count, capped by the entries that fit
    /// after `headerSize` (notes a problem when the count claims more) and by `cap`.
    /// Some writers pad a 4-byte count to 8: `paddedHeaderSize` is tried when the sizes say so.
    private mutating func entryCount(_ stream: Stream, claimed: UInt64, headerSize: UInt64,
                                     paddedHeaderSize: UInt64? = nil, entrySize: UInt64,
                                     cap: Int) -> (count: UInt64, firstEntry: UInt64) {
        var header = headerSize
        if let padded = paddedHeaderSize, let body = claimed.multipliedChecked(by: entrySize),
           body.addingChecked(padded) == stream.size {
            header = padded
        }
        let body = stream.size > header ? stream.size - header : 0
        let fitting = body / entrySize
        var count = claimed
        if count > fitting {
            problems.note(.truncated(structure: Self.streamName(stream.type), offset: stream.offset + header))
            count = fitting
        }
        if count > UInt64(max(cap, 0)) {
            problems.note(.tooMany(structure: Self.streamName(stream.type), count: count))
            count = UInt64(max(cap, 0))
        }
        // stream.offset + header cannot overflow: the stream lies inside the file, header <= 16.
        return (count, stream.offset + header)
    }

    private mutating func parseMemoryList(_ stream: Stream) throws(FormatError) {
        let name = Self.streamName(stream.type)
        let claimed = UInt64(try reader.u32(at: stream.offset, name))
        let (count, first) = entryCount(stream, claimed: claimed, headerSize: 4, paddedHeaderSize: 8,
                                        entrySize: 16, cap: RangeTable<UInt64>.maximumCount - memory.count)
        for index in 0..<count {
            let entry = first + index * 16
            let address = try reader.u64(at: entry, name)
            let size = UInt64(try reader.u32(at: entry + 8, name))
            let fileOffset = UInt64(try reader.u32(at: entry + 12, name))
            addMemory(address: address, fileOffset: fileOffset, size: size, name)
        }
    }

    private mutating func parseMemory64List(_ stream: Stream) throws(FormatError) {
        let name = Self.streamName(stream.type)
        let claimed = try reader.u64(at: stream.offset, name)
        var fileOffset = try reader.u64(at: stream.offset + 8, name)
        let (count, first) = entryCount(stream, claimed: claimed, headerSize: 16, entrySize: 16,
                                        cap: RangeTable<UInt64>.maximumCount - memory.count)
        for index in 0..<count {
            // A truncated full dump ends mid-list: note it once, not once per missing range.
            guard fileOffset < reader.extent else {
                problems.note(.outOfBounds(structure: "\(name) range \(index)", offset: fileOffset, length: 0))
                return
            }
            let entry = first + index * 16
            let address = try reader.u64(at: entry, name)
            let size = try reader.u64(at: entry + 8, name)
            addMemory(address: address, fileOffset: fileOffset, size: size, name)
            guard let next = fileOffset.addingChecked(size) else {
                problems.note(.invalid(structure: name, reason: "range \(index) runs past 2^64"))
                return
            }
            fileOffset = next
        }
    }

    /// Records that file bytes `[fileOffset, fileOffset + size)` held `[address, address + size)`,
    /// clipped to the file.
    private mutating func addMemory(address: UInt64, fileOffset: UInt64, size: UInt64, _ name: String) {
        guard size > 0 else { return }
        guard memory.count < RangeTable<UInt64>.maximumCount else {
            problems.note(.tooMany(structure: name, count: UInt64(memory.count) + 1))
            return
        }
        let length = min(size, reader.extentAvailable(from: fileOffset))
        if length < size {
            problems.note(.outOfBounds(structure: name, offset: fileOffset, length: size))
        }
        guard length > 0 else { return }
        guard address.addingChecked(length) != nil else {
            problems.note(.invalid(structure: name, reason: "address range at \(HeaderText.hex(address)) runs past 2^64"))
            return
        }
        // fileOffset + length <= file size: length was clipped to what is available.
        memory.append((fileOffset..<(fileOffset + length), address))
    }

    private mutating func parseThreads(_ stream: Stream, entrySize: UInt64) throws(FormatError) {
        let name = Self.streamName(stream.type)
        let claimed = UInt64(try reader.u32(at: stream.offset, name))
        let (count, first) = entryCount(stream, claimed: claimed, headerSize: 4, paddedHeaderSize: 8,
                                        entrySize: entrySize,
                                        cap: RangeTable<UInt64>.maximumCount - threadStacks.count)
        for index in 0..<count {
            let entry = first + index * entrySize
            let threadID = UInt64(try reader.u32(at: entry, name))
            let address = try reader.u64(at: entry + 24, name)
            let size = UInt64(try reader.u32(at: entry + 32, name))
            let fileOffset = UInt64(try reader.u32(at: entry + 36, name))
            threadStacks.append(ThreadStack(threadID: threadID, address: address, fileOffset: fileOffset, size: size))
        }
        facts["threads"] = String(threadStacks.count)
    }

    private mutating func parseModules(_ stream: Stream) throws(FormatError) {
        let name = Self.streamName(stream.type)
        let claimed = UInt64(try reader.u32(at: stream.offset, name))
        let (count, first) = entryCount(stream, claimed: claimed, headerSize: 4, paddedHeaderSize: 8,
                                        entrySize: 108, cap: RangeTable<String?>.maximumCount - modules.count)
        for index in 0..<count {
            let entry = first + index * 108
            let base = try reader.u64(at: entry, name)
            let size = UInt64(try reader.u32(at: entry + 8, name))
            let nameOffset = UInt64(try reader.u32(at: entry + 20, name))
            var moduleName: String?
            if nameBudget > 0 {
                do throws(FormatError) {
                    moduleName = HeaderText.basename(try minidumpString(at: nameOffset, "module name"))
                } catch {
                    problems.note(error)
                }
                if nameBudget == 0 {
                    problems.note(.tooMany(structure: "module name bytes", count: 16 << 20))
                }
            }
            if index == 0 { firstModuleName = moduleName }
            guard let end = base.addingChecked(size) else {
                problems.note(.invalid(structure: name, reason: "module at \(HeaderText.hex(base)) runs past 2^64"))
                continue
            }
            modules.append((base..<end, moduleName))
        }
        facts["modules"] = String(modules.count)
    }

    private mutating func parseSystemInfo(_ stream: Stream) throws(FormatError) {
        let name = Self.streamName(stream.type)
        let architecture = try reader.u16(at: stream.offset, name)
        let processors = try reader.u8(at: stream.offset + 6, name)
        let major = try reader.u32(at: stream.offset + 8, name)
        let minor = try reader.u32(at: stream.offset + 12, name)
        let build = try reader.u32(at: stream.offset + 16, name)
        let platform = try reader.u32(at: stream.offset + 20, name)
        let servicePackOffset = UInt64(try reader.u32(at: stream.offset + 24, name))
        facts["cpu"] = Self.architectureName(architecture)
        facts["cpu.count"] = String(processors)
        facts["os"] = Self.platformName(platform)
        var version = "\(major).\(minor).\(build)"
        if servicePackOffset != 0 {
            do throws(FormatError) {
                let servicePack = try minidumpString(at: servicePackOffset, "SystemInfoStream CSDVersion")
                if !servicePack.isEmpty { version += " " + servicePack }
            } catch {
                problems.note(error)
            }
        }
        facts["os.version"] = version
    }

    private mutating func parseMiscInfo(_ stream: Stream) throws(FormatError) {
        let name = Self.streamName(stream.type)
        guard stream.size >= 12 else { return }
        let flags = try reader.u32(at: stream.offset + 4, name)
        if flags & 1 != 0 {  // MINIDUMP_MISC1_PROCESS_ID
            facts["pid"] = String(try reader.u32(at: stream.offset + 8, name))
        }
    }

    private mutating func parseMemoryInfoList(_ stream: Stream) throws(FormatError) {
        let name = Self.streamName(stream.type)
        let headerSize = UInt64(try reader.u32(at: stream.offset, name))
        let entrySize = UInt64(try reader.u32(at: stream.offset + 4, name))
        let claimed = try reader.u64(at: stream.offset + 8, name)
        guard headerSize >= 16, headerSize <= stream.size, entrySize >= 48 else {
            throw .invalid(structure: name, reason: "header size \(headerSize) or entry size \(entrySize) is impossible")
        }
        let fitting = (stream.size - headerSize) / entrySize
        var count = min(claimed, fitting)
        if claimed > fitting {
            problems.note(.truncated(structure: name, offset: stream.offset + headerSize))
        }
        let cap = UInt64(RangeTable<MemoryRegion>.maximumCount)
        if count > cap {
            problems.note(.tooMany(structure: name, count: count))
            count = cap
        }
        for index in 0..<count {
            let entry = stream.offset + headerSize + index * entrySize  // inside the stream
            let base = try reader.u64(at: entry, name)
            let size = try reader.u64(at: entry + 24, name)
            let state = try reader.u32(at: entry + 32, name)
            let protect = try reader.u32(at: entry + 36, name)
            let type = try reader.u32(at: entry + 40, name)
            // MEM_FREE and MEM_RESERVE regions hold no bytes, so nothing in the file lies there.
            guard state != 0x10000, state != 0x2000, let end = base.addingChecked(size) else { continue }
            let protection = Self.protection(windows: protect)
            let kind: DumpLocation.Region = switch type {
            case 0x100_0000: .image  // MEM_IMAGE
            case 0x4_0000: .mapped  // MEM_MAPPED
            case 0x2_0000: MemoryRegion.anonymousKind(protection: protection)  // MEM_PRIVATE
            default: .unknown
            }
            memoryInfo.append((base..<end, MemoryRegion(kind: kind, protection: protection)))
        }
    }

    // MARK: - Breakpad Linux streams (text copies of /proc files)

    private mutating func parseLinuxProcStatus(_ stream: Stream) {
        for line in textLines(stream) {
            if let value = Self.value(of: "Name:", in: line) {
                statusName = value
            } else if let value = Self.value(of: "Pid:", in: line) {
                facts["pid"] = value
            }
        }
    }

    private mutating func parseLinuxRelease(_ stream: Stream) {
        // lsb-release (DISTRIB_DESCRIPTION) or, from newer writers, os-release (PRETTY_NAME).
        for line in textLines(stream) {
            guard let value = Self.value(of: "DISTRIB_DESCRIPTION=", in: line)
                ?? Self.value(of: "PRETTY_NAME=", in: line) else { continue }
            facts["os.distribution"] = String(value.filter { $0 != "\"" })
        }
    }

    private mutating func parseLinuxCommandLine(_ stream: Stream) {
        // Only argv[0]: the arguments may hold the very secrets being scanned for.
        guard let bytes = reader.slice(offset: stream.offset, length: min(stream.size, 1 << 16)) else { return }
        let program = HeaderText.basename(HeaderText.cString(bytes))
        if !program.isEmpty { commandName = program }
    }

    private mutating func parseLinuxEnvironment(_ stream: Stream) {
        // Only the count: the values may hold the very secrets being scanned for. Counted in the
        // first MiB, so a hostile stream cannot make parsing touch the whole file.
        guard let bytes = reader.slice(offset: stream.offset, length: min(stream.size, 1 << 20)) else { return }
        var count = 0, inEntry = false
        for byte in bytes {
            if byte == 0 {
                inEntry = false
            } else if !inEntry {
                inEntry = true
                count += 1
            }
        }
        facts["environment.variables"] = String(count)
    }

    /// `/proc/PID/maps` lines: `start-end perms offset dev inode [path]`.
    private mutating func parseLinuxMaps(_ stream: Stream) {
        for line in textLines(stream, limit: 32 << 20) {
            guard linuxMaps.count < RangeTable<MemoryRegion>.maximumCount else {
                problems.note(.tooMany(structure: Self.streamName(stream.type), count: UInt64(linuxMaps.count) + 1))
                return
            }
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            let bounds = fields.first?.split(separator: "-") ?? []
            guard fields.count >= 5, bounds.count == 2, let start = UInt64(bounds[0], radix: 16), let end = UInt64(bounds[1], radix: 16),
                  start < end else {
                problems.note(.invalid(structure: Self.streamName(stream.type), reason: "unreadable line"))
                continue
            }
            let perms = Array(fields[1].utf8)
            let protection = perms.count >= 3
                ? MemoryRegion.protection(read: perms[0] == UInt8(ascii: "r"), write: perms[1] == UInt8(ascii: "w"),
                                          execute: perms[2] == UInt8(ascii: "x"))
                : nil
            var path = fields.count > 5 ? HeaderText.trimmed(String(fields[5])) : ""
            if path.hasSuffix(" (deleted)") { path = String(path.dropLast(10)) }
            let region: MemoryRegion
            switch path {
            case "": region = MemoryRegion(kind: MemoryRegion.anonymousKind(protection: protection), protection: protection)
            case "[heap]": region = MemoryRegion(kind: .heap, protection: protection)
            case "[stack]": region = MemoryRegion(kind: .stack, protection: protection)
            case _ where path.hasPrefix("["): region = MemoryRegion(kind: .private, name: path, protection: protection)
            default:
                let executable = perms.count >= 3 && perms[2] == UInt8(ascii: "x")
                region = MemoryRegion(kind: executable ? .module : .mapped, name: HeaderText.basename(path),
                                      protection: protection)
            }
            linuxMaps.append((start..<end, region))
        }
    }

    /// The stream's text split into lines, each decoded and sanitized (lines are capped in length).
    /// Only the first `limit` bytes are read: `/proc/PID/maps` of a process with 65 530 mappings
    /// (the kernel's default cap) is about 8 MiB, the other files a few KiB.
    private func textLines(_ stream: Stream, limit: UInt64 = 1 << 20) -> [String] {
        guard let bytes = reader.slice(offset: stream.offset, length: min(stream.size, limit)) else { return [] }
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map { line in
            // safe: a split of a buffer slices it, and rebasing a slice of it stays inside it.
            HeaderText.cString(UnsafeRawBufferPointer(rebasing: line))
        }
    }

    private static func value(of key: String, in line: String) -> String? {
        guard line.hasPrefix(key) else { return nil }
        let value = HeaderText.trimmed(String(line.dropFirst(key.count)))
        return value.isEmpty ? nil : value
    }

    // MARK: - Building

    /// A `MINIDUMP_STRING`: a byte length, then that many bytes of UTF-16LE.
    private mutating func minidumpString(at offset: UInt64, _ structure: String) throws(FormatError) -> String {
        let length = UInt64(try reader.u32(at: offset, structure))
        let kept = min(length, UInt64(HeaderText.maximumLength) * 2, nameBudget)
        nameBudget -= kept
        guard let bytes = reader.slice(offset: offset + 4, length: kept) else {
            throw .outOfBounds(structure: structure, offset: offset, length: length)
        }
        return HeaderText.utf16LE(bytes)
    }

    private mutating func buildAddressSpace() -> AddressSpace {
        var space = AddressSpace()
        // Thread stacks are usually in the memory list too; add the ones that are not.
        let listed = RangeTable(memory)
        if listed.hadOverlaps {
            problems.note(.invalid(structure: "memory ranges", reason: "file ranges overlap"))
        }
        var stacks: [(range: Range<UInt64>, value: UInt64)] = []
        var memory = memory
        for stack in threadStacks where stack.size > 0 {
            guard let end = stack.address.addingChecked(stack.size) else {
                problems.note(.invalid(structure: "thread \(stack.threadID) stack", reason: "runs past 2^64"))
                continue
            }
            stacks.append((stack.address..<end, stack.threadID))
            let fileEnd = stack.fileOffset.addingChecked(stack.size) ?? UInt64.max
            if !listed.intersects(stack.fileOffset..<fileEnd), memory.count < RangeTable<UInt64>.maximumCount {
                let length = min(stack.size, reader.extentAvailable(from: stack.fileOffset))
                if length < stack.size {
                    problems.note(.outOfBounds(structure: "thread \(stack.threadID) stack", offset: stack.fileOffset,
                                               length: stack.size))
                }
                if length > 0 { memory.append((stack.fileOffset..<(stack.fileOffset + length), stack.address)) }
            }
        }
        space.memory = listed.count == memory.count ? listed : RangeTable(memory)
        space.stacks = RangeTable(stacks)
        space.modules = RangeTable(modules)
        // Prefer the writer's memory info; Breakpad Linux dumps have only /proc/PID/maps.
        space.regions = RangeTable(memoryInfo.isEmpty ? linuxMaps : memoryInfo)
        if let name = commandName ?? statusName ?? firstModuleName {
            facts["process.name"] = name
        }
        facts["memory.ranges"] = String(space.memory.count)
        return space
    }

    // MARK: - Names

    static func streamName(_ type: UInt32) -> String {
        switch type {
        case 3: "ThreadListStream"
        case 4: "ModuleListStream"
        case 5: "MemoryListStream"
        case 7: "SystemInfoStream"
        case 8: "ThreadExListStream"
        case 9: "Memory64ListStream"
        case 15: "MiscInfoStream"
        case 16: "MemoryInfoListStream"
        case 0x4767_0004: "LinuxProcStatus"
        case 0x4767_0005: "LinuxLsbRelease"
        case 0x4767_0006: "LinuxCmdLine"
        case 0x4767_0007: "LinuxEnviron"
        case 0x4767_0009: "LinuxMaps"
        default: "stream \(HeaderText.hex(UInt64(type)))"
        }
    }

    /// `PROCESSOR_ARCHITECTURE_*`, with Breakpad's additions above 0x8000.
    static func architectureName(_ value: UInt16) -> String {
        switch value {
        case 0: "x86"
        case 1: "mips"
        case 2: "alpha"
        case 3: "ppc"
        case 5: "arm"
        case 6: "ia64"
        case 9: "amd64"
        case 10: "x86-on-win64"
        case 12, 0x8003: "arm64"
        case 0x8001: "sparc"
        case 0x8002: "ppc64"
        case 0x8004: "mips64"
        case 0x8005: "riscv"
        case 0x8006: "riscv64"
        default: "unknown (\(value))"
        }
    }

    /// `VER_PLATFORM_*`, with Breakpad's and Crashpad's additions above 0x8000.
    static func platformName(_ value: UInt32) -> String {
        switch value {
        case 0: "Windows 3.1 (Win32s)"
        case 1: "Windows 9x"
        case 2: "Windows NT"
        case 3: "Windows CE"
        case 0x8000: "Unix"
        case 0x8101: "macOS"
        case 0x8102: "iOS"
        case 0x8201: "Linux"
        case 0x8202: "Solaris"
        case 0x8203: "Android"
        case 0x8204: "PS3"
        case 0x8205: "Native Client"
        case 0x8206: "Fuchsia"
        default: "unknown (\(value))"
        }
    }

    /// `PAGE_*` protection constants as `rwx`; the modifier bits (guard, no-cache) are ignored.
    static func protection(windows value: UInt32) -> String? {
        switch value & 0xff {
        case 0x01: "---"
        case 0x02: "r--"
        case 0x04, 0x08: "rw-"
        case 0x10: "--x"
        case 0x20: "r-x"
        case 0x40, 0x80: "rwx"
        default: nil
        }
    }
}
