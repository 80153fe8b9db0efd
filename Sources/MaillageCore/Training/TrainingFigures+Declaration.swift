/// The training body's yearly declaration (bilan pédagogique et financier).
extension TrainingFigures {
    /// Trainees and hours (in minutes) by trainee category and by funding, for one year: every
    /// category and every funding has its line, in the order of `allCases`, even at zero.
    public struct Declaration: Sendable, Equatable {
        public struct CategoryLine: Sendable, Equatable {
            public var category: TraineeCategory
            public var trainees: Int
            public var minutes: Int
            public init(category: TraineeCategory, trainees: Int, minutes: Int) {
                self.category = category
                self.trainees = trainees
                self.minutes = minutes
            }
        }

        public struct FundingLine: Sendable, Equatable {
            public var funding: TrainingFunding
            public var trainees: Int
            public var minutes: Int
            public init(funding: TrainingFunding, trainees: Int, minutes: Int) {
                self.funding = funding
                self.trainees = trainees
                self.minutes = minutes
            }
        }

        public struct Total: Sendable, Equatable {
            public var trainees: Int
            public var minutes: Int
            public init(trainees: Int, minutes: Int) {
                self.trainees = trainees
                self.minutes = minutes
            }
        }

        public var year: Int
        public var byCategory: [CategoryLine]
        public var byFunding: [FundingLine]
        public var total: Total

        public init(year: Int, byCategory: [CategoryLine], byFunding: [FundingLine], total: Total) {
            self.year = year
            self.byCategory = byCategory
            self.byFunding = byFunding
            self.total = total
        }
    }

    /// The declaration of `year`: the records of other years are left out; trainees present at
    /// least once, with their attended minutes (absent all along: counted out).
    public static func declaration(_ records: [TraineeRecord], year: Int) -> Declaration {
        let counted = distinct(records).filter { $0.year == year && $0.attended }
        var byCategory = Dictionary(uniqueKeysWithValues: TraineeCategory.allCases.map { ($0, (0, 0)) })
        var byFunding = Dictionary(uniqueKeysWithValues: TrainingFunding.allCases.map { ($0, (0, 0)) })
        var total = Declaration.Total(trainees: 0, minutes: 0)
        for record in counted {
            byCategory[record.category]!.0 += 1
            byCategory[record.category]!.1 += record.attendedMinutes
            byFunding[record.funding]!.0 += 1
            byFunding[record.funding]!.1 += record.attendedMinutes
            total.trainees += 1
            total.minutes += record.attendedMinutes
        }
        return Declaration(
            year: year,
            byCategory: TraineeCategory.allCases.map {
                .init(category: $0, trainees: byCategory[$0]!.0, minutes: byCategory[$0]!.1)
            },
            byFunding: TrainingFunding.allCases.map {
                .init(funding: $0, trainees: byFunding[$0]!.0, minutes: byFunding[$0]!.1)
            },
            total: total)
    }
}
