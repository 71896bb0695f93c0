import Testing
@testable import TrueupHistory
