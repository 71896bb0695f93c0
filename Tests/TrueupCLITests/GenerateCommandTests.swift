import Foundation
import Testing

/// `trueup generate` writes its three files in place, replacing files, never writing through a link.
@Suite struct GenerateCommandTests {
    static let arguments = ["generate", "--customers", "2", "--items", "2", "--months", "3", "--lags", "1", "--seed", "1"]

    @Test func aLinkAtAnOutputNameIsRefusedAndItsTargetLeftAlone() throws {
        let space = Workspace()
        let victim = space.file("victim.txt", "keep me\n")
        let out = space.url.appendingPathComponent("gen")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("forecasts.csv").path, withDestinationPath: victim)
        let outcome = try CLI.run(Self.arguments + [out.path])
        #expect(outcome.status == 73, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("forecasts.csv: can't be written"), "\(outcome.stderr)")
        #expect(space.read("victim.txt") == "keep me\n")
    }

    @Test func filesAlreadyThereAreReplaced() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("gen")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        _ = space.file("gen/forecasts.csv", String(repeating: "old line\n", count: 10_000))
        let outcome = try CLI.run(Self.arguments + [out.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(space.read("gen/forecasts.csv")?.hasPrefix("customer,item,period,lag,forecast\n") == true)
        #expect(space.read("gen/forecasts.csv")?.contains("old line") == false)
    }
}
