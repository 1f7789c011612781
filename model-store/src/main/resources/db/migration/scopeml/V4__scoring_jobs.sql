-- A batch scoring job: the request as planned (input, output, the versions pinned at submission),
-- a cancel flag, the most rejected rows it tolerates, and how it ended. Its progress is derived from
-- its chunks.
CREATE TABLE scoring_jobs (
    id               uuid PRIMARY KEY,
    model            text        NOT NULL,
    spec             jsonb       NOT NULL,
    max_errors       bigint      NOT NULL CHECK (max_errors >= 0),
    cancel_requested boolean     NOT NULL DEFAULT false,
    failure          text,
    outcome          text CHECK (outcome IN ('succeeded', 'failed', 'cancelled')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz
);

CREATE INDEX scoring_jobs_by_time ON scoring_jobs (created_at DESC);

-- One task per slice of the input ('rows'), plus one 'commit' task per job that becomes claimable
-- once no rows chunk is pending or running: it writes the success marker or names the output as
-- partial. Claimed with FOR UPDATE SKIP LOCKED under a lease, like training tasks.
CREATE TABLE scoring_chunks (
    id           bigserial PRIMARY KEY,
    job_id       uuid        NOT NULL REFERENCES scoring_jobs (id),
    chunk        integer     NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('rows', 'commit')),
    slice        jsonb       NOT NULL,
    status       text        NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'succeeded', 'skipped', 'failed', 'cancelled')),
    attempts     integer     NOT NULL DEFAULT 0,
    max_attempts integer     NOT NULL CHECK (max_attempts > 0),
    lease_owner  text,
    lease_token  uuid,
    lease_until  timestamptz,
    heartbeat_at timestamptz,
    started_at   timestamptz,
    finished_at  timestamptz,
    result       jsonb,
    error        text,
    UNIQUE (job_id, chunk)
);

CREATE INDEX scoring_chunks_claimable ON scoring_chunks (id) WHERE status IN ('pending', 'running');
CREATE INDEX scoring_chunks_by_job ON scoring_chunks (job_id, id);
