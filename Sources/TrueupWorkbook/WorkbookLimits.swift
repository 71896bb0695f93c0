/// The most a workbook may hold or claim: past each, the workbook is refused as damaged, with
/// the cell or part named, before memory or a temporary file grows with what its XML claims.
///
/// Memory for a workbook is then at most the bytes of the zip, the shared strings and styles
/// (bounded below), one row's text and one XML token: some 200 MB at worst, whatever the
/// sheet's `<dimension>`, row numbers or cell references say.
public enum WorkbookLimits {
    /// Excel's last row.
    public static let rows = 1_048_576
    /// Excel's last column, XFD.
    public static let columns = 16_384
    /// A cell's text: Excel's 32,767 characters at four UTF-8 bytes each, rounded up.
    public static let cellBytes = 128 << 10
    /// A row's text as CSV, as for a CSV record.
    public static let rowBytes = 16 << 20
    /// The shared strings table: its text and its number of strings.
    public static let sharedStringBytes = 64 << 20
    public static let sharedStrings = 4 << 20
    /// Cell styles and number formats (Excel allows 64,000 and 250).
    public static let styles = 65_536
    /// A number format's code (Excel's are at most 255 characters).
    public static let formatCodeBytes = 1024
    /// The sheets a workbook lists.
    public static let sheets = 65_536
    /// The columns the `<dimension>` may widen each row to past its first row's width: a wider
    /// claim pads no further than this.
    public static let dimensionColumns = 256
    /// The uncompressed size of the parts read whole: the workbook's list of sheets and its
    /// relationships (16 MiB), the styles (64 MiB) and the shared strings (512 MiB, most of it
    /// markup: their text is bounded above).
    public static let listPartBytes = 16 << 20
    public static let stylesPartBytes = 64 << 20
    public static let sharedStringsPartBytes = 512 << 20
}

extension WorkbookLimits {
    /// `bytes` in whole mebibytes, for messages: "16 MiB".
    static func mebibytes(_ bytes: Int) -> String { "\(bytes >> 20) MiB" }
}
