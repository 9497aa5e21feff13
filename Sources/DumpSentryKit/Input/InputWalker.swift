import Glibc

/// Turns command-line paths into opened inputs. Directories are walked iteratively (no recursion,
/// so a tree 10,000 levels deep cannot overflow the stack) with `openat` relative to the open parent
/// directory, `O_NOFOLLOW` on every component it opens, and the type decided by `fstat` of the
/// open descriptor. At most `maxOpenDirectories` directory descriptors are held; deeper ancestors
/// are closed and reopened through `..` with their device and inode checked.
/// With a `shard`, only the files of that shard are emitted; the others are skipped unopened when
/// the directory gives their type, else closed unread, silently.
public struct InputWalker: Sendable {
    public var followSymlinks: Bool
    public var maxOpenDirectories: Int
    /// This worker's share when a scan is split across workers (`--shard K/N`); nil: every file.
    public var shard: InputShard?

    public init(followSymlinks: Bool = false, maxOpenDirectories: Int = 32, shard: InputShard? = nil) {
        self.followSymlinks = followSymlinks
        self.maxOpenDirectories = max(2, maxOpenDirectories)
        self.shard = shard
    }

    /// What the walk produces, in order.
    public enum Event: Sendable {
        case input(OpenedInput)
        case note(WalkNote)
    }

    /// Walks `paths` (`-` is stdin), calling `emit` for every input and note. `emit` returns false to stop.
    public func walk(_ paths: [String], emit: (Event) -> Bool) {
        for path in paths {
            if path == "-" {
                let status: FileStatus
                do {
                    status = try FileDescriptor.standardInput.status(path: "-")
                } catch {
                    // A closed stdin: the first read reports it as the input's error.
                    status = FileStatus.unknownStream
                }
                guard emit(.input(OpenedInput(path: "-", descriptor: .standardInput, status: status, isStream: true))) else { return }
                continue
            }
            guard walkTopLevel(path, emit: emit) else { return }
        }
    }

