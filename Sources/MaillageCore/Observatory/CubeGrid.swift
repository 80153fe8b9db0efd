/// A table of the engine stored flat, one row after the other: the type × delegation cells,
/// the tables by cell (cell × computed code, cell × ratio, …), the answers' values (code ×
/// answer row) and the secrets (code × cell). The one place that turns a (row, column) pair
/// into an offset and back, so that no other code multiplies by a width.
struct CubeGrid<Element: Sendable>: Sendable {
    let rows: Int
    let columns: Int
    private(set) var elements: [Element]

    init(rows: Int, columns: Int, repeating value: Element) {
        self.rows = rows
        self.columns = columns
        elements = [Element](repeating: value, count: rows * columns)
    }

    var count: Int { elements.count }

    @inline(__always) func offset(_ row: Int, _ column: Int) -> Int { row * columns + column }
    @inline(__always) func row(ofOffset offset: Int) -> Int { offset / columns }
    @inline(__always) func column(ofOffset offset: Int) -> Int { offset % columns }

    @inline(__always) subscript(row: Int, column: Int) -> Element {
        get { elements[offset(row, column)] }
        _modify { yield &elements[offset(row, column)] }
    }

    /// The element at a flat offset: a cell of the type × delegation grid names its element so.
    @inline(__always) subscript(offset: Int) -> Element {
        get { elements[offset] }
        _modify { yield &elements[offset] }
    }
}

/// The grid over its memory, for the loops that run once per answered value.
extension CubeGrid {
    struct Reader {
        let base: UnsafePointer<Element>
        let columns: Int
        /// Row `row`'s first element; its columns follow.
        @inline(__always) func row(_ row: Int) -> UnsafePointer<Element> { base + row * columns }
    }

    struct Writer {
        let base: UnsafeMutablePointer<Element>
        let columns: Int
        @inline(__always) subscript(row: Int, column: Int) -> Element {
            get { base[row * columns + column] }
            nonmutating set { base[row * columns + column] = newValue }
        }
    }

    func withReader<R>(_ body: (Reader) throws -> R) rethrows -> R {
        try elements.withUnsafeBufferPointer { try body(Reader(base: $0.baseAddress!, columns: columns)) }
    }

    mutating func withWriter<R>(_ body: (Writer) throws -> R) rethrows -> R {
        let columns = columns
        return try elements.withUnsafeMutableBufferPointer { try body(Writer(base: $0.baseAddress!, columns: columns)) }
    }
}
