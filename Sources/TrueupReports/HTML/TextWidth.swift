/// Rough text widths for laying out chart labels without a font at hand.
enum TextWidth {
    /// The width of `text` in a sans-serif face of `size` px: 0.58 em per character, a
    /// little more than an average Latin letter, so labels err towards more room.
    static func estimate(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.58 }

    /// `text` cut to `characters` characters, ending in "…" when it was longer.
    static func shortened(_ text: String, characters: Int) -> String {
        text.count <= characters ? text : String(text.prefix(characters - 1)) + "…"
    }
}
