import MaillageCore

/// What the app computes for one campaign, timed: the figure cube with the national report and
/// each delegation's report, then every answering member's benchmark.
struct CampaignRun: Sendable {
    let national: [Figure]
    let delegations: [(code: String, figures: [Figure])]
    let benchmarkLines: Int
    let tally: BenchmarkTally
    let figuresTime: Duration
    let benchmarkTime: Duration

    init(_ campaign: SyntheticCampaign, settings: StatisticsSettings) {
        let clock = ContinuousClock()
        let start = clock.now
        let cube = FigureCube(units: campaign.units, members: campaign.members, settings: settings)
        national = cube.national()
        delegations = campaign.delegations.map { ($0, cube.delegation($0)) }
        let figuresDone = clock.now
        // Only making the lines is timed (as before the tally existed); counting them for the
        // comparison with DuckDB is not.
        var tally = BenchmarkTally()
        var linesTime = Duration.zero
        for unit in campaign.units {
            let started = clock.now
            let lines = Benchmark.lines(for: unit, cube: cube)
            linesTime += clock.now - started
            tally.add(lines)
        }
        benchmarkTime = linesTime
        figuresTime = figuresDone - start
        benchmarkLines = tally.lines
        self.tally = tally
    }
}

/// The benchmark lines of a campaign in a few counts, which the DuckDB side computes in SQL
/// from its own quartiles and secrecy: lines, lines with published national and delegation
/// quartiles, and where the values stand in each.
struct BenchmarkTally: Sendable {
    var lines = 0
    var national = 0
    var delegation = 0
    var nationalStandings: [Standing: Int] = [:]
    var delegationStandings: [Standing: Int] = [:]

    mutating func add(_ benchmark: [BenchmarkLine]) {
        lines += benchmark.count
        for line in benchmark {
            if line.national != nil { national += 1 }
            if line.delegation != nil { delegation += 1 }
            if let s = line.nationalStanding { nationalStandings[s, default: 0] += 1 }
            if let s = line.delegationStanding { delegationStandings[s, default: 0] += 1 }
        }
    }

    var json: String {
        func standings(_ counts: [Standing: Int]) -> String {
            "{" + Standing.allCases.map { "\"\($0.rawValue)\":\(counts[$0] ?? 0)" }.joined(separator: ",") + "}"
        }
        return "{\"lines\":\(lines),\"national\":\(national),\"delegation\":\(delegation),"
            + "\"national_standings\":\(standings(nationalStandings)),\"delegation_standings\":\(standings(delegationStandings))}"
    }
}
