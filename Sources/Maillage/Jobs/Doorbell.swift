import Foundation
import NIOConcurrencyHelpers

/// Wakes waiting workers at once (after an enqueue in this process, or at shutdown); a
/// waiter otherwise wakes by itself after its timeout. A ring with nobody waiting is kept
/// for the next waiter, so that a ring between two polls is not lost.
final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
        var expired: Set<UUID> = []
    }
    private let state = NIOLockedValueBox(State())

    func ring() {
        let waiters = state.withLockedValue { s -> [CheckedContinuation<Void, Never>] in
            if s.waiters.isEmpty { s.rung = true; return [] }
            defer { s.waiters.removeAll() }
            return Array(s.waiters.values)
        }
        for w in waiters { w.resume() }
    }

    /// Returns at the next ring or after `seconds`, whichever comes first.
    func wait(seconds: TimeInterval) async {
        let id = UUID()
        let timer = Task { [self] in
            guard (try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))) != nil else { return }
            expire(id)
        }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLockedValue { s -> Bool in
                if s.rung { s.rung = false; return true }
                if s.expired.remove(id) != nil { return true }
                s.waiters[id] = c
                return false
            }
            if now { c.resume() }
        }
        timer.cancel()
        state.withLockedValue { _ = $0.expired.remove(id) }
    }

    private func expire(_ id: UUID) {
        let waiter = state.withLockedValue { s -> CheckedContinuation<Void, Never>? in
            if let w = s.waiters.removeValue(forKey: id) { return w }
            s.expired.insert(id)
            return nil
        }
        waiter?.resume()
    }
}
