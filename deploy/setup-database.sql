-- setup-database.sql — the roles and the database of the portal.  Run once as a PostgreSQL
-- superuser (psql -U postgres -f deploy/setup-database.sql); `make run` and the tests do it for
-- their private clusters.  Then `portal migrate` (as ecoc_owner) creates the schema.
--
--   ecoc_owner   owns the database and every table; runs migrations and operator commands
--   ecoc_app     the serving role: owns nothing, no BYPASSRLS, only the grants the migrations give;
--                the portal refuses to serve as a role that owns tables or bypasses RLS
--   ecoc_backup  reads every region for `portal backup` (BYPASSRLS, read-only)
CREATE ROLE ecoc_owner LOGIN;
CREATE ROLE ecoc_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
CREATE ROLE ecoc_backup LOGIN NOSUPERUSER BYPASSRLS;
CREATE DATABASE ecoc OWNER ecoc_owner ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8';
\connect ecoc
ALTER SCHEMA public OWNER TO ecoc_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT pg_read_all_data TO ecoc_backup;
