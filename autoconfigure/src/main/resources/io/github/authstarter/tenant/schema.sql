-- The stored providers of auth.provider-store.type=jdbc. Runs on PostgreSQL, H2 and
-- others that take standard SQL; applied at startup with
-- auth.provider-store.initialize-schema=true, or by your own migrations.
CREATE TABLE IF NOT EXISTS auth_provider (
	id VARCHAR(63) NOT NULL PRIMARY KEY,
	tenant VARCHAR(128),
	enabled BOOLEAN NOT NULL,
	version BIGINT NOT NULL,
	settings VARCHAR(65535) NOT NULL,
	email_domains VARCHAR(4096)
);
CREATE INDEX IF NOT EXISTS auth_provider_tenant ON auth_provider (tenant);
