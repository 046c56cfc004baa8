-- The stop index, durable: each account's watch on a symbol it holds (src/Grains/Market/QuoteWatch.cs), written by the
-- symbol's market-data grain when a watch is added, changed or dropped. After a restart (kill -9 too) a symbol's index
-- is read back from here when its first quote arrives, so a crossing quote reaches the holders at once instead of
-- waiting for the reconciliation sweep to re-activate every account. A row left over by a crash (its account no
-- longer holds the symbol) costs one activation: that account then drops the watch.
-- Prices are exact decimals stored as TEXT; side is long | short.
CREATE TABLE IF NOT EXISTS quote_watches
(
    symbol       TEXT    NOT NULL,
    account_id   TEXT    NOT NULL,
    side         TEXT    NOT NULL,
    stop_trigger TEXT    NULL,
    trail_from   TEXT    NULL,
    all_quotes   INTEGER NOT NULL,
    PRIMARY KEY (symbol, account_id)
) WITHOUT ROWID;
