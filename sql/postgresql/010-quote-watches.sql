-- The stop index, durable (see sql/011-quote-watches.sql): read back by a symbol's market-data grain when it activates,
-- on whichever silo, so the positions of a killed silo are watched again by the first quote after their symbol moves.
CREATE TABLE IF NOT EXISTS quote_watches
(
    symbol       text    NOT NULL,
    account_id   text    NOT NULL,
    side         text    NOT NULL,
    stop_trigger numeric NULL,
    trail_from   numeric NULL,
    all_quotes   boolean NOT NULL,
    PRIMARY KEY (symbol, account_id)
);
