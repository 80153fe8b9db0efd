extension Array {
    /// nil when empty: Leaf takes any array, even an empty one, as true in `#if(…)`.
    var nonEmpty: [Element]? { isEmpty ? nil : self }
}
