import MaillageCore

/// What the app computes for one campaign, timed: the figure cube with the national report and
/// each delegation's report, then every answering member's benchmark.
struct CampaignRun: Sendable {
    let national: [Figure]
    let delegations: [(code: String, figures: [Figure])]
    let benchmarkLines: Int
    let figuresTime: Duration
    let benchmarkTime: Duration

    init(_ campaign: SyntheticCampaign, settings: StatisticsSettings) {
        let clock = ContinuousClock()
        let start = clock.now
        let cube = FigureCube(units: campaign.units, members: campaign.members, settings: settings)
        national = cube.national()
        delegations = campaign.delegations.map { ($0, cube.delegation($0)) }
        let figuresDone = clock.now
        var lines = 0
        for unit in campaign.units { lines += Benchmark.lines(for: unit, cube: cube).count }
        benchmarkLines = lines
        benchmarkTime = clock.now - figuresDone
        figuresTime = figuresDone - start
    }
}
