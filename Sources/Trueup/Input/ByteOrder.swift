extension String {
    /// Whether this text sorts before `other` in byte order of their UTF-8: the order every list of
    /// names in trueup's outputs is in, the same on every machine and in every locale (Swift's `<`
    /// compares canonical Unicode instead, so `é` and `e` + `◌́` would be equal there).
    public func precedesInByteOrder(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
