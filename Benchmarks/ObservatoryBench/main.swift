// observatory-bench --out DIR [--structures 5000] [--campaigns 10] [--seed 42] [--last-year 2025]
//
// Generates a deterministic synthetic national history (survey answers files and the member
// register per campaign), then times what the app computes for each campaign: the national
// report, the 14 delegation reports and every answering member's benchmark. Writes the
// figures as SPEC §8 JSON exports, for scripts/observatory_duckdb.py to check independently.
//
// DIR receives: answers-YEAR.csv (the SPEC §8 answers file, as the app exports it),
// structures.csv (`campaign;siret;department;delegation;types`, one line per member active at
// each campaign's opening), figures-YEAR-national.json and figures-YEAR-CODE.json (one per
// delegation of the year's map), and bench-summary.json (the timings).
import Foundation
import MaillageCore

struct Options {
    var out = ""
    var structures = 5000
    var campaigns = 10
    var seed: UInt64 = 42
    var lastYear = 2025

    static func parse(_ args: [String]) -> Options? {
        var o = Options()
        var i = 0
        while i < args.count {
            guard i + 1 < args.count else { return nil }
            let value = args[i + 1]
            switch args[i] {
            case "--out": o.out = value
            case "--structures": guard let v = Int(value), v > 0 else { return nil }; o.structures = v
            case "--campaigns": guard let v = Int(value), v > 0 else { return nil }; o.campaigns = v
            case "--seed": guard let v = UInt64(value) else { return nil }; o.seed = v
            case "--last-year": guard let v = Int(value) else { return nil }; o.lastYear = v
            default: return nil
            }
            i += 2
        }
        return o.out.isEmpty ? nil : o
    }
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
func ms(_ d: Duration) -> String { String(format: "%.1f", seconds(d) * 1000) }
func write(_ data: Data, _ name: String, in dir: URL) throws { try data.write(to: dir.appendingPathComponent(name)) }

guard let options = Options.parse(Array(CommandLine.arguments.dropFirst())) else {
    FileHandle.standardError.write(Data("usage: observatory-bench --out DIR [--structures 5000] [--campaigns 10] [--seed 42] [--last-year 2025]\n".utf8))
    exit(2)
}
let settings = StatisticsSettings(k: 5, unemployedETPCost: Exact(decimal: "18300.00")!)
let dir = URL(fileURLWithPath: options.out)
let clock = ContinuousClock()

do {
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let years = (options.lastYear - options.campaigns + 1)...options.lastYear

    // Generation, then the files, timed apart from the computation.
    let genStart = clock.now
    let history = try SyntheticHistory(structures: options.structures, years: years, seed: options.seed)
    let generation = clock.now - genStart
    let filesStart = clock.now
    var answerFiles: [(SyntheticCampaign, Data)] = []
    for campaign in history.campaigns {
        let data = BenchFiles.answers(campaign)
        try write(data, "answers-\(campaign.year).csv", in: dir)
        answerFiles.append((campaign, data))
    }
    try write(BenchFiles.structures(history), "structures.csv", in: dir)
    let files = clock.now - filesStart
    // The importer's parse of the files as written, from disk to checked rows: what DuckDB's
    // `read_csv` of the same files is compared with. Best of three (the files are then in the
    // page cache on both sides).
    var parse = Duration.seconds(1_000_000)
    var parsed: [AnswerFileParse] = []
    for _ in 0..<3 {
        let parseStart = clock.now
        parsed = try history.campaigns.map { campaign in
            AnswerFile.parse(csv: try Data(contentsOf: dir.appendingPathComponent("answers-\(campaign.year).csv")), expectedCampaign: campaign.year)
        }
        parse = min(parse, clock.now - parseStart)
    }
    let checkStart = clock.now
    for ((campaign, _), result) in zip(answerFiles, parsed) {
        if let problem = BenchFiles.checkRoundTrip(result, campaign: campaign) {
            throw GenerationError(message: "answers-\(campaign.year).csv does not read back: \(problem)")
        }
    }
    let roundTrip = clock.now - checkStart
    let answers = history.campaigns.reduce(0) { $0 + $1.units.count }
    let warnings = history.campaigns.reduce(0) { $0 + $1.warnings }
    print("Generated \(options.structures) structures, \(history.campaigns.count) campaigns (\(years.lowerBound)–\(years.upperBound)), \(answers) answers (\(warnings) hours/ETP warnings, no check error), seed \(options.seed)")
    let bytes = answerFiles.reduce(0) { $0 + $1.1.count }
    print("  generation \(ms(generation)) ms, writing CSV \(ms(files)) ms, checking the rows read back \(ms(roundTrip)) ms")
    print("  parse (AnswerFile.parse, from disk, best of 3): \(ms(parse)) ms for \(answers) lines, \(bytes / 1000) kB")
    print("")

    // The computation, campaign by campaign.
    let header = ["campaign", "members", "answers", "structures", "figures", "figures ms", "benchmark lines", "benchmarks ms", "total ms"]
    print(header.map { $0.padding(toLength: max($0.count, 10), withPad: " ", startingAt: 0) }.joined(separator: " "))
    var figuresTotal = Duration.zero, benchmarksTotal = Duration.zero
    var figureCount = 0
    var perCampaign: [String] = []
    let generatedAt = ISO8601DateFormatter().string(from: Date())
    for campaign in history.campaigns {
        let run = CampaignRun(campaign, settings: settings)
        figuresTotal += run.figuresTime
        benchmarksTotal += run.benchmarkTime
        let count = run.national.count + run.delegations.reduce(0) { $0 + $1.figures.count }
        figureCount += count
        let structures = Set(campaign.units.map(\.structure)).count
        let cells = [String(campaign.year), String(campaign.members.count), String(campaign.units.count), String(structures), String(count),
                     ms(run.figuresTime), String(run.benchmarkLines), ms(run.benchmarkTime), ms(run.figuresTime + run.benchmarkTime)]
        print(zip(cells, header).map { String(repeating: " ", count: max(0, max($1.count, 10) - $0.count)) + $0 }.joined(separator: " "))
        perCampaign.append("{\"campaign\":\(campaign.year),\"answers\":\(campaign.units.count),\"figures\":\(count),\"figures_seconds\":\(seconds(run.figuresTime)),\"benchmark_seconds\":\(seconds(run.benchmarkTime)),\"benchmark\":\(run.tally.json)}")
        try write(BenchFiles.figuresJSON(campaign: campaign.year, scope: "national", k: settings.k, generatedAt: generatedAt, figures: run.national),
                  "figures-\(campaign.year)-national.json", in: dir)
        for (code, figures) in run.delegations {
            try write(BenchFiles.figuresJSON(campaign: campaign.year, scope: code, k: settings.k, generatedAt: generatedAt, figures: figures),
                      "figures-\(campaign.year)-\(code).json", in: dir)
        }
    }
    let total = figuresTotal + benchmarksTotal
    print("")
    print("Maillage: figures \(ms(figuresTotal)) ms + benchmarks \(ms(benchmarksTotal)) ms = \(ms(total)) ms for \(figureCount) figures (generation \(ms(generation)) ms, not counted)")
    let summary = """
    {"structures":\(options.structures),"campaigns":\(history.campaigns.count),"seed":\(options.seed),"answers":\(answers),"figures":\(figureCount),\
    "generation_seconds":\(seconds(generation)),"write_seconds":\(seconds(files)),"roundtrip_seconds":\(seconds(roundTrip)),\
    "parse_seconds":\(seconds(parse)),"answer_bytes":\(bytes),\
    "figures_seconds":\(seconds(figuresTotal)),"benchmark_seconds":\(seconds(benchmarksTotal)),"maillage_seconds":\(seconds(total)),
    "per_campaign":[\(perCampaign.joined(separator: ","))]}

    """
    try write(Data(summary.utf8), "bench-summary.json", in: dir)
} catch let e as GenerationError {
    FileHandle.standardError.write(Data("observatory-bench: \(e.message)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("observatory-bench: \(error)\n".utf8))
    exit(1)
}
