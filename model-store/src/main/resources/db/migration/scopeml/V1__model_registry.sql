-- Model families: what a model predicts and over which scopes.
CREATE TABLE model_families (
    name           text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$'),
    label          text        NOT NULL,
    classes        jsonb       NOT NULL,
    scope_columns  jsonb       NOT NULL,
    feature_schema jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per (model, scope) that has versions: hands out version numbers and serialises
-- promotions of that scope (both lock this row).
CREATE TABLE model_scopes (
    model        text    NOT NULL REFERENCES model_families (name),
    scope        text    NOT NULL,
    last_version integer NOT NULL DEFAULT 0,
    PRIMARY KEY (model, scope)
);

-- Immutable model versions.
CREATE TABLE model_versions (
    model           text        NOT NULL,
    scope           text        NOT NULL,
    version         integer     NOT NULL CHECK (version > 0),
    format          text        NOT NULL,
    algorithm       text        NOT NULL,
    hyperparameters jsonb       NOT NULL,
    metrics         jsonb       NOT NULL,
    feature_schema  jsonb       NOT NULL,
    reference       jsonb       NOT NULL,
    provenance      jsonb       NOT NULL,
    run_id          uuid,
    artifact        bytea       NOT NULL,
    artifact_sha256 text        NOT NULL CHECK (artifact_sha256 ~ '^[0-9a-f]{64}$'),
    artifact_bytes  integer     NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model, scope, version),
    FOREIGN KEY (model, scope) REFERENCES model_scopes (model, scope)
);

-- A retried training task finds the version its first attempt stored instead of adding another.
CREATE UNIQUE INDEX model_versions_one_per_run ON model_versions (model, scope, run_id)
    WHERE run_id IS NOT NULL;

CREATE FUNCTION scopeml_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER model_versions_immutable BEFORE UPDATE OR DELETE ON model_versions
    FOR EACH ROW EXECUTE FUNCTION scopeml_refuse_change();

-- The active pointer: every version that was ever promoted has a row; at most one per scope is
-- active, which the partial unique index guarantees whatever the application does.
CREATE TABLE activations (
    model          text        NOT NULL,
    scope          text        NOT NULL,
    version        integer     NOT NULL,
    active         boolean     NOT NULL,
    activated_at   timestamptz NOT NULL DEFAULT now(),
    deactivated_at timestamptz,
    PRIMARY KEY (model, scope, version),
    FOREIGN KEY (model, scope, version) REFERENCES model_versions (model, scope, version)
);

CREATE UNIQUE INDEX activations_one_active_per_scope ON activations (model, scope) WHERE active;

-- Append-only audit log of promotions and rollbacks.
CREATE TABLE promotion_events (
    id           bigserial PRIMARY KEY,
    model        text        NOT NULL,
    scope        text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('promote', 'rollback')),
    from_version integer,
    to_version   integer     NOT NULL,
    actor        text        NOT NULL,
    reason       text        NOT NULL DEFAULT '',
    at           timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (model, scope, to_version) REFERENCES model_versions (model, scope, version)
);

CREATE INDEX promotion_events_by_scope ON promotion_events (model, scope, id);

CREATE TRIGGER promotion_events_append_only BEFORE UPDATE OR DELETE ON promotion_events
    FOR EACH ROW EXECUTE FUNCTION scopeml_refuse_change();
