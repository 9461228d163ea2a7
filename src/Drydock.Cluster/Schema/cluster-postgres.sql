-- Drydock's own cluster tables (beside the project database's migrated tables), idempotent like the Orleans schema.

-- Per layer cache key: the image its analysis is credited to, the worker that ran it, and how often it ran.
CREATE TABLE IF NOT EXISTS cluster_layer_analyses (
    cache_key TEXT PRIMARY KEY,
    image TEXT NOT NULL,
    worker TEXT NOT NULL,
    analyses INTEGER NOT NULL,
    analysed_at TIMESTAMPTZ NOT NULL);

-- Leases on crawl frontier items: a worker owns an item until expires_at (renewed while it scans); an expired lease is free
-- for any worker. Rows stay after completion (finished_at set) as the record of who scanned what.
CREATE TABLE IF NOT EXISTS cluster_leases (
    item TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    leased_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NULL,
    takes INTEGER NOT NULL DEFAULT 1);

-- Per registry: the fleet's manifest-request token bucket (tokens may go negative: each request reserves the next free slot and
-- waits for it) and the running count of manifest requests the fleet made (Docker Hub limits pulls by manifest requests).
CREATE TABLE IF NOT EXISTS cluster_registry_requests (
    registry TEXT PRIMARY KEY,
    tokens DOUBLE PRECISION NOT NULL,
    refilled_at TIMESTAMPTZ NOT NULL,
    requests BIGINT NOT NULL);
