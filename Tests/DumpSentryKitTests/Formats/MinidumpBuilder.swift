/// Builds small minidumps for tests: a memory list, a Memory64 list, a module list, a thread
/// list, a memory info list, a system info stream and any raw extra streams.
struct MinidumpBuilder {
    struct Memory {
        var address: UInt64
        var bytes: [UInt8]
    }

    struct Module {
        var base: UInt64
        var size: UInt32
        var path: String
    }

    struct Thread {
        var id: UInt32
        var stackAddress: UInt64
        var stack: [UInt8]
        /// Whether the stack also appears in the memory list (as Windows writers do).
        var listedInMemory = true
    }

    struct Info {
        var base: UInt64
        var size: UInt64
        var state: UInt32 = 0x1000  // MEM_COMMIT
        var protect: UInt32
        var type: UInt32
    }

    /// The built file and the file offset where each blob's bytes start.
    struct Built {
        var bytes: [UInt8]
        var memoryOffsets: [Int]
        var memory64Offsets: [Int]
        var stackOffsets: [Int]
    }

    var memory: [Memory] = []
    var memory64: [Memory] = []
    var modules: [Module] = []
    var threads: [Thread] = []
    var memoryInfo: [Info] = []
    var systemInfo: (architecture: UInt16, platform: UInt32)?
    /// Write the threads as a ThreadExListStream (64-byte entries with a backing store).
    var threadEx = false
    var extraStreams: [(type: UInt32, data: [UInt8])] = []

    func build() -> Built {
        var writer = ByteWriter()
        var streams: [(type: UInt32, write: (inout ByteWriter) -> Void)] = []

        // Blobs first, so the streams can point at them.
        writer.zeros(32)  // header, patched below
        var memoryOffsets: [Int] = []
        var stackOffsets: [Int] = []
        var memory64Offsets: [Int] = []
        var nameOffsets: [Int] = []
        for blob in memory {
            memoryOffsets.append(writer.count)
            writer.append(blob.bytes)
        }
        for thread in threads {
            stackOffsets.append(writer.count)
            writer.append(thread.stack)
        }
        let memory64Base = writer.count
        for blob in memory64 {
            memory64Offsets.append(writer.count)
            writer.append(blob.bytes)
        }
        for module in modules {
            writer.align(4)
            nameOffsets.append(writer.count)
            let units = Array(module.path.utf16)
            writer.u32(UInt32(units.count * 2))
            for unit in units { writer.u16(unit) }
            writer.u16(0)
        }

        if !threads.isEmpty {
            streams.append((threadEx ? 8 : 3, { [threadEx] w in
                w.u32(UInt32(threads.count))
                for (index, thread) in threads.enumerated() {
                    w.u32(thread.id)
                    w.zeros(12)  // suspend count, priority class, priority
                    w.u64(0)  // TEB
                    w.u64(thread.stackAddress)
                    w.u32(UInt32(thread.stack.count))
                    w.u32(UInt32(stackOffsets[index]))
                    w.u32(0)  // context size
                    w.u32(0)  // context rva
                    if threadEx { w.zeros(16) }  // backing store descriptor
                }
            }))
        }
        if !modules.isEmpty {
            streams.append((4, { w in
                w.u32(UInt32(modules.count))
                for (index, module) in modules.enumerated() {
                    w.u64(module.base)
                    w.u32(module.size)
                    w.u32(0)  // checksum
                    w.u32(0)  // time stamp
                    w.u32(UInt32(nameOffsets[index]))
                    w.zeros(108 - 24)  // version info, CodeView and misc records, reserved
                }
            }))
        }
        let listedStacks = threads.indices.filter { threads[$0].listedInMemory }
        if !memory.isEmpty || !listedStacks.isEmpty {
            streams.append((5, { w in
                w.u32(UInt32(memory.count + listedStacks.count))
                for (index, blob) in memory.enumerated() {
                    w.u64(blob.address)
                    w.u32(UInt32(blob.bytes.count))
                    w.u32(UInt32(memoryOffsets[index]))
                }
                for index in listedStacks {
                    w.u64(threads[index].stackAddress)
                    w.u32(UInt32(threads[index].stack.count))
                    w.u32(UInt32(stackOffsets[index]))
                }
            }))
        }
        if let systemInfo {
            streams.append((7, { w in
                w.u16(systemInfo.architecture)
                w.u16(6)  // level
                w.u16(0)  // revision
                w.u8(4)  // processors
                w.u8(1)  // product type
                w.u32(10)  // major
                w.u32(0)  // minor
                w.u32(19041)  // build
                w.u32(systemInfo.platform)
                w.u32(0)  // CSD version rva
                w.zeros(56 - 28)
            }))
        }
        if !memory64.isEmpty {
            streams.append((9, { w in
                w.u64(UInt64(memory64.count))
                w.u64(UInt64(memory64Base))
                for blob in memory64 {
                    w.u64(blob.address)
                    w.u64(UInt64(blob.bytes.count))
                }
            }))
        }
        if !memoryInfo.isEmpty {
            streams.append((16, { w in
                w.u32(16)
                w.u32(48)
                w.u64(UInt64(memoryInfo.count))
                for info in memoryInfo {
                    w.u64(info.base)
                    w.u64(info.base)  // allocation base
                    w.u32(info.protect)  // allocation protect
                    w.u32(0)
                    w.u64(info.size)
                    w.u32(info.state)
                    w.u32(info.protect)
                    w.u32(info.type)
                    w.u32(0)
                }
            }))
        }
        for extra in extraStreams {
            streams.append((extra.type, { w in w.append(extra.data) }))
        }

        var directory: [(type: UInt32, size: Int, offset: Int)] = []
        for stream in streams {
            writer.align(4)
            let start = writer.count
            stream.write(&writer)
            directory.append((stream.type, writer.count - start, start))
        }
        writer.align(4)
        let directoryOffset = writer.count
        for entry in directory {
            writer.u32(entry.type)
            writer.u32(UInt32(entry.size))
            writer.u32(UInt32(entry.offset))
        }
        writer.patch32(at: 0, 0x504d_444d)  // "MDMP"
        writer.patch32(at: 4, 0xa793)
        writer.patch32(at: 8, UInt32(directory.count))
        writer.patch32(at: 12, UInt32(directoryOffset))
        return Built(bytes: writer.bytes, memoryOffsets: memoryOffsets, memory64Offsets: memory64Offsets,
                     stackOffsets: stackOffsets)
    }
}