    private func walkTopLevel(_ path: String, emit: (Event) -> Bool) -> Bool {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.openInput(path, followSymlinks: followSymlinks, path: path)
        } catch {
            if error.errno == ELOOP && !followSymlinks {
                return emit(.note(WalkNote(path: path, message: "is a symbolic link; not followed (use --follow-symlinks)", isError: true)))
            }
            return emit(.note(WalkNote(path: path, message: error.description, isError: true)))
        }
        let status: FileStatus
        do { status = try descriptor.status(path: path) } catch {
            descriptor.close()
            return emit(.note(WalkNote(path: path, message: error.description, isError: true)))
        }
        if status.kind != .directory, let shard, !shard.contains(relativePath: InputShard.relativePath(ofArgument: path)) {
            descriptor.close()
            return true
        }
        switch status.kind {
        case .regular:
            return emit(.input(OpenedInput(path: path, descriptor: descriptor, status: status, isStream: false)))
        case .directory:
            return walkDirectory(descriptor, status: status, path: path, emit: emit)
        case .fifo, .characterDevice, .blockDevice, .socket, .unknown:
            // Named explicitly: the user asked for it, so read it as a stream.
            do {
                let stream = try descriptor.readyForStreaming(isFIFO: status.kind == .fifo, path: path)
                return emit(.input(OpenedInput(path: path, descriptor: stream, status: status, isStream: true)))
            } catch {
                descriptor.close()
                return emit(.note(WalkNote(path: path, message: error.description, isError: true)))
            }
        case .symlink:
            descriptor.close()
            return emit(.note(WalkNote(path: path, message: "is a symbolic link; not followed", isError: true)))
        }
    }

    /// One directory on the walk stack. Its path is the first `pathLength` bytes of the walk's path
    /// buffer, which holds one name per level: the walk never copies a path per level, so a tree
    /// 10,000 levels deep costs time and memory linear in its size.
    private struct Frame {
        var descriptor: FileDescriptor?
        var identity: FileIdentity
        var pathLength: Int
        var names: [DirectoryListing.Entry]
        var next: Int
    }

    private func walkDirectory(_ root: FileDescriptor, status: FileStatus, path: String, emit: (Event) -> Bool) -> Bool {
        var visited: Set<FileIdentity> = [status.identity]
        var stack: [Frame] = []
        // The path of the entry being looked at: the top frame's path, then `/` and the entry's name.
        var pathBytes = Array(path.utf8)
        // Where an entry's path below the argument starts (`--shard` hashes that part).
        let relativeStart = pathBytes.last == UInt8(ascii: "/") ? pathBytes.count : pathBytes.count + 1
        // Open descriptors on the stack. Invariant: the open frames are the top `openCount` ones (the
        // oldest open one is closed first, and a frame is reopened only when it becomes the top).
        var openCount = 1
        switch DirectoryListing.entries(of: root, path: path) {
        case .success(let names):
            stack.append(Frame(descriptor: root, identity: status.identity, pathLength: pathBytes.count, names: names, next: 0))
        case .failure(let error):
            root.close()
            return emit(.note(WalkNote(path: path, message: error.description, isError: true)))
        }
        defer { for frame in stack { frame.descriptor?.close() } }

        /// A note about the path in the first `length` bytes of the path buffer (all of it by default).
        func note(_ message: String, isError: Bool, length: Int? = nil) -> Event {
            let name = NameBytes.decode(Array(pathBytes[..<(length ?? pathBytes.count)]))
            return .note(WalkNote(path: name.display, pathBytes: name.exact, message: message, isError: isError))
        }

        while !stack.isEmpty {
            let top = stack.count - 1
            if stack[top].next >= stack[top].names.count {
                let finished = stack.removeLast()
                if !stack.isEmpty, stack[stack.count - 1].descriptor == nil {
                    // Reopen the parent through ".." of the child we are leaving, and make sure it is
                    // still the directory we walked into (a rename would make it another one).
                    let parentIndex = stack.count - 1
                    if let child = finished.descriptor {
                        do {
                            let parent = try FileDescriptor.openDirectory("..", relativeTo: child, path: "..")
                            let identity = try parent.status(path: "..").identity
                            if identity == stack[parentIndex].identity {
                                stack[parentIndex].descriptor = parent
                                openCount += 1
                            } else {
                                parent.close()
                            }
                        } catch {
                            // Reported below as a changed directory.
                        }
                    }
                    if stack[parentIndex].descriptor == nil {
                        // Every directory still on the stack is closed and cannot be reached safely
                        // any more: name each one that had entries left, and end this walk.
                        finished.descriptor?.close()
                        for (index, frame) in stack.enumerated().reversed() where index == parentIndex || frame.next < frame.names.count {
                            if !emit(note("directory changed during the walk; its remaining entries were not scanned",
                                          isError: true, length: frame.pathLength)) { return false }
                        }
                        stack.removeAll()
                        return true
                    }
                }
                if let descriptor = finished.descriptor {
                    descriptor.close()
                    openCount -= 1
                }
                continue
            }
            let entry = stack[top].names[stack[top].next]
            let nameBytes = entry.name
            stack[top].next += 1
            guard let directory = stack[top].descriptor else { continue }
            pathBytes.removeSubrange(stack[top].pathLength...)
            if pathBytes.last != 0x2f { pathBytes.append(0x2f) }
            pathBytes += nameBytes
            // Another shard's file is not even opened, so its errors are that shard's to report
            // (the check after `fstat` below covers file systems that do not give the type).
            if entry.isRegularFile, let shard, !shard.contains(relativePath: pathBytes[relativeStart...]) { continue }

            // Paths are built for reports only (an input or a note); system calls take the name and
            // the open parent, and their errors are reported with the path built here.
            let child: FileDescriptor
            do {
                child = try FileDescriptor.openInput(nameBytes, relativeTo: directory, followSymlinks: followSymlinks, path: "")
            } catch {
                if error.errno == ELOOP && !followSymlinks {
                    if !emit(note("symbolic link not followed", isError: false)) { return false }
                } else if error.errno == ENXIO {
                    // A socket: it cannot be opened, and is skipped like the other special files.
                    if !emit(note("not a regular file (socket); skipped", isError: false)) { return false }
                } else if error.errno != ENOENT {
                    if !emit(note(error.description, isError: true)) { return false }
                }
                continue
            }
            let status: FileStatus
            do { status = try child.status(path: "") } catch {
                child.close()
                if !emit(note(error.description, isError: true)) { return false }
                continue
            }
            switch status.kind {
            case .regular:
                if let shard, !shard.contains(relativePath: pathBytes[relativeStart...]) {
                    child.close()
                    continue
                }
                let name = NameBytes.decode(pathBytes)
                let input = OpenedInput(path: name.display, pathBytes: name.exact, descriptor: child, status: status, isStream: false)
                if !emit(.input(input)) { return false }
            case .directory:
                guard visited.insert(status.identity).inserted else {
                    child.close()
                    if !emit(note("directory already visited (symlink loop); skipped", isError: false)) { return false }
                    continue
                }
                switch DirectoryListing.entries(of: child, path: "") {
                case .success(let names):
                    stack.append(Frame(descriptor: child, identity: status.identity, pathLength: pathBytes.count, names: names, next: 0))
                    openCount += 1
                    // Keep the number of open directories bounded: close the oldest still-open ancestor.
                    let oldest = stack.count - openCount
                    if openCount > maxOpenDirectories, oldest < stack.count - 1 {
                        stack[oldest].descriptor?.close()
                        stack[oldest].descriptor = nil
                        openCount -= 1
                    }
                case .failure(let error):
                    child.close()
                    if !emit(note(error.description, isError: true)) { return false }
                }
            default:
                child.close()
                if !emit(note("not a regular file (\(status.kind.rawValue)); skipped", isError: false)) { return false }
            }
        }
        return true
    }
}

extension FileStatus {
    /// Stands in for stdin when `fstat` on it fails (a closed descriptor is caught when reading).
    static var unknownStream: FileStatus {
        FileStatus(stat())
    }
}
