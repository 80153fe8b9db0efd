import Foundation
@testable import MaillageCore
import Testing

@Suite struct ZZTempProbeTests {
    @Test func fuzz() throws {
        for i in 0..<60 {
            let raw = try Data(contentsOf: URL(fileURLWithPath: "/tmp/fixtures/fuzz/\(i).raw"))
            let z = try Data(contentsOf: URL(fileURLWithPath: "/tmp/fixtures/fuzz/\(i).z"))
            #expect(try Inflate.decompress([UInt8](z), limit: 1 << 30) == [UInt8](raw), "\(i)")
        }
    }
    @Test func big() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: "/tmp/fixtures/fuzz/big.xlsx"))
        var budget = 1 << 30
        let archive = try ZipArchive(data)
        var t = Date()
        let sheet = try archive.contents(of: "xl/worksheets/sheet1.xml", budget: &budget)!
        print("inflate \(sheet.count) bytes: \(Date().timeIntervalSince(t))")
        t = Date()
        var xml = XMLScanner(sheet); var n = 0
        while let _ = try xml.next() { n += 1 }
        print("scan \(n) events: \(Date().timeIntervalSince(t))")
        t = Date()
        for _ in 0..<100_000 { _ = XLSXNumber.plain("9622.01125180818") }
        print("100k numbers: \(Date().timeIntervalSince(t))")
        let start = Date()
        let rows = try XLSXReader.firstSheet(data)
        print("big: \(rows.count) rows in \(Date().timeIntervalSince(start)) s; \(rows[5][1])")
    }
}
