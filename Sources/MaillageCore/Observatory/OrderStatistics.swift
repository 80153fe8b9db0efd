/// QUARTILE.INC without sorting: the quartiles need at most six order statistics, and
/// selecting them (a multi-rank quickselect) is linear where a sort is not.
enum OrderStatistics {
    /// Numerators over 4 × scale of q1, median and q3 of the first `count` values of
    /// `buffer` (which is reordered). Position (n − 1) × p falls on a quarter, so each is
    /// 4·x[lower] + (x[lower+1] − x[lower])·rest, exactly.
    static func quartiles<Raw: FixedWidthInteger & SignedInteger>(_ buffer: UnsafeMutablePointer<Raw>, count: Int) -> (Int128, Int128, Int128) {
        precondition(count > 0)
        var ranks = (0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &ranks) { raw in
            let r = raw.bindMemory(to: Int.self)
            var m = 0
            // Ranks ascending, once each (a small n puts several quarters on the same ones).
            func want(_ rank: Int) {
                var p = 0
                while p < m && r[p] < rank { p += 1 }
                guard p == m || r[p] != rank else { return }
                for k in stride(from: m, to: p, by: -1) { r[k] = r[k - 1] }
                r[p] = rank
                m += 1
            }
            for q in 1...3 {
                let position = (count - 1) * q
                want(position / 4)
                if position % 4 != 0 { want(position / 4 + 1) }
            }
            select(buffer, ranks: r.baseAddress!, m, from: 0, to: count, budget: 2 * (Int.bitWidth - count.leadingZeroBitCount) + 8)
            func quarter(_ q: Int) -> Int128 {
                let position = (count - 1) * q, lower = Int128(buffer[position / 4]), rest = Int128(position % 4)
                return rest == 0 ? 4 * lower : 4 * lower + (Int128(buffer[position / 4 + 1]) - lower) * rest
            }
            return (quarter(1), quarter(2), quarter(3))
        }
    }

    /// Afterwards each of the `m` ascending ranks of `a[from..<to]` holds the value of that
    /// rank. Hoare partitioning around a median of three copes with the many equal answers
    /// surveys have, and recursion only follows the sides that still hold a wanted rank; a
    /// sort takes over if partitions keep coming out lopsided, so the worst case is n log n.
    static func select<T: Comparable>(_ a: UnsafeMutablePointer<T>, ranks: UnsafeMutablePointer<Int>, _ m: Int, from lo: Int, to end: Int, budget: Int) {
        guard m > 0, end - lo > 1 else { return }
        let hi = end - 1
        if hi - lo < 24 {
            insertionSort(a, from: lo, to: end)
            return
        }
        if budget == 0 {
            var range = UnsafeMutableBufferPointer(start: a + lo, count: end - lo)
            range.sort()
            return
        }
        let mid = lo + (hi - lo) / 2
        if a[mid] < a[lo] { swap(a, mid, lo) }
        if a[hi] < a[lo] { swap(a, hi, lo) }
        if a[hi] < a[mid] { swap(a, hi, mid) }
        let pivot = a[mid]
        var i = lo, j = hi
        while i <= j {
            while a[i] < pivot { i += 1 }
            while pivot < a[j] { j -= 1 }
            if i <= j {
                swap(a, i, j)
                i += 1
                j -= 1
            }
        }
        // Now a[lo...j] ≤ pivot ≤ a[i...hi], and everything strictly between equals pivot.
        var left = 0
        while left < m && ranks[left] <= j { left += 1 }
        var right = left
        while right < m && ranks[right] < i { right += 1 }
        select(a, ranks: ranks, left, from: lo, to: j + 1, budget: budget - 1)
        select(a, ranks: ranks + right, m - right, from: i, to: end, budget: budget - 1)
    }

    static func insertionSort<T: Comparable>(_ a: UnsafeMutablePointer<T>, from lo: Int, to end: Int) {
        guard end - lo > 1 else { return }
        for k in (lo + 1)..<end {
            let x = a[k]
            var p = k
            while p > lo && x < a[p - 1] {
                a[p] = a[p - 1]
                p -= 1
            }
            a[p] = x
        }
    }

    @inline(__always) private static func swap<T>(_ a: UnsafeMutablePointer<T>, _ i: Int, _ j: Int) {
        let t = a[i]
        a[i] = a[j]
        a[j] = t
    }
}
