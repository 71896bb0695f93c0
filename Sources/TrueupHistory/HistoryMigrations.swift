import GRDB

/// The history's schema, one named migration per version; GRDB remembers in the file which have run.
///
/// A migration that has shipped is never edited: a later schema is a new migration appended here.
/// Migrations speak SQL only, so they keep meaning the same thing when the Swift types change.
enum HistoryMigrations {
    /// The first migration: its presence is what makes an SQLite file a trueup history.
    static let first = "v1-runs-and-customers"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(first) { db in
            // One row per recorded run. A run is identified by its as-of period, lag and inputs;
            // recording the same again deletes the old row (and its customers) first.
            try db.execute(sql: """
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    as_of TEXT NOT NULL,
                    lag INTEGER NOT NULL,
                    window_from TEXT NOT NULL,
                    window_to TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    forecasts_path TEXT NOT NULL,
                    forecasts_sha256 TEXT NOT NULL,
                    actuals_path TEXT NOT NULL,
                    actuals_sha256 TEXT NOT NULL,
                    policy TEXT NOT NULL,
                    trueup_version TEXT NOT NULL,
                    unreliable INTEGER NOT NULL,
                    watch INTEGER NOT NULL,
                    insufficient_data INTEGER NOT NULL,
                    trusted INTEGER NOT NULL,
                    book_wmape REAL,
                    book_bias_pct REAL,
                    UNIQUE (as_of, lag, forecasts_sha256, actuals_sha256)
                );
                CREATE INDEX run_by_lag_and_as_of ON run (lag, as_of);
                CREATE TABLE customer_figures (
                    run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
                    customer TEXT NOT NULL,
                    tier TEXT NOT NULL CHECK (tier IN ('unreliable', 'watch', 'insufficient-data', 'trusted')),
                    reasons TEXT NOT NULL,
                    periods INTEGER NOT NULL,
                    actual REAL NOT NULL,
                    forecast REAL NOT NULL,
                    bias_pct REAL,
                    wmape REAL,
                    fva_pts REAL,
                    sign_test_p REAL,
                    tracking_signal REAL,
                    error_share_pct REAL,
                    PRIMARY KEY (run_id, customer)
                );
                CREATE INDEX customer_figures_by_customer ON customer_figures (customer);
                """)
        }
        migrator.registerMigration(runIdentity) { db in
            // A run is identified by its as-of period, lag, window, policy and inputs: a trial with
            // another window or policy is another run, not a replacement. SQLite can't drop a
            // UNIQUE constraint, so the table is rebuilt (GRDB defers the foreign keys meanwhile).
            try db.execute(sql: """
                CREATE TABLE run_v2 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    as_of TEXT NOT NULL,
                    lag INTEGER NOT NULL,
                    window_from TEXT NOT NULL,
                    window_to TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    forecasts_path TEXT NOT NULL,
                    forecasts_sha256 TEXT NOT NULL,
                    actuals_path TEXT NOT NULL,
                    actuals_sha256 TEXT NOT NULL,
                    policy TEXT NOT NULL,
                    trueup_version TEXT NOT NULL,
                    unreliable INTEGER NOT NULL,
                    watch INTEGER NOT NULL,
                    insufficient_data INTEGER NOT NULL,
                    trusted INTEGER NOT NULL,
                    book_wmape REAL,
                    book_bias_pct REAL,
                    UNIQUE (as_of, lag, window_from, window_to, policy, forecasts_sha256, actuals_sha256)
                );
                INSERT INTO run_v2 SELECT * FROM run;
                DROP TABLE run;
                ALTER TABLE run_v2 RENAME TO run;
                CREATE INDEX run_by_lag_and_as_of ON run (lag, as_of);
                """)
        }
        migrator.registerMigration(customerNames) { db in
            // The customer's name from the inputs' name column, when they have one; runs recorded before have none.
            try db.execute(sql: "ALTER TABLE customer_figures ADD COLUMN customer_name TEXT")
        }
        return migrator
    }

    /// The second migration: a run's identity includes its window and policy.
    static let runIdentity = "v2-run-identity-window-and-policy"

    /// The third migration: customers' names beside their codes.
    static let customerNames = "v3-customer-names"
}
