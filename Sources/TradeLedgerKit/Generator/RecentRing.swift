/// The last `capacity` items added, oldest overwritten first: what the scenario generator draws
/// refunds and credit notes from (recent captures, recent open invoices), so memory stays flat
/// however long the day. `items` is in no particular order once the ring is full.
struct RecentRing<Element> {
    let capacity: Int
    private(set) var items: [Element] = []
    private var next = 0

    init(capacity: Int) { self.capacity = capacity }

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }

    subscript(slot: Int) -> Element {
        get { items[slot] }
        set { items[slot] = newValue }
    }

    mutating func add(_ item: Element) {
        if items.count < capacity {
            items.append(item)
        } else {
            items[next] = item
            next = (next + 1) % capacity
        }
    }
}
