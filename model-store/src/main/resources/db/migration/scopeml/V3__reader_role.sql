-- The scorer reads the registry and never writes it. Its login role is made a member of
-- scopeml_reader, which can SELECT and nothing else: a bug or a compromised scorer cannot change a
-- model. Roles are cluster-wide, so the role is created once and granted in every ScopeML database.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'scopeml_reader') THEN
        CREATE ROLE scopeml_reader NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO scopeml_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO scopeml_reader;
-- Tables added by later migrations are readable too.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO scopeml_reader;
