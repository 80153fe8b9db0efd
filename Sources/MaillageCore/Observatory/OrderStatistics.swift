/// QUARTILE.INC without sorting: the quartiles need at most six order statistics, and
/// selecting them (quickselect) is linear where a sort is not — the difference between a
/// campaign's cube in a few milliseconds and in a few tens.
enum OrderStatistics {
    /// Numerators over 4 × scale of q1, median and q3 of the first `count` values of
    /// `buffer` (which is reordered). Position (n − 1) × p falls on a quarter, so each is
    /// 4·x[lower] + (x[lower+1] − x[lower])·rest, exactly.
    static func quartiles<Raw: FixedWidthInteger & SignedInteger>(_ buffer: UnsafeMutablePointer<Raw>, count: Int) -> (Int128, Int128, Int128) {
        precondition(count > 0)
        // Ranks are asked in non-decreasing order, except for ranks already placed exactly:
        // `placed` is where the unsorted rest begins.
        var placed = 0
        func rank(_ r: Int) -> Int128 {
            if r >= placed {
                if r == placed { moveMinimum(buffer, from: r, to: count) } else { select(buffer, r, from: placed, to: count) }
                placed = r + 1
            }
            return Int128(buffer[r])
        }
        func quarter(_ q: Int) -> Int128 {
            let position = (count - 1) * q
            let lower = rank(position / 4), rest = Int128(position % 4)
            return rest == 0 ? 4 * lower : 4 * lower + (rank(position / 4 + 1) - lower) * rest
        }
        return (quarter(1), quarter(2), quarter(3))
    }

    /// Puts the smallest of `a[from..<to]` at `from`.
    static func moveMinimum<T: Comparable>(_ a: UnsafeMutablePointer<T>, from: Int, to: Int) {
        var best = from
        for i in (from + 1)..<max(to, from + 1) where a[i] < a[best] { best = i }
        a.swapAt(from, best)
    }

    /// Afterwards `a[k]` is the value of rank k in `a[from..<to]`, with nothing larger before
    /// it and nothing smaller after it. Hoare partitioning around a median of three copes with
    /// the many equal answers surveys have; a sort takes over if partitions keep coming out
    /// lopsided, so the worst case stays n log n.
    static func select<T: Comparable>(_ a: UnsafeMutablePointer<T>, _ k: Int, from: Int, to: Int) {
        var lo = from, hi = to - 1
        var budget = 2 * (Int.bitWidth - (to - from).leadingZeroBitCount) + 8
        while hi > lo {
            if hi - lo < 16 || budget == 0 {
                var range = UnsafeMutableBufferPointer(start: a + lo, count: hi - lo + 1)
                range.sort()
                return
            }
            budget -= 1
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now a[lo...j] ≤ pivot ≤ a[i...hi], and everything strictly between equals pivot.
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }
}

private extension UnsafeMutablePointer {
    @inline(__always) func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}
