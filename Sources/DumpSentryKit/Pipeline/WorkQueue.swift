import Foundation

/// A bounded blocking queue between the producer (walker, stream reader) and the workers. The
/// bound keeps memory and open descriptors proportional to the worker count, not the input.
final class WorkQueue<Item>: @unchecked Sendable {
    // safe: every access to `items` and `closed` happens under `condition`'s lock.
    private let condition = NSCondition()
    private var items: [Item?] = []
    private var head = 0
    private var closed = false
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Blocks while the queue is full.
    func push(_ item: Item) {
        condition.lock()
        while items.count - head >= capacity && !closed { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// No more items will come; waiting workers drain and stop.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, or nil once the queue is closed and empty.
    func pop() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let item = items[head]
        items[head] = nil   // the consumer owns it now: do not keep its buffer alive here
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }
}
