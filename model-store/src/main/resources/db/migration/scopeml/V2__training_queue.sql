-- A training run: the request as submitted, and a cancel flag; its status is derived from its tasks.
CREATE TABLE training_runs (
    id               uuid PRIMARY KEY,
    model            text        NOT NULL,
    spec             jsonb       NOT NULL,
    cancel_requested boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz
);

CREATE INDEX training_runs_by_time ON training_runs (created_at DESC);

-- One task per scope, claimed by workers with FOR UPDATE SKIP LOCKED under a lease.
CREATE TABLE training_tasks (
    id           bigserial PRIMARY KEY,
    run_id       uuid        NOT NULL REFERENCES training_runs (id),
    scope        text        NOT NULL,
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
    UNIQUE (run_id, scope)
);

-- Claims look only at claimable rows.
CREATE INDEX training_tasks_claimable ON training_tasks (id) WHERE status IN ('pending', 'running');
CREATE INDEX training_tasks_by_run ON training_tasks (run_id, id);
