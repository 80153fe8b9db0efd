import Fluent
import Vapor

/// The one ordered migration list. A migration that has shipped is never edited: add a new one.
enum Migrations {
    static let all: [any Migration] = [
        CreateNetwork(),               // 001 departments, delegations, commissions, map
        SeedReferenceGeography(),      // 002 the 101 departments and the 2000-2015 / 2016- maps
        CreateStructures(),            // 003 member structures and membership periods
        CreateAccounts(),              // 004 users, role grants, one-time and API tokens, login tries
        CreateAuditOutboxImports(),    // 005 audit log, outbox, import batches
        CreateSessions(),              // 006 database sessions (shared by all instances)
        CreateRegisterVersion(),       // 007 register version (directory snapshots; moved to 010)
        CreateObservatory(),           // 008 survey campaigns, answers, answers files
        CreateObservatoryReleases(),   // 009 published, frozen releases of a campaign's figures
        CreateCacheVersions(),         // 010 versions of cached sources (register, network map)
        AddOutboxSentAt(),             // 011 outbox: when a queued message left (status)
        CreateReminders(),             // 012 Observatory reminder runs and the structures each reminded
        CreateJobs(),                  // 013 job queue, daily schedule runs, probe runs
        OutboxDelivery(),              // 014 outbox: delivery status, attempts, server's answer, Message-ID
        CreateAccountsVersion(),       // 015 accounts row of cache_versions (sessions, users: exact across instances)
        CreateDues(),                  // 016 dues: settings, grids and rates, bases, number series, calls, credit notes,
                                       //     payments, SEPA mandates and debit runs, reminders
        CreateLegalDesk(),             // 017 legal desk (settings, questions, events, messages, attachments, notes,
                                       //     revisions), library (resources, versions), search index (FTS5 / tsvector)
        CreateTraining(),              // 018 training: courses, packs, sessions, half-days, trainers, registrations,
                                       //     attendance, ratings
        CreateAgenda(),                // 019 agenda: events, event registrations, personal feed tokens, agenda cache version
        CreateQuality(),               // 020 quality: standards, certifications, events, documents, mock audits, reminders,
                                       //     CAP questionnaires, questions, assessments, answers, scores, action plans
        CreateSupport(),               // 021 support: programmes, members' supports, intervention days
    ]
}
